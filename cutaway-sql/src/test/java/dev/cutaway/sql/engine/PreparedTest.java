package dev.cutaway.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.types.SqlType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Session.prepare: parameter types, described columns, the plan cache and its invalidation. */
@Timeout(60)
class PreparedTest {
    private Database db;
    private Session s;

    @BeforeEach
    void open() {
        db = Database.inMemory();
        s = db.newSession();
        s.execute("CREATE TABLE t (id int PRIMARY KEY, k bigint, name text, price numeric(8,2));"
                + "CREATE INDEX t_k ON t (k);"
                + "INSERT INTO t VALUES (1, 10, 'a', 1.50), (2, 20, 'b', 2.25), (3, 20, 'c', 3)");
    }

    @AfterEach
    void close() throws Exception {
        s.close();
        db.close();
    }

    private static String sqlState(Runnable r) {
        try {
            r.run();
            return "ok";
        } catch (SqlException e) {
            return e.sqlState();
        }
    }

    private static String firstRow(Result r) {
        return r.rows().isEmpty() ? "none" : Arrays.toString(r.rows().getFirst());
    }

    @Test
    void queryParametersAreTypedByTheirUseAndColumnsDescribedBeforeExecution() {
        Prepared p = s.prepare("SELECT name, price * 2 AS twice FROM t WHERE id = $1"
                + " AND k > $2 AND name LIKE $3");
        assertThat(p.parameterTypes()).containsExactly(SqlType.INTEGER, SqlType.BIGINT,
                SqlType.TEXT);
        assertThat(p.resultColumns()).extracting(Prepared.ResultColumn::name)
                .containsExactly("name", "twice");
        assertThat(p.resultColumns().get(0).type()).isEqualTo(SqlType.TEXT);
        assertThat(firstRow(p.execute(List.of(2, 5L, "b%")))).isEqualTo("[b, 4.50]");
        assertThat(firstRow(p.executeText(List.of("3", "5", "%")))).isEqualTo("[c, 6.00]");
        assertThat(p.execute(Arrays.asList(3, null, "%")).rows()).isEmpty();
    }

    @Test
    void thePlanIsBoundOnceAndReusedUntilTheCatalogChanges() {
        Prepared p = s.prepare("SELECT name FROM t WHERE id = $1");
        long afterPrepare = p.bindCount();
        for (int id = 1; id <= 3; id++) {
            assertThat(p.execute(List.of(id)).rows()).hasSize(1);
        }
        assertThat(p.bindCount()).isEqualTo(afterPrepare);
        s.executeOne("CREATE TABLE other (x int)");
        assertThat(firstRow(p.execute(List.of(1)))).isEqualTo("[a]");
        assertThat(p.bindCount()).isEqualTo(afterPrepare + 1);
        p.execute(List.of(1));
        assertThat(p.bindCount()).isEqualTo(afterPrepare + 1);
    }

    @Test
    void preparedExecutionsAreCountedInCutawayStatements() {
        Prepared p = s.prepare("SELECT name FROM t WHERE id = $1");
        for (int id = 1; id <= 3; id++) {
            p.execute(List.of(id));
        }
        s.executeOne("SELECT name FROM t WHERE id = 2");   // the same text with a constant
        assertThat(Rows.query(s, "SELECT calls, rows FROM cutaway.statements"
                + " WHERE query = 'SELECT name FROM t WHERE (id = $1)'")).isEqualTo("4|4");
    }

    @Test
    void aChangedPlannerSwitchRePlans() {
        Prepared p = s.prepare("SELECT name FROM t WHERE id = $1");
        long afterPrepare = p.bindCount();
        p.execute(List.of(1));
        assertThat(p.bindCount()).isEqualTo(afterPrepare);
        s.executeOne("SET enable_indexscan = off");
        try {
            assertThat(firstRow(p.execute(List.of(1)))).isEqualTo("[a]");
            assertThat(p.bindCount()).isEqualTo(afterPrepare + 1);
            p.execute(List.of(1));
            assertThat(p.bindCount()).isEqualTo(afterPrepare + 1);
        } finally {
            s.executeOne("RESET enable_indexscan");
        }
    }

