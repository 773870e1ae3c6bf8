package dev.cutaway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.DatabaseOptions;
import dev.cutaway.txn.TxnOptions;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * COPY FROM STDIN through pgjdbc's CopyManager (ADR 0038): many batches in one COPY, all or
 * nothing whatever fails — a bad value in the last row, a duplicate key inside the COPY or
 * against rows already there, NOT NULL, CHECK, a foreign key, the client's CopyFail — and
 * every row's index entries present after it. Commits are written in small parts (ADR 0029),
 * as a large load's are, and a concurrent reader sees none of the rows or all of them.
 */
class CopyTest {
    /** Enough rows for many batches and many commit parts. */
    private static final int ROWS = 3 * CopyCommand.BATCH_ROWS * 10 + 17;

    private Database db;
    private PgServer server;
    private Connection c;

    @BeforeEach
    void start() throws Exception {
        db = Database.inMemory(DatabaseOptions.defaults().withSynchronousCommit(false)
                .withTxn(TxnOptions.defaults().withCommitPartBytes(64 * 1024)));
        server = PgServer.start(db, ServerOptions.defaults().withPort(0));
        c = connect();
        run("CREATE TABLE t (id int PRIMARY KEY, k int NOT NULL, v text)");
        run("CREATE INDEX t_k ON t (k)");
    }

    @AfterEach
    void stop() throws Exception {
        c.close();
        server.close();
        db.close();
    }

