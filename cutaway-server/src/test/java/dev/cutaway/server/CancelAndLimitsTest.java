package dev.cutaway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * CancelRequest (pgjdbc's Statement.cancel and setQueryTimeout), the server's statement and
 * idle timeouts, and the connection limit.
 */
class CancelAndLimitsTest {
    /** Long enough to be still running when the cancel arrives (it stops within a row). */
    private static final String LONG_QUERY =
            "select count(*) from generate_series(1, 2000000000) as g";

    @Test
    void cancelRequestStopsTheRunningStatementAndTheConnectionGoesOn() throws Exception {
        try (ServerFixture fx = new ServerFixture(); Connection c = fx.connect();
             Statement s = c.createStatement()) {
            CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(300);
                    s.cancel();
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThatThrownBy(() -> s.executeQuery(LONG_QUERY))
                    .isInstanceOf(SQLException.class)
                    .hasFieldOrPropertyWithValue("SQLState", "57014")
                    .hasMessageContaining("canceling statement due to user request");
            canceller.get(5, TimeUnit.SECONDS);
            try (ResultSet rs = s.executeQuery("select 42")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void queryTimeoutOfTheDriverCancelsToo() throws Exception {
        try (ServerFixture fx = new ServerFixture(); Connection c = fx.connect();
             Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            assertThatThrownBy(() -> s.executeQuery(LONG_QUERY))
                    .hasFieldOrPropertyWithValue("SQLState", "57014");
        }
    }

    @Test
    void serverStatementTimeoutCancelsWithItsOwnMessage() throws Exception {
        try (ServerFixture fx = new ServerFixture(
                ServerOptions.defaults().withStatementTimeoutMs(200));
             Connection c = fx.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery(LONG_QUERY))
                    .hasFieldOrPropertyWithValue("SQLState", "57014")
                    .hasMessageContaining("statement timeout");
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void statementTimeoutStopsACopyAndLeavesNothing() throws Exception {
        try (ServerFixture fx = new ServerFixture(
                ServerOptions.defaults().withStatementTimeoutMs(300));
             Connection c = fx.connect(); Statement s = c.createStatement()) {
            s.execute("create table ct (a int)");
            String half = "1\n".repeat(600);
            Reader slow = new Reader() {   // two batches' worth, with a pause past the timeout
                private int part;

                @Override
                public int read(char[] buf, int off, int len) throws IOException {
                    if (part == 2) {
                        return -1;
                    }
                    if (part++ == 1) {
                        try {
                            Thread.sleep(700);
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                    }
                    int n = Math.min(len, half.length());
                    half.getChars(0, n, buf, off);
                    return n;
                }

                @Override
                public void close() {
                }
            };
            assertThatThrownBy(() -> c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY ct FROM STDIN", slow))
                    .hasFieldOrPropertyWithValue("SQLState", "57014")
                    .hasMessageContaining("statement timeout");
            try (ResultSet rs = s.executeQuery("select count(*) from ct")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        try (ServerFixture fx = new ServerFixture(
                ServerOptions.defaults().withIdleTimeoutMs(200));
             Connection c = fx.connect(); Statement s = c.createStatement()) {
            s.execute("select 1");
            Thread.sleep(600);
            assertThatThrownBy(() -> s.execute("select 1")).isInstanceOf(SQLException.class);
            assertThat(c.isValid(1)).isFalse();
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefusedWith53300() throws Exception {
        try (ServerFixture fx = new ServerFixture(
                ServerOptions.defaults().withConnectionsMax(2));
             Connection a = fx.connect(); Connection b = fx.connect()) {
            assertThatThrownBy(fx::connect).isInstanceOf(SQLException.class)
                    .hasFieldOrPropertyWithValue("SQLState", "53300");
            b.close();
            for (int i = 0; i < 50 && fx.server.activeConnections() > 1; i++) {
                Thread.sleep(20);
            }
            try (Connection again = fx.connect()) {
                assertThat(again.isValid(1)).isTrue();
            }
            assertThat(a.isValid(1)).isTrue();
        }
    }
}
