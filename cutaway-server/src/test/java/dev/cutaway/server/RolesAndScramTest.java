package dev.cutaway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.sql.catalog.ScramVerifier;
import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.DatabaseOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roles in the catalog and SCRAM-SHA-256: the RFC 7677 test vector, pgjdbc logging in with
 * the right and a wrong password, roles surviving a restart, and no password on disk.
 */
class RolesAndScramTest {

    /** RFC 7677 section 3: user "user", password "pencil". */
    @Test
    void serverSideExchangeMatchesTheRfcVector() throws Exception {
        ScramVerifier v = ScramVerifier.derive("pencil",
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        Scram.Exchange e = new Scram.Exchange(v);
        String first = e.serverFirst("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        assertThat(first).startsWith("r=rOprNGfwEbeRWgbNEkqO")
                .endsWith(",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        // The RFC's server nonce is fixed; ours is random, so compute the proof ourselves
        // the way a client does and check the server signature against the same formula.
        String nonce = first.substring(2, first.indexOf(','));
        String finalBare = "c=biws,r=" + nonce;
        String auth = "n=user,r=rOprNGfwEbeRWgbNEkqO," + first + "," + finalBare;
        byte[] salted = saltedPassword("pencil", v.salt());
        byte[] clientKey = ScramVerifier.hmac(salted, "Client Key");
        byte[] signature = ScramVerifier.hmac(ScramVerifier.sha256(clientKey),
                auth.getBytes(StandardCharsets.UTF_8));
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        String serverFinal = e.serverFinal(finalBare + ",p="
                + Base64.getEncoder().encodeToString(proof));
        assertThat(serverFinal).isEqualTo("v=" + Base64.getEncoder().encodeToString(
                ScramVerifier.hmac(ScramVerifier.hmac(salted, "Server Key"),
                        auth.getBytes(StandardCharsets.UTF_8))));
        // The RFC's StoredKey/ServerKey for this salt and password (base64 of its values).
        assertThat(Base64.getEncoder().encodeToString(v.serverKey()))
                .isEqualTo("wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=");
        Scram.Exchange wrong = new Scram.Exchange(v);
        String wrongFirst = wrong.serverFirst("n,,n=,r=abc");
        proof[0] ^= 1;
        assertThat(wrong.serverFinal("c=biws,r=" + wrongFirst.substring(2,
                wrongFirst.indexOf(',')) + ",p=" + Base64.getEncoder().encodeToString(proof)))
                .as("a wrong proof").isNull();
    }

    private static byte[] saltedPassword(String password, byte[] salt) throws Exception {
        javax.crypto.SecretKeyFactory f =
                javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        return f.generateSecret(new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt,
                4096, 256)).getEncoded();
    }

    @Test
    void pgjdbcLogsInWithScramAndRolesPersistWithoutPasswords(@TempDir Path dir)
            throws Exception {
        String password = "correct horse battery staple";
        try (Database db = Database.open(dir, DatabaseOptions.defaults());
             PgServer server = PgServer.start(db, ServerOptions.defaults().withPort(0))) {
            try (Connection c = connect(server, "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE ROLE app LOGIN PASSWORD '" + password + "'");
                s.execute("CREATE ROLE nologin PASSWORD 'x'");
                assertThatThrownBy(() -> s.execute("CREATE ROLE app"))
                        .hasFieldOrPropertyWithValue("SQLState", "42710");
            }
        }
        try (Database db = Database.open(dir, DatabaseOptions.defaults());
             PgServer server = PgServer.start(db, ServerOptions.defaults().withPort(0)
                     .withAuth(ServerOptions.Auth.SCRAM))) {
            try (Connection c = connect(server, "app", password)) {
                assertThat(c.isValid(1)).isTrue();
            }
            assertThatThrownBy(() -> connect(server, "app", "wrong"))
                    .hasFieldOrPropertyWithValue("SQLState", "28P01");
            assertThatThrownBy(() -> connect(server, "postgres", "anything"))
                    .hasFieldOrPropertyWithValue("SQLState", "28P01");
            assertThatThrownBy(() -> connect(server, "nologin", "x"))
                    .hasFieldOrPropertyWithValue("SQLState", "28000");
            assertThatThrownBy(() -> connect(server, "ghost", "x"))
                    .hasFieldOrPropertyWithValue("SQLState", "28000");
            try (Connection c = connect(server, "app", password);
                 Statement s = c.createStatement()) {
                s.execute("ALTER ROLE app PASSWORD 'changed'");
            }
            try (Connection c = connect(server, "app", "changed")) {
                assertThat(c.isValid(1)).isTrue();
            }
        }
        assertThat(filesContain(dir, password)).as("password bytes on disk").isFalse();
    }

    private static boolean filesContain(Path dir, String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(f);
                outer:
                for (int i = 0; i + needle.length <= b.length; i++) {
                    for (int j = 0; j < needle.length; j++) {
                        if (b[i + j] != needle[j]) {
                            continue outer;
                        }
                    }
                    return true;
                }
            }
        }
        return false;
    }

    private static Connection connect(PgServer server, String user, String password)
            throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                + "/postgres", user, password);
    }
}
