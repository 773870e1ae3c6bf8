package dev.cutaway.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many connections to one database run truly in parallel: every connection holds an open
 * transaction with an uncommitted write at the same moment (a barrier all of them must reach
 * while inside their transactions; a driver or engine that serialized connections would
 * never let them all arrive), and isolation holds meanwhile: each sees its own row and none
 * of the others' until they commit.
 */
class ParallelConnectionsTest {
    private static final int CONNECTIONS = 8;

    @Test
    void connectionsHoldOpenTransactionsAtTheSameTimeAndStayIsolated() throws Exception {
        String url = "jdbc:cutaway:mem:parallel_" + System.nanoTime();
        try (Connection setup = DriverManager.getConnection(url)) {
            setup.createStatement().execute("CREATE TABLE r (id int PRIMARY KEY, who text)");
            CyclicBarrier allInside = new CyclicBarrier(CONNECTIONS);
            CyclicBarrier allCommitted = new CyclicBarrier(CONNECTIONS);
            ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
            try {
                List<Future<long[]>> counts = new ArrayList<>();
                for (int i = 0; i < CONNECTIONS; i++) {
                    int id = i;
                    counts.add(pool.submit(() -> oneConnection(url, id, allInside,
                            allCommitted)));
                }
                for (Future<long[]> f : counts) {
                    long[] seen = f.get(60, TimeUnit.SECONDS);
                    assertThat(seen[0]).as("inside: own row only").isEqualTo(1);
                    assertThat(seen[1]).as("after all commits").isEqualTo(CONNECTIONS);
                }
            } finally {
                pool.shutdownNow();
            }
            ResultSet rs = setup.createStatement().executeQuery("SELECT count(*) FROM r");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(CONNECTIONS);
        }
    }

    private static long[] oneConnection(String url, int id, CyclicBarrier allInside,
            CyclicBarrier allCommitted) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            var insert = c.prepareStatement("INSERT INTO r VALUES (?, ?)");
            insert.setInt(1, id);
            insert.setString(2, Thread.currentThread().getName());
            insert.executeUpdate();
            allInside.await(30, TimeUnit.SECONDS);
            long inside = count(c);
            c.commit();
            allCommitted.await(30, TimeUnit.SECONDS);
            long after = count(c);
            c.commit();
            return new long[] {inside, after};
        }
    }

    private static long count(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM r")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
