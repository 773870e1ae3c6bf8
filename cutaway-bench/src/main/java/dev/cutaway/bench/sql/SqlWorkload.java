package dev.cutaway.bench.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;

/**
 * The sysbench-like workloads of {@code bench sql} over one table and a small dimension
 * table, in SQL every engine accepts:
 * <pre>
 *   sbtest (id INTEGER PRIMARY KEY, k INTEGER NOT NULL, grp INTEGER NOT NULL,
 *           c VARCHAR(120) NOT NULL, pad VARCHAR(60) NOT NULL), index on k
 *   sbgroup (g INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL)   -- 100 groups, grp = id % 100
 * </pre>
 * ids are 1..rows, k is random in 1..rows (so a k lookup finds about one row). Every
 * operation uses prepared statements and reads every row it gets, so nothing is left lazy.
 * Reads run in autocommit; {@code update_durable} is one autocommitted (durable) UPDATE;
 * {@code mixed_rw} is one explicit transaction (4 point selects, a 10-row range, an UPDATE of
 * a non-indexed and one of the indexed column) committed durably.
 */
enum SqlWorkload {
    POINT_SELECT("point_select", false),
    RANGE_SELECT("range_select", false),
    INDEX_SELECT("index_select", false),
    UPDATE_DURABLE("update_durable", true),
    JOIN_GROUP_BY("join_group_by", false),
    MIXED_RW("mixed_rw", true);

    /** Rows a range select returns. */
    static final int RANGE_ROWS = 100;
    /** Rows per transaction of the bulk load. */
    static final int LOAD_BATCH_ROWS = 1000;
    static final int GROUPS = 100;

    private final String label;
    private final boolean writes;

    SqlWorkload(String label, boolean writes) {
        this.label = label;
        this.writes = writes;
    }

    String label() {
        return label;
    }

    /** Whether it commits writes (durable commits: the group-commit ratio uses these). */
    boolean writes() {
        return writes;
    }

    static void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sbtest (id INTEGER PRIMARY KEY, k INTEGER NOT NULL,"
                    + " grp INTEGER NOT NULL, c VARCHAR(120) NOT NULL, pad VARCHAR(60) NOT NULL)");
            s.execute("CREATE INDEX sbtest_k ON sbtest (k)");
            s.execute("CREATE TABLE sbgroup (g INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL)");
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO sbgroup (g, name) VALUES (?, ?)")) {
            for (int g = 0; g < GROUPS; g++) {
                p.setInt(1, g);
                p.setString(2, "group-" + g);
                p.executeUpdate();
            }
        }
    }

    /** A row's c column: 120 characters that differ per row and per update. */
    static String cValue(SplittableRandom random) {
        StringBuilder b = new StringBuilder(120);
        while (b.length() < 120) {
            b.append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36)).append('-');
        }
        b.setLength(120);
        return b.toString();
    }

    /** The prepared statements of one connection (one per thread). */
    static final class Statements implements AutoCloseable {
        final Connection connection;
        final PreparedStatement insert;
        final PreparedStatement point;
        final PreparedStatement range;
        final PreparedStatement byK;
        final PreparedStatement updateC;
        final PreparedStatement updateK;
        final PreparedStatement join;

        Statements(Connection c) throws SQLException {
            this.connection = c;
            insert = c.prepareStatement(
                    "INSERT INTO sbtest (id, k, grp, c, pad) VALUES (?, ?, ?, ?, ?)");
            point = c.prepareStatement("SELECT c FROM sbtest WHERE id = ?");
            range = c.prepareStatement("SELECT c FROM sbtest WHERE id BETWEEN ? AND ?");
            byK = c.prepareStatement("SELECT id, c FROM sbtest WHERE k = ?");
            updateC = c.prepareStatement("UPDATE sbtest SET c = ? WHERE id = ?");
            updateK = c.prepareStatement("UPDATE sbtest SET k = ? WHERE id = ?");
            join = c.prepareStatement("SELECT g.name, COUNT(*), SUM(s.k) FROM sbtest s"
                    + " JOIN sbgroup g ON g.g = s.grp WHERE s.id BETWEEN ? AND ?"
                    + " GROUP BY g.name");
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement p : new PreparedStatement[] {insert, point, range, byK,
                    updateC, updateK, join}) {
                p.close();
            }
        }
    }

    /** Loads rows {@code [from, to)} in transactions of {@link #LOAD_BATCH_ROWS}. */
    static void load(Statements st, int from, int to, int rows, SplittableRandom random)
            throws SQLException {
        Connection c = st.connection;
        c.setAutoCommit(false);
        try {
            for (int id = from; id < to; id++) {
                st.insert.setInt(1, id);
                st.insert.setInt(2, 1 + random.nextInt(rows));
                st.insert.setInt(3, id % GROUPS);
                st.insert.setString(4, cValue(random));
                st.insert.setString(5, "pad-" + id);
                st.insert.executeUpdate();
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** One operation; returns a number derived from what it read (kept against elision). */
    long run(Statements st, int rows, SplittableRandom random) throws SQLException {
        return switch (this) {
            case POINT_SELECT -> point(st, 1 + random.nextInt(rows));
            case RANGE_SELECT -> range(st, st.range, random, rows, RANGE_ROWS);
            case INDEX_SELECT -> {
                st.byK.setInt(1, 1 + random.nextInt(rows));
                yield drain(st.byK);
            }
            case UPDATE_DURABLE -> updateC(st, random, rows);
            case JOIN_GROUP_BY -> range(st, st.join, random, rows, RANGE_ROWS);
            case MIXED_RW -> mixed(st, random, rows);
        };
    }

    private static long point(Statements st, int id) throws SQLException {
        st.point.setInt(1, id);
        return drain(st.point);
    }

    private static long range(Statements st, PreparedStatement p, SplittableRandom random,
            int rows, int width) throws SQLException {
        int low = 1 + random.nextInt(Math.max(1, rows - width));
        p.setInt(1, low);
        p.setInt(2, low + width - 1);
        return drain(p);
    }

    private static long updateC(Statements st, SplittableRandom random, int rows)
            throws SQLException {
        st.updateC.setString(1, cValue(random));
        st.updateC.setInt(2, 1 + random.nextInt(rows));
        return st.updateC.executeUpdate();
    }

    private static long mixed(Statements st, SplittableRandom random, int rows)
            throws SQLException {
        Connection c = st.connection;
        c.setAutoCommit(false);
        try {
            long sink = 0;
            for (int i = 0; i < 4; i++) {
                sink += point(st, 1 + random.nextInt(rows));
            }
            sink += range(st, st.range, random, rows, 10);
            sink += updateC(st, random, rows);
            st.updateK.setInt(1, 1 + random.nextInt(rows));
            st.updateK.setInt(2, 1 + random.nextInt(rows));
            sink += st.updateK.executeUpdate();
            c.commit();
            return sink;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static long drain(PreparedStatement p) throws SQLException {
        long sink = 0;
        try (ResultSet rs = p.executeQuery()) {
            int columns = rs.getMetaData() == null ? 1 : rs.getMetaData().getColumnCount();
            while (rs.next()) {
                sink += 1 + String.valueOf(rs.getObject(columns)).length();
            }
        }
        return sink;
    }
}
