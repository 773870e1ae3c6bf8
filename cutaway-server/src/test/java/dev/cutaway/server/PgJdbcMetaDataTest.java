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
 * pgjdbc's DatabaseMetaData against the server's pg_catalog (ADR 0025): tables, columns,
 * keys, indexes, schemas and types of a known schema, answered by the queries pgjdbc 42.7
 * sends to PostgreSQL itself — which need arrays, set-returning functions in FROM and in
 * select lists, and record field selection (ADR 0028: {@code _pg_expandarray(i.indkey)},
 * {@code current_schemas(true)[1]}, {@code con.conkey[pos.n]}).
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
            s.execute("create table pair (a int, b text, c int, tags text[],"
                    + " primary key (a, b))");
            s.execute("create index pair_cb on pair (c, b)");
            s.execute("insert into pair values (1, 'x', 2, '{red,\"dark blue\",NULL}')");
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
                "TABLE_NAME")).containsExactly("child", "pair", "parent");
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
                .containsExactly("cheap|VIEW", "child|BASE TABLE", "pair|BASE TABLE",
                        "parent|BASE TABLE");
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
                "child_pkey|PRIMARY KEY", "pair_pkey|PRIMARY KEY", "parent_code_key|UNIQUE",
                "parent_pkey|PRIMARY KEY");
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

    private static List<String> table(ResultSet rs, String... columns) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (String c : columns) {
                    b.append(b.isEmpty() ? "" : "|").append(rs.getString(c));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    @Test
    void getPrimaryKeysListsKeyColumnsInKeyOrder() throws Exception {
        DatabaseMetaData md = c.getMetaData();
        assertThat(table(md.getPrimaryKeys(null, "public", "pair"), "TABLE_NAME",
                "COLUMN_NAME", "KEY_SEQ", "PK_NAME"))
                .containsExactly("pair|a|1|pair_pkey", "pair|b|2|pair_pkey");
        assertThat(table(md.getPrimaryKeys(null, "public", "parent"), "COLUMN_NAME",
                "KEY_SEQ", "PK_NAME")).containsExactly("id|1|parent_pkey");
    }

    @Test
    void getIndexInfoListsUniqueThenNonUniqueIndexesColumnByColumn() throws Exception {
        DatabaseMetaData md = c.getMetaData();
        assertThat(table(md.getIndexInfo(null, "public", "pair", false, false), "NON_UNIQUE",
                "INDEX_NAME", "TYPE", "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC"))
                .containsExactly("f|pair_pkey|3|1|a|A", "f|pair_pkey|3|2|b|A",
                        "t|pair_cb|3|1|c|A", "t|pair_cb|3|2|b|A");
        assertThat(table(md.getIndexInfo(null, "public", "parent", true, false),
                "INDEX_NAME", "COLUMN_NAME")).containsExactly("parent_code_key|code",
                "parent_pkey|id");
    }

    @Test
    void getSchemasListsEverySchema() throws Exception {
        assertThat(table(c.getMetaData().getSchemas(), "TABLE_SCHEM"))
                .containsExactly("information_schema", "pg_catalog", "public");
    }

    @Test
    void getTypeInfoDescribesScalarAndArrayTypes() throws Exception {
        List<String> types = table(c.getMetaData().getTypeInfo(), "TYPE_NAME", "DATA_TYPE");
        assertThat(types).contains("int4|" + Types.INTEGER, "text|" + Types.VARCHAR,
                "numeric|" + Types.NUMERIC, "_int4|" + Types.ARRAY, "_text|" + Types.ARRAY);
    }

    @Test
    void importedAndExportedKeysPairForeignKeyColumns() throws Exception {
        DatabaseMetaData md = c.getMetaData();
        String[] cols = {"PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_NAME", "FKCOLUMN_NAME",
            "KEY_SEQ", "FK_NAME", "PK_NAME"};
        String expected = "parent|id|child|parent_id|1|child_parent_id_fkey|parent_pkey";
        assertThat(table(md.getImportedKeys(null, "public", "child"), cols))
                .containsExactly(expected);
        assertThat(table(md.getExportedKeys(null, "public", "parent"), cols))
                .containsExactly(expected);
    }

    @Test
    void arrayColumnsReadAsTextAndAsJavaArrays() throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select tags, tags[2], array[1,2] from pair")) {
            assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("_text");
            assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.ARRAY);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("{red,\"dark blue\",NULL}");
            assertThat(rs.getString(2)).isEqualTo("dark blue");
            assertThat((Object[]) rs.getArray(1).getArray())
                    .containsExactly("red", "dark blue", null);
            assertThat((Object[]) rs.getArray(3).getArray()).containsExactly(1, 2);
        }
        try (ResultSet rs = c.getMetaData().getColumns(null, "public", "pair", "tags")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TYPE_NAME")).isEqualTo("_text");
            assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.ARRAY);
        }
    }

    @Test
    void arraysTravelInBinaryWhenTheDriverAsks() throws Exception {
        java.util.Properties binary = new java.util.Properties();
        binary.setProperty("prepareThreshold", "-1");   // binary results from the start
        try (Connection b = fx.connect(binary);
                java.sql.PreparedStatement ps = b.prepareStatement("select array[1, null, 3],"
                        + " '{a,\"b c\"}'::text[], '[0:1]={5,6}'::int[], '{}'::int8[],"
                        + " array[1.5]::numeric[] where 1 = ?")) {
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat((Object[]) rs.getArray(1).getArray()).containsExactly(1, null, 3);
                assertThat((Object[]) rs.getArray(2).getArray()).containsExactly("a", "b c");
                // pgjdbc renders a binary array itself, dropping the bounds (as against
                // PostgreSQL): its quoted form shows the column really came in binary
                assertThat(rs.getString(3)).isEqualTo("{\"5\",\"6\"}");
                assertThat((Object[]) rs.getArray(3).getArray()).containsExactly(5, 6);
                assertThat((Object[]) rs.getArray(4).getArray()).isEmpty();
                assertThat((Object[]) rs.getArray(5).getArray())
                        .containsExactly(new java.math.BigDecimal("1.5"));
            }
        }
    }
}
