package dev.cutaway.sql.engine;

import static dev.cutaway.sql.engine.Rows.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.sql.SqlException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** INSERT, UPDATE, DELETE with constraints, defaults, RETURNING and ON CONFLICT. */
@Timeout(60)
class DmlTest {
    private Database db;
    private Session s;

    @BeforeEach
    void open() {
        db = Database.inMemory();
        s = db.newSession();
    }

    @AfterEach
    void close() throws Exception {
        s.close();
        db.close();
    }

    private static String state(Runnable r) {
        try {
            r.run();
            return "ok";
        } catch (SqlException e) {
            return e.sqlState() + " " + e.getMessage();
        }
    }

    @Test
    void insertWithDefaultsSerialAndReturning() {
        s.executeOne("CREATE TABLE t (id serial PRIMARY KEY, name text NOT NULL,"
                + " qty int DEFAULT 5, price numeric(6,2))");
        Result r = s.executeOne("INSERT INTO t (name) VALUES ('a'), ('b') RETURNING id, qty");
        assertThat(r.commandTag()).isEqualTo("INSERT 0 2");
        assertThat(Rows.text(r)).isEqualTo("1|5\n2|5");
        s.executeOne("INSERT INTO t (name, qty, price) VALUES ('c', DEFAULT, 1.235)");
        assertThat(query(s, "SELECT id, name, qty, price FROM t WHERE id = 3"))
                .isEqualTo("3|c|5|1.24");
        assertThat(s.executeOne("INSERT INTO t (name) SELECT name || '2' FROM t").commandTag())
                .isEqualTo("INSERT 0 3");
        assertThat(query(s, "SELECT count(*), max(id) FROM t")).isEqualTo("6|6");
    }

    @Test
    void constraintsRaisePostgresStates() {
        s.executeOne("CREATE TABLE t (id int PRIMARY KEY, a int UNIQUE, b int CHECK (b > 0),"
                + " c text NOT NULL DEFAULT 'x')");
        s.executeOne("INSERT INTO t VALUES (1, 1, 1)");
        assertThat(state(() -> s.executeOne("INSERT INTO t VALUES (1, 2, 1)")))
                .isEqualTo("23505 duplicate key value violates unique constraint \"t_pkey\"");
        assertThat(state(() -> s.executeOne("INSERT INTO t VALUES (2, 1, 1)")))
                .isEqualTo("23505 duplicate key value violates unique constraint \"t_a_key\"");
        assertThat(state(() -> s.executeOne("INSERT INTO t VALUES (2, 2, 0)")))
                .isEqualTo("23514 new row for relation \"t\" violates check constraint"
                        + " \"t_b_check\"");
        assertThat(state(() -> s.executeOne("INSERT INTO t VALUES (2, 2, 1, NULL)")))
                .isEqualTo("23502 null value in column \"c\" of relation \"t\" violates"
                        + " not-null constraint");
        assertThat(state(() -> s.executeOne("INSERT INTO t VALUES ('x')")))
                .isEqualTo("22P02 invalid input syntax for type integer: \"x\"");
        assertThat(query(s, "SELECT count(*) FROM t")).isEqualTo("1");
        s.executeOne("INSERT INTO t VALUES (2, NULL, 1), (3, NULL, 1)");
        assertThat(query(s, "SELECT count(*) FROM t WHERE a IS NULL")).isEqualTo("2");
    }

    @Test
    void updateAndDelete() {
        s.execute("CREATE TABLE t (id int PRIMARY KEY, v int, u int UNIQUE);"
                + "INSERT INTO t VALUES (1, 10, 1), (2, 20, 2), (3, 30, 3)");
        Result r = s.executeOne("UPDATE t SET v = v + 1 WHERE id >= 2 RETURNING id, v");
        assertThat(r.commandTag()).isEqualTo("UPDATE 2");
        assertThat(Rows.text(r)).isEqualTo("2|21\n3|31");
        assertThat(s.executeOne("UPDATE t SET id = id + 10 WHERE id = 1").commandTag())
                .isEqualTo("UPDATE 1");
        assertThat(query(s, "SELECT id FROM t ORDER BY id")).isEqualTo("2\n3\n11");
        assertThat(state(() -> s.executeOne("UPDATE t SET u = 2 WHERE id = 3")))
                .startsWith("23505");
        s.executeOne("UPDATE t SET u = 9 WHERE id = 3");
        s.executeOne("INSERT INTO t VALUES (4, 40, 3)");
        assertThat(s.executeOne("DELETE FROM t WHERE v > 30").commandTag())
                .isEqualTo("DELETE 2");
        assertThat(query(s, "SELECT id, v, u FROM t ORDER BY id")).isEqualTo("2|21|2\n11|10|1");
    }