    @Test
    void reBindsAfterDdlAndSeesItsOwnUncommittedDdl() {
        Prepared p = s.prepare("SELECT count(*) FROM t WHERE k = $1");
        assertThat(firstRow(p.execute(List.of(20L)))).isEqualTo("[2]");
        s.executeOne("BEGIN");
        s.executeOne("DROP TABLE t");
        assertThat(sqlState(() -> p.execute(List.of(20L)))).isEqualTo("42P01");
        s.executeOne("ROLLBACK");
        assertThat(firstRow(p.execute(List.of(20L)))).isEqualTo("[2]");
        Session other = db.newSession();
        other.execute("DROP TABLE t; CREATE TABLE t (id int, k bigint, name text,"
                + " price numeric(8,2)); INSERT INTO t VALUES (9, 20, 'z', 0)");
        assertThat(firstRow(p.execute(List.of(20L)))).isEqualTo("[1]");
        other.close();
    }

    @Test
    void aChangedResultTypeFailsAsPostgresDoes() {
        Prepared p = s.prepare("SELECT * FROM t WHERE id = $1");
        s.executeOne("ALTER TABLE t ADD COLUMN extra int");
        assertThat(sqlState(() -> p.execute(List.of(1)))).isEqualTo("0A000");
    }

    @Test
    void dmlParametersTakeTheirColumnsTypes() {
        Prepared ins = s.prepare("INSERT INTO t (id, k, name) VALUES ($1, $2, $3 || '!')"
                + " RETURNING id, name");
        assertThat(ins.parameterTypes()).containsExactly(SqlType.INTEGER, SqlType.BIGINT,
                SqlType.TEXT);
        assertThat(ins.resultColumns()).extracting(Prepared.ResultColumn::name)
                .containsExactly("id", "name");
        assertThat(firstRow(ins.execute(List.of(4, 40L, "d")))).isEqualTo("[4, d!]");
        Prepared upd = s.prepare("UPDATE t SET price = $1 WHERE k = $2");
        assertThat(upd.parameterTypes().get(0).id()).isEqualTo(SqlType.NUMERIC.id());
        assertThat(upd.parameterTypes().get(1)).isEqualTo(SqlType.BIGINT);
        assertThat(upd.resultColumns()).isEmpty();
        assertThat(upd.executeText(List.of("9.99", "20")).commandTag()).isEqualTo("UPDATE 2");
        Prepared del = s.prepare("DELETE FROM t WHERE id = $1");
        assertThat(del.execute(List.of(4)).commandTag()).isEqualTo("DELETE 1");
    }

    @Test
    void anInsertIsBoundOnceAndKeepsDefaultsConstraintsAndIndexesUntilTheCatalogChanges() {
        s.execute("CREATE SEQUENCE seq; CREATE TABLE w (id int PRIMARY KEY, n bigint NOT NULL"
                + " DEFAULT nextval('seq'), v int CHECK (v > 0), note text DEFAULT 'x');"
                + " CREATE INDEX w_v ON w (v)");
        Prepared ins = s.prepare("INSERT INTO w (id, v) VALUES ($1, $2)");
        ins.execute(List.of(1, 5));
        long afterFirst = ins.bindCount();
        ins.execute(List.of(2, 5));
        ins.execute(List.of(3, 7));
        assertThat(ins.bindCount()).isEqualTo(afterFirst);
        assertThat(Rows.query(s, "SELECT id, n, v, note FROM w ORDER BY id"))
                .isEqualTo("1|1|5|x\n2|2|5|x\n3|3|7|x");
        assertThat(sqlState(() -> ins.execute(List.of(4, -1)))).isEqualTo("23514");
        assertThat(sqlState(() -> ins.execute(List.of(3, 1)))).isEqualTo("23505");
        assertThat(Rows.query(s, "SELECT id FROM w WHERE v = 5 ORDER BY id")).isEqualTo("1\n2");
        s.executeOne("CREATE UNIQUE INDEX w_n ON w (n)");
        s.executeOne("ALTER TABLE w ADD COLUMN extra int DEFAULT 42");
        ins.execute(List.of(5, 9));
        assertThat(ins.bindCount()).isEqualTo(afterFirst + 1);
        assertThat(Rows.query(s, "SELECT id, extra FROM w WHERE v = 9")).isEqualTo("5|42");
        s.executeOne("INSERT INTO w (id, n, v) VALUES (100, 7, 1)");   // the next n
        assertThat(sqlState(() -> ins.execute(List.of(6, 9)))).isEqualTo("23505");  // w_n
        s.executeOne("BEGIN");
        s.executeOne("ALTER TABLE w ALTER COLUMN v SET NOT NULL");
        assertThat(sqlState(() -> ins.execute(Arrays.asList(7, null)))).isEqualTo("23502");
        s.executeOne("ROLLBACK");
        ins.execute(Arrays.asList(7, null));
        assertThat(Rows.query(s, "SELECT count(*) FROM w")).isEqualTo("6");
    }

