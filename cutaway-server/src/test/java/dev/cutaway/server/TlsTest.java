package dev.cutaway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.sql.engine.Database;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

    private static ServerOptions tlsOptions(Path dir) throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
                "keytool").toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass",
                "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        return ServerOptions.defaults().withPort(0).withTls(
                ServerOptions.tlsFromKeyStore(keyStore, "changeit".toCharArray()));
    }

    @Test
    void sslRequestUpgradesTheSocketWhenACertificateIsConfigured(@TempDir Path dir)
            throws Exception {
        ServerOptions options = tlsOptions(dir);
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

    /** Bytes sent in the clear after SSLRequest, before the 'S', would pass as TLS input. */
    @Test
    void bytesSentBeforeTheSslAnswerEndTheConnection(@TempDir Path dir) throws Exception {
        try (Database db = Database.inMemory();
             PgServer server = PgServer.start(db, tlsOptions(dir));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            ByteBuffer b = ByteBuffer.allocate(16);
            b.putInt(8).putInt(80877103);      // SSLRequest
            b.putInt(8).putInt(196608);        // and, unasked, the start of a startup packet
            socket.getOutputStream().write(b.array());
            byte[] answer = socket.getInputStream().readAllBytes();
            assertThat((char) answer[0]).isEqualTo('E');
            assertThat(new String(answer, StandardCharsets.UTF_8))
                    .contains("08P01").contains("unencrypted data after SSL request");
        }
    }

    private static String url(PgServer server) {
        return "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres";
    }
}