    @Test
    void updateFromAndDeleteUsing() {
        s.execute("CREATE TABLE t (id int PRIMARY KEY, v int); CREATE TABLE d (id int, x int);"
                + "INSERT INTO t VALUES (1, 0), (2, 0), (3, 0);"
                + "INSERT INTO d VALUES (1, 5), (3, 7)");
        assertThat(s.executeOne("UPDATE t SET v = d.x FROM d WHERE d.id = t.id").commandTag())
                .isEqualTo("UPDATE 2");
        assertThat(query(s, "SELECT v FROM t ORDER BY id")).isEqualTo("5\n0\n7");
        assertThat(s.executeOne("DELETE FROM t USING d WHERE d.id = t.id AND d.x > 6")
                .commandTag()).isEqualTo("DELETE 1");
        assertThat(query(s, "SELECT id FROM t ORDER BY id")).isEqualTo("1\n2");
    }

    @Test
    void parametersAreReadAsTheTypeTheirUseCallsFor() {
        s.executeOne("CREATE TABLE t (id int PRIMARY KEY, name text, at date)");
        s.executeOne("INSERT INTO t VALUES ($1, $2, $3)", List.of("7", "seven", "2024-02-29"));
        s.executeOne("INSERT INTO t VALUES ($1, $2, $3)", java.util.Arrays.asList("8", null,
                null));
        assertThat(Rows.text(s.executeOne("SELECT name, at + 1 FROM t WHERE id = $1",
                List.of("7")))).isEqualTo("seven|2024-03-01");
        assertThat(Rows.text(s.executeOne("SELECT count(*) FROM t WHERE name IS NULL AND"
                + " id > $1", List.of("1")))).isEqualTo("1");
        assertThat(state(() -> s.executeOne("SELECT * FROM t WHERE id = $1", List.of("x"))))
                .startsWith("22P02");
    }

    @Test
    void onConflict() {
        s.execute("CREATE TABLE t (id int PRIMARY KEY, v int);"
                + "INSERT INTO t VALUES (1, 1)");
        assertThat(s.executeOne("INSERT INTO t VALUES (1, 5), (2, 2) ON CONFLICT DO NOTHING")
                .commandTag()).isEqualTo("INSERT 0 1");
        s.executeOne("INSERT INTO t VALUES (1, 7) ON CONFLICT (id)"
                + " DO UPDATE SET v = t.v + excluded.v");
        assertThat(query(s, "SELECT id, v FROM t ORDER BY id")).isEqualTo("1|8\n2|2");
    }

    @Test
    void tableWithoutPrimaryKeyUsesHiddenRowIds() {
        s.execute("CREATE TABLE h (a int, b text); INSERT INTO h VALUES (1, 'x'), (1, 'x');"
                + "INSERT INTO h VALUES (2, 'y')");
        assertThat(query(s, "SELECT a, b FROM h")).isEqualTo("1|x\n1|x\n2|y");
        assertThat(s.executeOne("UPDATE h SET b = 'z' WHERE a = 1").commandTag())
                .isEqualTo("UPDATE 2");
        assertThat(s.executeOne("DELETE FROM h WHERE b = 'z'").commandTag())
                .isEqualTo("DELETE 2");
        assertThat(query(s, "SELECT a, b FROM h")).isEqualTo("2|y");
    }

    @Test
    void secondaryIndexesFollowUpdates() {
        s.execute("CREATE TABLE t (id int PRIMARY KEY, v int);"
                + "INSERT INTO t VALUES (1, 1), (2, 2);"
                + "CREATE UNIQUE INDEX t_v ON t (v)");
        assertThat(state(() -> s.executeOne("INSERT INTO t VALUES (3, 2)")))
                .startsWith("23505 duplicate key value violates unique constraint \"t_v\"");
        s.executeOne("UPDATE t SET v = 3 WHERE id = 2");
        s.executeOne("INSERT INTO t VALUES (3, 2)");
        s.executeOne("DROP INDEX t_v");
        s.executeOne("INSERT INTO t VALUES (4, 2)");
        assertThat(query(s, "SELECT count(*) FROM t WHERE v = 2")).isEqualTo("2");
    }
}