    @Test
    void aBadValueInTheLastRowLeavesNothingAndTheTableStaysUsable() throws Exception {
        String good = rows(ROWS, i -> i + "\t" + (i % 100) + "\tv" + i);
        assertThatThrownBy(() -> copy("COPY t FROM STDIN", good + "99999999\tnope\tlast\n"))
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("22P02"));
        assertThat(count("SELECT count(*) FROM t")).isZero();
        assertThat(copy("COPY t FROM STDIN", good)).isEqualTo(ROWS);
        assertThat(count("SELECT count(*) FROM t")).isEqualTo(ROWS);
    }

    @Test
    void aDuplicateKeyInsideTheCopyIs23505AndLeavesNothing() throws Exception {
        String data = rows(ROWS, i -> i + "\t1\tx") + "10\t1\tagain\n";
        assertThatThrownBy(() -> copy("COPY t FROM STDIN", data))
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        assertThat(count("SELECT count(*) FROM t")).isZero();
    }

    @Test
    void aKeyAlreadyInTheTableIs23505AndOnlyTheOldRowStays() throws Exception {
        run("INSERT INTO t VALUES (" + (ROWS - 3) + ", 5, 'old')");
        assertThatThrownBy(() -> copy("COPY t FROM STDIN", rows(ROWS, i -> i + "\t1\tx")))
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        assertThat(count("SELECT count(*) FROM t")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM t WHERE v = 'old'")).isEqualTo(1);
    }

    @Test
    void aUniqueSecondaryIndexIsCheckedInsideTheCopy() throws Exception {
        run("CREATE UNIQUE INDEX t_v ON t (v)");
        String data = rows(ROWS, i -> i + "\t1\tv" + (i == ROWS ? 7 : i));
        assertThatThrownBy(() -> copy("COPY t FROM STDIN", data))
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        assertThat(count("SELECT count(*) FROM t")).isZero();
    }

    @Test
    void copiedRowsHaveTheirIndexEntries() throws Exception {
        assertThat(copy("COPY t (id, k, v) FROM STDIN",
                rows(ROWS, i -> i + "\t" + (i % 100) + "\tv" + i))).isEqualTo(ROWS);
        run("SET enable_seqscan = off");
        assertThat(plan("SELECT count(*) FROM t WHERE k = 7")).contains("Index");
        long sevens = (ROWS + 100 - 7) / 100;
        assertThat(count("SELECT count(*) FROM t WHERE k = 7")).isEqualTo(sevens);
        assertThat(count("SELECT sum(k) FROM t WHERE k >= 0")).isEqualTo(sumOfK());
        assertThat(plan("SELECT v FROM t WHERE id = 4321")).contains("Key Lookup");
        assertThat(text("SELECT v FROM t WHERE id = 4321")).isEqualTo("v4321");
    }

    @Test
    void defaultsNotNullCheckAndForeignKeysAreEnforced() throws Exception {
        run("CREATE TABLE parent (id int PRIMARY KEY)");
        run("INSERT INTO parent SELECT g FROM generate_series(1, 10) g");
        run("CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id),"
                + " qty int NOT NULL CHECK (qty > 0), note text DEFAULT 'none')");
        String good = rows(ROWS, i -> i + "\t" + (i % 10 + 1) + "\t" + i);
        assertThat(copy("COPY child (id, parent_id, qty) FROM STDIN", good)).isEqualTo(ROWS);
        assertThat(count("SELECT count(*) FROM child WHERE note = 'none'")).isEqualTo(ROWS);
        run("DELETE FROM child");
        String[][] bad = {{"\\N", "23502"}, {"0", "23514"}};
        for (String[] b : bad) {
            assertThatThrownBy(() -> copy("COPY child (id, parent_id, qty) FROM STDIN",
                    good + (ROWS + 1) + "\t1\t" + b[0] + "\n"))
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo(b[1]));
            assertThat(count("SELECT count(*) FROM child")).isZero();
        }
        assertThatThrownBy(() -> copy("COPY child (id, parent_id, qty) FROM STDIN",
                good + (ROWS + 1) + "\t11\t1\n"))
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("23503"));
        assertThat(count("SELECT count(*) FROM child")).isZero();
    }

    @Test
    void aCopyTheClientCancelsLeavesNothingAlsoInsideABlock() throws Exception {
        String data = rows(ROWS, i -> i + "\t1\tx");
        assertThatThrownBy(() -> copyFailingAfter(data, data.length() - 10))
                .isInstanceOf(IOException.class);   // and pgjdbc sent CopyFail
        assertThat(count("SELECT count(*) FROM t")).isZero();
        c.setAutoCommit(false);
        run("INSERT INTO t VALUES (-1, 1, 'before')");
        assertThatThrownBy(() -> copyFailingAfter(data, data.length() / 2))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> count("SELECT count(*) FROM t"))   // the block has failed
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
        c.rollback();
        c.setAutoCommit(true);
        assertThat(count("SELECT count(*) FROM t")).isZero();
    }

    @Test
    void aConcurrentReaderSeesNoneOrAllOfTheRows() throws Exception {
        int rows = ROWS * 2;
        String data = rows(rows, i -> i + "\t" + (i % 100) + "\tv" + i);
        Set<Long> seen = new TreeSet<>();
        Set<Long> seenThrees = new TreeSet<>();
        try (Connection reader = connect()) {
            CompletableFuture<Long> load = CompletableFuture.supplyAsync(() -> {
                try (Connection writer = connect()) {
                    return copy(writer, "COPY t FROM STDIN", data);
                } catch (SQLException | IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            while (!load.isDone()) {
                seen.add(count(reader, "SELECT count(*) FROM t"));
                seenThrees.add(count(reader, "SELECT count(*) FROM t WHERE k = 3"));
            }
            assertThat(load.get(60, TimeUnit.SECONDS)).isEqualTo(rows);
            seen.add(count(reader, "SELECT count(*) FROM t"));
        }
        long threes = (rows + 100 - 3) / 100;
        assertThat(seen).isSubsetOf(0L, (long) rows).contains((long) rows);
        assertThat(seenThrees).isSubsetOf(0L, threes);
    }

    private long sumOfK() {
        long sum = 0;
        for (int i = 1; i <= ROWS; i++) {
            sum += i % 100;
        }
        return sum;
    }

    private static String rows(int n, IntFunction<String> row) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            b.append(row.apply(i)).append('\n');
        }
        return b.toString();
    }

    private Connection connect() throws SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + server.port() + "/postgres", "postgres", "");
    }

    private long copy(String sql, String data) throws SQLException, IOException {
        return copy(c, sql, data);
    }

    private static long copy(Connection conn, String sql, String data)
            throws SQLException, IOException {
        return conn.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(data));
    }

    /** A COPY whose input fails after {@code chars} characters: the driver sends CopyFail. */
    private void copyFailingAfter(String data, int chars) throws SQLException, IOException {
        Reader failing = new Reader() {
            private int at;

            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                if (at >= chars) {
                    throw new IOException("the client gave up");
                }
                int n = Math.min(len, chars - at);
                data.getChars(at, at + n, buf, off);
                at += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY t FROM STDIN", failing);
    }

    private void run(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        return count(c, sql);
    }

    private static long count(Connection conn, String sql) throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private String text(String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private String plan(String sql) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                b.append(rs.getString(1)).append('\n');
            }
        }
        return b.toString();
    }
}
