package dev.cutaway.sql.slt;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link SltEngine} over a JDBC connection, used to run the corpus against real PostgreSQL
 * (and later against Cutaway's own JDBC driver). A fresh database per script is a fresh schema:
 * the factory drops and recreates {@code schema} and puts it alone on the search path, so every
 * table and view a script creates lands in it and nothing survives into the next script.
 *
 * <p>Values: JDBC's {@code getObject} gives Integer, Long, BigDecimal, Double, Float, String and
 * Boolean for the types the corpus produces; any other type is read as its text. A result of
 * more than {@link #ROWS_MAX} rows is an error, not a memory exhaustion.
 */
final class JdbcEngine implements SltEngine {
    static final int ROWS_MAX = 1_000_000;

    private final Connection connection;
    private volatile Statement running;

    private JdbcEngine(Connection connection) {
        this.connection = connection;
    }

    /** A factory of fresh schemas on the database at {@code url} (user etc. in the URL). */
    static SltEngine.Factory factory(String url, String schema) {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("schema name " + schema);
        }
        return () -> {
            Connection c = DriverManager.getConnection(url);
            try (Statement s = c.createStatement()) {
                s.execute("SET client_min_messages = warning");
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                s.execute("CREATE SCHEMA " + schema);
                s.execute("SET search_path TO " + schema);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return new JdbcEngine(c);
        };
    }

    @Override
    public void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            running = s;
            s.execute(sql);
        } finally {
            running = null;
        }
    }

    @Override
    public SltRows query(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            running = s;
            s.setMaxRows(ROWS_MAX + 1);
            try (ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData meta = rs.getMetaData();
                int columns = meta.getColumnCount();
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    if (rows.size() == ROWS_MAX) {
                        throw new SQLException("more than " + ROWS_MAX + " rows");
                    }
                    List<Object> row = new ArrayList<>(columns);
                    for (int c = 1; c <= columns; c++) {
                        row.add(value(rs, c));
                    }
                    rows.add(row);
                }
                return new SltRows(columns, rows);
            }
        } finally {
            running = null;
        }
    }

    private static Object value(ResultSet rs, int column) throws SQLException {
        Object v = rs.getObject(column);
        return switch (v) {
            case null -> null;
            case Integer _, Long _, Short _, BigDecimal _, Double _, Float _, String _,
                    Boolean _ -> v;
            default -> rs.getString(column);
        };
    }

    @Override
    public void cancel() {
        Statement s = running;
        if (s != null) {
            try {
                s.cancel();
            } catch (SQLException ignored) {
                // The statement may have ended meanwhile; the runner abandons it anyway.
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
