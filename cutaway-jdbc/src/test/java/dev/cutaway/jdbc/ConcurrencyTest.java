package dev.cutaway.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Connections to one shared database on several threads at once: bank transfers under
 * repeatable read, retried on 40001 (or 40P01, a deadlock), keep the total: no lost update.
 * (Whether conflicts happen depends on scheduling, so the test does not insist on them.)
 */
class ConcurrencyTest {
    private static final int ACCOUNTS = 5;
    private static final int THREADS = 4;
    private static final int TRANSFERS_PER_THREAD = 40;
    private static final int RETRIES_MAX = 1000;

    @Test
    void concurrentTransfersKeepTheTotal() throws Exception {
        String url = "jdbc:cutaway:mem:bank_" + System.nanoTime();
        try (Connection setup = DriverManager.getConnection(url)) {
            setup.createStatement().execute("CREATE TABLE acct (id int PRIMARY KEY, bal int)");
            for (int i = 0; i < ACCOUNTS; i++) {
                setup.createStatement().executeUpdate("INSERT INTO acct VALUES (" + i + ", 100)");
            }
            AtomicInteger conflicts = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    long seed = 1000 + t;
                    done.add(pool.submit(() -> transfers(url, seed, conflicts)));
                }
                int committed = 0;
                for (Future<Integer> f : done) {
                    committed += f.get(60, TimeUnit.SECONDS);
                }
                assertThat(committed).isEqualTo(THREADS * TRANSFERS_PER_THREAD);
            } finally {
                pool.shutdownNow();
            }
            ResultSet rs = setup.createStatement().executeQuery("SELECT sum(bal) FROM acct");
            rs.next();
            assertThat(rs.getLong(1)).as("total after %d retries", conflicts.get())
                    .isEqualTo(ACCOUNTS * 100L);
        }
    }

    private static int transfers(String url, long seed, AtomicInteger conflicts)
            throws SQLException {
        SplittableRandom random = new SplittableRandom(seed);
        int committed = 0;
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            PreparedStatement read = c.prepareStatement("SELECT bal FROM acct WHERE id = ?");
            PreparedStatement write = c.prepareStatement("UPDATE acct SET bal = ? WHERE id = ?");
            for (int i = 0; i < TRANSFERS_PER_THREAD; i++) {
                int from = random.nextInt(ACCOUNTS);
                int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                for (int attempt = 0; ; attempt++) {
                    assertThat(attempt).isLessThan(RETRIES_MAX);
                    try {
                        move(read, write, from, to);
                        c.commit();
                        committed++;
                        break;
                    } catch (SQLException e) {
                        assertThat(e.getSQLState()).isIn("40001", "40P01");
                        conflicts.incrementAndGet();
                        c.rollback();
                    }
                }
            }
        }
        return committed;
    }

    private static void move(PreparedStatement read, PreparedStatement write, int from, int to)
            throws SQLException {
        int fromBalance = balance(read, from);
        int toBalance = balance(read, to);
        write.setInt(1, fromBalance - 1);
        write.setInt(2, from);
        write.executeUpdate();
        write.setInt(1, toBalance + 1);
        write.setInt(2, to);
        write.executeUpdate();
    }

    private static int balance(PreparedStatement read, int id) throws SQLException {
        read.setInt(1, id);
        try (ResultSet rs = read.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }
}
