package dev.cutaway.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Statements' outcomes, result set getters and metadata, and errors with SQLSTATEs. */
class ResultSetTest {
    private Connection c;
    private Statement s;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:cutaway:mem:");
        s = c.createStatement();
        s.execute("CREATE TABLE t (id int PRIMARY KEY, name varchar(20), price numeric(8,2),"
                + " at timestamp(3))");
        s.executeUpdate("INSERT INTO t VALUES (1, 'one', 1.50, '2024-01-01 10:00:00'),"
                + " (2, 'two', NULL, NULL), (3, '33', 3, NULL)");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void executeTellsResultSetsFromUpdateCounts() throws SQLException {
        assertThat(s.execute("SELECT id FROM t")).isTrue();
        assertThat(s.getUpdateCount()).isEqualTo(-1);
        assertThat(s.getResultSet()).isNotNull();
        assertThat(s.execute("UPDATE t SET name = upper(name) WHERE id < 3")).isFalse();
        assertThat(s.getUpdateCount()).isEqualTo(2);
        assertThat(s.getResultSet()).isNull();
        assertThat(s.getMoreResults()).isFalse();
        assertThat(s.getUpdateCount()).isEqualTo(-1);
        assertThat(s.executeUpdate("CREATE TABLE u (x int)")).isZero();
        assertThatThrownBy(() -> s.executeQuery("DELETE FROM u"))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("02000"));
        assertThatThrownBy(() -> s.executeUpdate("SELECT 1"))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0100E"));
    }

    @Test
    void aScriptGivesOneOutcomePerStatementThroughGetMoreResults() throws SQLException {
        assertThat(s.execute("INSERT INTO t VALUES (9, 'nine', 9, NULL); SELECT name FROM t"
                + " WHERE id = 9; DELETE FROM t WHERE id > 2")).isFalse();
        assertThat(s.getUpdateCount()).isEqualTo(1);
        assertThat(s.getMoreResults()).isTrue();
        ResultSet rs = s.getResultSet();
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("nine");
        assertThat(s.getMoreResults()).isFalse();
        assertThat(rs.isClosed()).isTrue();
        assertThat(s.getUpdateCount()).isEqualTo(2);
        assertThat(s.getMoreResults()).isFalse();
        assertThat(s.getUpdateCount()).isEqualTo(-1);
    }

    @Test
    void typedGettersConvertLikePgjdbc() throws SQLException {
        ResultSet rs = s.executeQuery("SELECT id, name, price, at FROM t ORDER BY id");
        assertThat(rs.isBeforeFirst()).isTrue();
        assertThat(rs.next()).isTrue();
        assertThat(rs.isFirst()).isTrue();
        assertThat(rs.getRow()).isEqualTo(1);
        assertThat(rs.getString(1)).isEqualTo("1");
        assertThat(rs.getLong("ID")).isEqualTo(1);
        assertThat(rs.getDouble("price")).isEqualTo(1.5);
        assertThat(rs.getString("price")).isEqualTo("1.50");
        assertThat(rs.getInt("price")).isEqualTo(1);
        assertThat(rs.getBigDecimal(3)).isEqualTo(new BigDecimal("1.50"));
        assertThat(rs.getString("at")).isEqualTo("2024-01-01 10:00:00");
        assertThat(rs.getDate("at").toString()).isEqualTo("2024-01-01");
        assertThat(rs.getBoolean("id")).isTrue();
        assertThatThrownBy(() -> rs.getInt("name"))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22018"));
        assertThatThrownBy(() -> rs.getInt("nope"))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42703"));
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBigDecimal("price")).isNull();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getDouble("price")).isZero();
        assertThat(rs.getTimestamp("at")).isNull();
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt("name")).isEqualTo(33);
        assertThat(rs.wasNull()).isFalse();
        assertThat(rs.isLast()).isTrue();
        assertThat(rs.next()).isFalse();
        assertThat(rs.isAfterLast()).isTrue();
        assertThatThrownBy(() -> rs.getInt(1))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("24000"));
    }

    @Test
    void integerOverflowInGetterIs22003() throws SQLException {
        ResultSet rs = s.executeQuery("SELECT 3000000000::bigint, 40000");
        rs.next();
        assertThatThrownBy(() -> rs.getInt(1))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"));
        assertThatThrownBy(() -> rs.getShort(2))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"));
        assertThat(rs.getLong(1)).isEqualTo(3_000_000_000L);
    }

    @Test
    void metadataDescribesColumns() throws SQLException {
        ResultSet rs = s.executeQuery("SELECT id, name, price, at, true AS flag, 'x'::bytea"
                + " AS raw, 1.5::float8 AS f FROM t");
        ResultSetMetaData md = rs.getMetaData();
        assertThat(md.getColumnCount()).isEqualTo(7);
        assertThat(md.getColumnLabel(2)).isEqualTo("name");
        assertThat(md.getColumnType(1)).isEqualTo(Types.INTEGER);
        assertThat(md.getColumnTypeName(1)).isEqualTo("int4");
        assertThat(md.getColumnType(2)).isEqualTo(Types.VARCHAR);
        assertThat(md.getPrecision(2)).isEqualTo(20);
        assertThat(md.getColumnType(3)).isEqualTo(Types.NUMERIC);
        assertThat(md.getPrecision(3)).isEqualTo(8);
        assertThat(md.getScale(3)).isEqualTo(2);
        assertThat(md.getColumnType(4)).isEqualTo(Types.TIMESTAMP);
        assertThat(md.getScale(4)).isEqualTo(3);
        assertThat(md.getColumnType(5)).isEqualTo(Types.BOOLEAN);
        assertThat(md.getColumnType(6)).isEqualTo(Types.BINARY);
        assertThat(md.getColumnTypeName(7)).isEqualTo("float8");
        assertThat(md.getColumnClassName(3)).isEqualTo(BigDecimal.class.getName());
    }

    @Test
    void maxRowsLimitsTheRowsShown() throws SQLException {
        s.setMaxRows(2);
        ResultSet rs = s.executeQuery("SELECT id FROM t ORDER BY id");
        assertThat(rs.next()).isTrue();
        assertThat(rs.next()).isTrue();
        assertThat(rs.next()).isFalse();
        s.setMaxRows(0);
        ResultSet all = s.executeQuery("SELECT id FROM t");
        int n = 0;
        while (all.next()) {
            n++;
        }
        assertThat(n).isEqualTo(3);
        assertThat(rs.isClosed()).isTrue();   // re-executing closed the previous result set
    }

    @Test
    void errorsCarrySqlStateMessageAndPosition() throws SQLException {
        assertThatThrownBy(() -> s.executeQuery("SELECT nosuch FROM t"))
                .isInstanceOf(CutawaySqlException.class)
                .satisfies(e -> {
                    CutawaySqlException x = (CutawaySqlException) e;
                    assertThat(x.getSQLState()).isEqualTo("42703");
                    assertThat(x.getMessage()).contains("nosuch");
                    assertThat(x.position()).isEqualTo(8);
                });
        assertThatThrownBy(() -> s.execute("SELEC 1"))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42601"));
        assertThatThrownBy(() -> s.execute("INSERT INTO t VALUES (1, 'dup', 0, NULL)"))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
        ResultSet rs = s.executeQuery("SELECT count(*) FROM t");
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(3);
    }

    @Test
    void closedStatementAndResultSetRefuseWork() throws SQLException {
        Statement other = c.createStatement();
        ResultSet rs = other.executeQuery("SELECT 1");
        other.close();
        assertThat(rs.isClosed()).isTrue();
        assertThatThrownBy(() -> other.executeQuery("SELECT 1"))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("26000"));
        assertThatThrownBy(rs::next)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("24000"));
    }

    @Test
    void arraysReadAsTextAsJavaArraysAndWithArrayMetadata() throws SQLException {
        ResultSet rs = s.executeQuery("SELECT ARRAY[1, NULL, 3], '{a,\"b c\"}'::text[],"
                + " NULL::int[]");
        ResultSetMetaData md = rs.getMetaData();
        assertThat(md.getColumnType(1)).isEqualTo(Types.ARRAY);
        assertThat(md.getColumnTypeName(1)).isEqualTo("_int4");
        assertThat(md.getColumnTypeName(2)).isEqualTo("_text");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("{1,NULL,3}");
        java.sql.Array a = rs.getArray(1);
        assertThat(a.getBaseTypeName()).isEqualTo("int4");
        assertThat(a.getBaseType()).isEqualTo(Types.INTEGER);
        assertThat((Object[]) a.getArray()).containsExactly(1, null, 3);
        assertThat((Object[]) a.getArray(2, 2)).containsExactly(null, 3);
        assertThatThrownBy(() -> a.getArray(3, 2)).isInstanceOf(SQLException.class)
                .hasFieldOrPropertyWithValue("SQLState", "2202E");
        assertThat((Object[]) ((java.sql.Array) rs.getObject(2)).getArray())
                .containsExactly("a", "b c");
        assertThat(rs.getArray(3)).isNull();
        assertThatThrownBy(() -> rs.getArray(1).getResultSet())
                .isInstanceOf(java.sql.SQLFeatureNotSupportedException.class);
    }
}
