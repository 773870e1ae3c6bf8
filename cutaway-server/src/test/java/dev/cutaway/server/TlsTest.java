package dev.cutaway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.sql.engine.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSLRequest: with a certificate configured the server answers 'S' and speaks TLS on the same
 * socket (pgjdbc with sslmode=require works); without one it answers 'N' and such a client
 * fails with pgjdbc's 08004, while sslmode=prefer falls back to plaintext.
 */
class TlsTest {

    @Test
    void sslRequestUpgradesTheSocketWhenACertificateIsConfigured(@TempDir Path dir)
            throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
                "keytool").toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass",
                "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        ServerOptions options = ServerOptions.defaults().withPort(0).withTls(
                ServerOptions.tlsFromKeyStore(keyStore, "changeit".toCharArray()));
        try (Database db = Database.inMemory(); PgServer server = PgServer.start(db, options)) {
            Properties p = new Properties();
            p.setProperty("user", "postgres");
            p.setProperty("sslmode", "require");
            p.setProperty("sslfactory", "org.postgresql.ssl.NonValidatingFactory");
            try (Connection c = DriverManager.getConnection(url(server), p);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select 'over tls'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("over tls");
            }
        }
    }

    @Test
    void withoutACertificateTheAnswerIsN() throws Exception {
        try (ServerFixture fx = new ServerFixture()) {
            Properties p = new Properties();
            p.setProperty("user", "postgres");
            p.setProperty("sslmode", "require");
            assertThatThrownBy(() -> DriverManager.getConnection(fx.url(), p))
                    .hasFieldOrPropertyWithValue("SQLState", "08004");
            p.setProperty("sslmode", "prefer");
            try (Connection c = DriverManager.getConnection(fx.url(), p)) {
                assertThat(c.isValid(1)).isTrue();
            }
        }
    }

    private static String url(PgServer server) {
        return "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres";
    }
}