    @Test
    void updatesAndDeletesAreBoundOnceAndStillCheckConstraintsAndForeignKeys() {
        s.execute("CREATE TABLE par (id int PRIMARY KEY, v int CHECK (v >= 0));"
                + " INSERT INTO par SELECT g, 0 FROM generate_series(1, 5) g;"
                + " CREATE TABLE kid (id int PRIMARY KEY, par_id int REFERENCES par (id));"
                + " INSERT INTO kid VALUES (1, 2)");
        Prepared upd = s.prepare("UPDATE par SET v = v + $1 WHERE id = $2");
        Prepared del = s.prepare("DELETE FROM par WHERE id = $1");
        upd.execute(List.of(5, 1));
        del.execute(List.of(5));
        long updBinds = upd.bindCount();
        long delBinds = del.bindCount();
        for (int i = 0; i < 3; i++) {
            assertThat(upd.execute(List.of(1, 1)).commandTag()).isEqualTo("UPDATE 1");
        }
        assertThat(sqlState(() -> upd.execute(List.of(-100, 1)))).isEqualTo("23514");
        assertThat(sqlState(() -> del.execute(List.of(2)))).as("kid 1 references it")
                .isEqualTo("23503");
        assertThat(del.execute(List.of(3)).commandTag()).isEqualTo("DELETE 1");
        assertThat(del.execute(List.of(3)).commandTag()).isEqualTo("DELETE 0");
        assertThat(upd.bindCount()).isEqualTo(updBinds);
        assertThat(del.bindCount()).isEqualTo(delBinds);
        assertThat(Rows.query(s, "SELECT id, v FROM par ORDER BY id"))
                .isEqualTo("1|8\n2|0\n4|0");
        s.executeOne("CREATE INDEX par_v ON par (v)");   // a new catalog version: bind again
        upd.execute(List.of(1, 4));
        assertThat(upd.bindCount()).isEqualTo(updBinds + 1);
        assertThat(Rows.query(s, "SELECT id FROM par WHERE v = 1")).isEqualTo("4");
    }

    @Test
    void errorsAtPrepareAndAtExecuteCarrySqlStates() {
        assertThat(sqlState(() -> s.prepare("SELEC 1"))).isEqualTo("42601");
        assertThat(sqlState(() -> s.prepare("SELECT * FROM missing WHERE a = $1")))
                .isEqualTo("42P01");
        assertThat(sqlState(() -> s.prepare("SELECT nope FROM t"))).isEqualTo("42703");
        Prepared p = s.prepare("SELECT name FROM t WHERE id = $1");
        assertThat(sqlState(() -> p.execute(List.of()))).isEqualTo("08P01");
        assertThat(sqlState(() -> p.executeText(List.of("x")))).isEqualTo("22P02");
        Prepared ins = s.prepare("INSERT INTO t (id) VALUES ($1)");
        assertThat(sqlState(() -> ins.execute(List.of(1)))).isEqualTo("23505");
        assertThat(firstRow(p.execute(List.of(1)))).isEqualTo("[a]");
    }

    @Test
    void declaredTypesAreKeptAndOnlyTheOthersInferred() {
        Prepared p = s.prepare("SELECT 10 - $1, name FROM t WHERE id = $2",
                List.of(SqlType.NUMERIC));
        assertThat(p.parameterTypes()).containsExactly(SqlType.NUMERIC, SqlType.INTEGER);
        assertThat(p.parameterTyped(1)).isTrue();
        assertThat(firstRow(p.execute(List.of(new java.math.BigDecimal("-0.5"), 1))))
                .isEqualTo("[10.5, a]");
    }

    @Test
    void transactionControlAndUntypedParametersWork() {
        Prepared begin = s.prepare("BEGIN");
        assertThat(begin.parameterTypes()).isEmpty();
        begin.execute(List.of());
        assertThat(s.inTransaction()).isTrue();
        s.prepare("COMMIT").execute(List.of());
        assertThat(s.inTransaction()).isFalse();
        Prepared p = s.prepare("SELECT $1");
        assertThat(p.parameterTypes()).containsExactly(SqlType.TEXT);
        assertThat(firstRow(p.execute(List.of(42)))).isEqualTo("[42]");
    }
}
