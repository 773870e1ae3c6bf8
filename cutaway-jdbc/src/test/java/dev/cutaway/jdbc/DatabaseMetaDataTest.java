package dev.cutaway.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DatabaseMetaData: names and versions, and the catalog as tables, columns, keys, indexes. */
class DatabaseMetaDataTest {
    private Connection c;
    private DatabaseMetaData md;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:cutaway:mem:");
        c.createStatement().execute("CREATE TABLE orders (region text, id bigint,"
                + " note varchar(30) NOT NULL, total numeric(10,2), PRIMARY KEY (region, id))");
        c.createStatement().execute("CREATE INDEX orders_total_idx ON orders (total)");
        c.createStatement().execute("CREATE TABLE other (x int UNIQUE)");
        c.createStatement().execute("CREATE VIEW big AS SELECT * FROM orders WHERE total > 100");
        md = c.getMetaData();
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private static List<String> column(ResultSet rs, String label) throws SQLException {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
            out.add(rs.getString(label));
        }
        return out;
    }

    @Test
    void namesAndVersions() throws SQLException {
        assertThat(md.getDatabaseProductName()).isEqualTo("Cutaway");
        assertThat(md.getDriverName()).isEqualTo(CutawayDriver.NAME);
        assertThat(md.getDriverMajorVersion()).isEqualTo(CutawayDriver.MAJOR_VERSION);
        assertThat(md.getURL()).isEqualTo("jdbc:cutaway:mem:");
        assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE))
                .isTrue();
        assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_NONE)).isFalse();
        assertThat(md.getConnection()).isSameAs(c);
    }

    @Test
    void tablesByPatternAndType() throws SQLException {
        assertThat(column(md.getTables(null, "public", "%", new String[] {"TABLE"}),
                "TABLE_NAME")).containsExactly("orders", "other");
        assertThat(column(md.getTables(null, null, "o_d%", null), "TABLE_NAME"))
                .containsExactly("orders_pkey", "orders_total_idx", "orders");   // by type
        assertThat(column(md.getTables(null, null, "big", null), "TABLE_TYPE"))
                .containsExactly("VIEW");
        assertThat(column(md.getSchemas(), "TABLE_SCHEM")).contains("public");
        assertThat(column(md.getTableTypes(), "TABLE_TYPE")).contains("TABLE", "VIEW");
    }

    @Test
    void columnsWithTypesAndNullability() throws SQLException {
        ResultSet rs = md.getColumns(null, null, "orders", "%");
        List<String> names = new ArrayList<>();
        while (rs.next()) {
            names.add(rs.getString("COLUMN_NAME"));
            if (rs.getString("COLUMN_NAME").equals("note")) {
                assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.VARCHAR);
                assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(30);
                assertThat(rs.getInt("NULLABLE")).isEqualTo(DatabaseMetaData.columnNoNulls);
                assertThat(rs.getInt("ORDINAL_POSITION")).isEqualTo(3);
            }
            if (rs.getString("COLUMN_NAME").equals("total")) {
                assertThat(rs.getInt("DECIMAL_DIGITS")).isEqualTo(2);
                assertThat(rs.getString("IS_NULLABLE")).isEqualTo("YES");
            }
        }
        assertThat(names).containsExactly("region", "id", "note", "total");
    }

    @Test
    void primaryKeysAndIndexes() throws SQLException {
        ResultSet pk = md.getPrimaryKeys(null, null, "orders");
        assertThat(pk.next()).isTrue();
        assertThat(pk.getString("COLUMN_NAME")).isEqualTo("id");
        assertThat(pk.getShort("KEY_SEQ")).isEqualTo((short) 2);
        assertThat(pk.getString("PK_NAME")).isEqualTo("orders_pkey");
        assertThat(pk.next()).isTrue();
        assertThat(pk.getString("COLUMN_NAME")).isEqualTo("region");
        assertThat(pk.next()).isFalse();
        assertThat(column(md.getIndexInfo(null, null, "orders", false, true), "INDEX_NAME"))
                .containsExactly("orders_pkey", "orders_pkey", "orders_total_idx");
        assertThat(column(md.getIndexInfo(null, null, "orders", true, true), "INDEX_NAME"))
                .containsExactly("orders_pkey", "orders_pkey");
        assertThat(column(md.getIndexInfo(null, null, "other", true, true), "COLUMN_NAME"))
                .containsExactly("x");
    }
}
