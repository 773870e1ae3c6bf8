package dev.cutaway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * pgjdbc's DatabaseMetaData against the server's pg_catalog (ADR 0025): tables and columns
 * of a known schema, answered by the queries pgjdbc 42.7 sends to PostgreSQL itself.
 * (getPrimaryKeys, getIndexInfo, getSchemas and getTypeInfo need array expressions —
 * {@code _pg_expandarray}, {@code current_schemas(true)[1]} — that Cutaway's SQL lacks.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgJdbcMetaDataTest {
    private ServerFixture fx;
    private Connection c;

    @BeforeAll
    void start() throws Exception {
        fx = new ServerFixture();
        c = fx.connect();
        try (Statement s = c.createStatement()) {
            s.execute("create table parent (id int primary key, code varchar(12) not null"
                    + " unique, price numeric(10,2) default 0)");
            s.execute("create table child (id serial primary key, parent_id int references"
                    + " parent(id), note text)");
            s.execute("create index child_note on child (note)");
            s.execute("create view cheap as select id from parent where price < 1");
        }
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
        fx.close();
    }

    private static List<String> column(ResultSet rs, String name) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getString(name));
            }
        }
        return out;
    }

    @Test
    void getTablesListsTablesAndViewsByType() throws Exception {
        DatabaseMetaData md = c.getMetaData();
        assertThat(column(md.getTables(null, "public", "%", new String[] {"TABLE"}),
                "TABLE_NAME")).containsExactly("child", "parent");
        assertThat(column(md.getTables(null, "public", "%", new String[] {"VIEW"}),
                "TABLE_NAME")).containsExactly("cheap");
        assertThat(column(md.getTables(null, null, "parent%", null), "TABLE_TYPE"))
                .containsExactlyInAnyOrder("TABLE", "INDEX", "INDEX");
    }

    @Test
    void getColumnsGivesTypesSizesNullabilityAndDefaults() throws Exception {
        try (ResultSet rs = c.getMetaData().getColumns(null, "public", "parent", "%")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
            assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.INTEGER);
            assertThat(rs.getString("TYPE_NAME")).isEqualTo("int4");
            assertThat(rs.getInt("NULLABLE")).isEqualTo(DatabaseMetaData.columnNoNulls);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("code");
            assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.VARCHAR);
            assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(12);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("price");
            assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.NUMERIC);
            assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(10);
            assertThat(rs.getInt("DECIMAL_DIGITS")).isEqualTo(2);
            assertThat(rs.getString("COLUMN_DEF")).isEqualTo("0");
            assertThat(rs.getInt("NULLABLE")).isEqualTo(DatabaseMetaData.columnNullable);
            assertThat(rs.getInt("ORDINAL_POSITION")).isEqualTo(3);
            assertThat(rs.next()).isFalse();
        }
        try (ResultSet rs = c.getMetaData().getColumns(null, "public", "child", "id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("IS_AUTOINCREMENT")).isEqualTo("YES");
        }
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    @Test
    void informationSchemaDescribesTablesColumnsAndConstraints() throws Exception {
        assertThat(rows("select table_name, table_type from information_schema.tables"
                + " where table_schema = 'public' order by table_name"))
                .containsExactly("cheap|VIEW", "child|BASE TABLE", "parent|BASE TABLE");
        assertThat(rows("select column_name, ordinal_position, is_nullable, data_type,"
                + " character_maximum_length, numeric_precision, numeric_scale, column_default"
                + " from information_schema.columns where table_name = 'parent'"
                + " order by ordinal_position")).containsExactly(
                "id|1|NO|integer|null|32|0|null",
                "code|2|NO|character varying|12|null|null|null",
                "price|3|YES|numeric|null|10|2|0");
        assertThat(rows("select constraint_name, constraint_type"
                + " from information_schema.table_constraints where table_schema = 'public'"
                + " order by constraint_name")).containsExactly("child_parent_id_fkey|FOREIGN KEY",
                "child_pkey|PRIMARY KEY", "parent_code_key|UNIQUE", "parent_pkey|PRIMARY KEY");
        assertThat(rows("select k.constraint_name, k.column_name, k.ordinal_position"
                + " from information_schema.key_column_usage k join"
                + " information_schema.table_constraints c using (constraint_name)"
                + " where c.table_name = 'child' order by 1")).containsExactly(
                "child_parent_id_fkey|parent_id|1", "child_pkey|id|1");
        assertThat(rows("select schema_name from information_schema.schemata"
                + " order by schema_name")).contains("information_schema", "pg_catalog",
                "public");
        assertThat(rows("select table_name, check_option from information_schema.views"))
                .containsExactly("cheap|NONE");
    }

    @Test
    void dropIfExistsOfAMissingTableWarnsWithANotice() throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists nosuch_table");
            SQLWarning w = s.getWarnings();
            assertThat((Throwable) w).isNotNull();
            assertThat(w.getMessage())
                    .isEqualTo("table \"nosuch_table\" does not exist, skipping");
            assertThat(w.getSQLState()).isEqualTo("00000");
            assertThat((Throwable) w.getNextWarning()).isNull();
            s.clearWarnings();
            s.execute("select 1");
            assertThat((Throwable) s.getWarnings()).as("no notice leaks into the next one")
                    .isNull();
        }
    }
}
