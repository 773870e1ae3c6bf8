package dev.cutaway.sql.engine;

import static dev.cutaway.sql.engine.Rows.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.SqlException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** FOREIGN KEY constraints: definition errors, checks, referential actions, DDL around them. */
@Timeout(60)
class ForeignKeyTest {
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

    /** "ok", or SQLSTATE, message and DETAIL of the error {@code sql} raises. */
    static String state(Session session, String sql) {
        try {
            session.execute(sql);
            return "ok";
        } catch (SqlException e) {
            return e.sqlState() + " " + e.getMessage()
                    + (e.detail() == null ? "" : " / " + e.detail());
        }
    }

    private String state(String sql) {
        return state(s, sql);
    }

    @Test
    void childAndParentChecksWithPostgresMessages() {
        s.execute("""
                CREATE TABLE p (id int PRIMARY KEY, u int UNIQUE, x text);
                CREATE TABLE c (a int REFERENCES p, b int,
                    CONSTRAINT cb FOREIGN KEY (b) REFERENCES p (u));
                """);
        assertThat(state("INSERT INTO c VALUES (1, NULL)")).isEqualTo("23503 insert or update"
                + " on table \"c\" violates foreign key constraint \"c_a_fkey\" / Key (a)=(1)"
                + " is not present in table \"p\".");
        s.execute("INSERT INTO p VALUES (1, 10, 'a'), (2, 20, 'b')");
        assertThat(state("INSERT INTO c VALUES (1, 10), (NULL, NULL), (2, NULL)"))
                .isEqualTo("ok");
        assertThat(state("INSERT INTO c VALUES (1, 30)")).endsWith("\"cb\" / Key (b)=(30) is"
                + " not present in table \"p\".");
        assertThat(state("DELETE FROM p WHERE id = 1")).isEqualTo("23503 update or delete on"
                + " table \"p\" violates foreign key constraint \"c_a_fkey\" on table \"c\" /"
                + " Key (id)=(1) is still referenced from table \"c\".");
        assertThat(state("UPDATE p SET u = 11 WHERE id = 1")).contains("\"cb\" on table \"c\""
                + " / Key (u)=(10) is still referenced from table \"c\".");
        assertThat(state("UPDATE c SET a = 3 WHERE a = 2")).contains("Key (a)=(3) is not"
                + " present");
        // an unreferenced key may change; a non-key update of a referenced row is fine
        assertThat(state("UPDATE p SET x = 'z' WHERE id = 1")).isEqualTo("ok");
        assertThat(state("UPDATE p SET u = 21 WHERE id = 2")).isEqualTo("ok");
        assertThat(state("UPDATE p SET id = id")).isEqualTo("ok");
        assertThat(query(s, "SELECT count(*) FROM c")).isEqualTo("3");
    }

    @Test
    void multiColumnKeysFollowMatchSimple() {
        s.execute("""
                CREATE TABLE p (a int, b text, PRIMARY KEY (b, a));
                CREATE TABLE c (x int, y varchar(5), FOREIGN KEY (x, y) REFERENCES p (a, b));
                INSERT INTO p VALUES (1, 'one');
                INSERT INTO c VALUES (1, 'one'), (2, NULL), (NULL, 'zzz');
                """);
        assertThat(state("INSERT INTO c VALUES (1, 'two')")).endsWith("Key (x, y)=(1, two) is"
                + " not present in table \"p\".");
        assertThat(state("DELETE FROM p")).endsWith("Key (a, b)=(1, one) is still referenced"
                + " from table \"c\".");
    }

    @Test
    void referentialActions() {
        s.execute("""
                CREATE TABLE p (id int PRIMARY KEY, v int);
                CREATE TABLE del (id serial PRIMARY KEY, p int REFERENCES p ON DELETE CASCADE
                    ON UPDATE CASCADE);
                CREATE TABLE nul (p int REFERENCES p ON DELETE SET NULL ON UPDATE SET NULL);
                CREATE TABLE def (p int DEFAULT 0 REFERENCES p ON DELETE SET DEFAULT);
                INSERT INTO p VALUES (0, 0), (1, 1), (2, 2), (3, 3);
                INSERT INTO del (p) VALUES (1), (1), (2);
                INSERT INTO nul VALUES (1), (2);
                INSERT INTO def VALUES (1), (3);
                DELETE FROM p WHERE id = 1;
                """);
        assertThat(query(s, "SELECT p FROM del ORDER BY id")).isEqualTo("2");
        assertThat(query(s, "SELECT p FROM nul ORDER BY p")).isEqualTo("2\nNULL");
        assertThat(query(s, "SELECT p FROM def ORDER BY p")).isEqualTo("0\n3");
        s.execute("UPDATE p SET id = 20 WHERE id = 2");
        assertThat(query(s, "SELECT p FROM del")).isEqualTo("20");
        assertThat(query(s, "SELECT count(*) FROM nul WHERE p IS NULL")).isEqualTo("2");
        // SET DEFAULT to a key that does not exist fails the delete
        assertThat(state("DELETE FROM p WHERE id = 0")).startsWith("23503");
        assertThat(query(s, "SELECT count(*) FROM p")).isEqualTo("3");
        s.execute("CREATE TABLE r (p int REFERENCES p ON DELETE RESTRICT)");
        s.execute("INSERT INTO r VALUES (3)");
        assertThat(state("DELETE FROM p WHERE id = 3")).contains("still referenced from table"
                + " \"r\"");
    }

    @Test
    void selfReferenceCascadesThroughEveryLevel() {
        s.execute("""
                CREATE TABLE tree (id int PRIMARY KEY, parent int REFERENCES tree
                    ON DELETE CASCADE);
                INSERT INTO tree VALUES (2, 1), (1, NULL), (3, 2), (4, 3), (5, 1), (6, 5);
                INSERT INTO tree SELECT g, g - 1 FROM generate_series(7, 300) g;
                """);
        assertThat(state("INSERT INTO tree VALUES (1000, 999)")).startsWith("23503");
        assertThat(state("INSERT INTO tree VALUES (1000, 1000)")).isEqualTo("ok");
        s.execute("DELETE FROM tree WHERE id = 1");
        assertThat(query(s, "SELECT id FROM tree ORDER BY id")).isEqualTo("1000");
        s.execute("CREATE TABLE chain (id int PRIMARY KEY, next int REFERENCES chain)");
        s.execute("INSERT INTO chain VALUES (1, 2), (2, 3), (3, NULL)");
        assertThat(state("DELETE FROM chain WHERE id = 3")).startsWith("23503");
        assertThat(state("DELETE FROM chain")).isEqualTo("ok");
    }

    @Test
    void updateCascadesThroughKeysAndOnConflictIsChecked() {
        s.execute("""
                CREATE TABLE a (id int PRIMARY KEY);
                CREATE TABLE b (id int PRIMARY KEY REFERENCES a ON UPDATE CASCADE
                    ON DELETE CASCADE, v text);
                CREATE TABLE c (b int REFERENCES b ON UPDATE CASCADE ON DELETE SET NULL);
                CREATE INDEX c_b ON c (b);
                INSERT INTO a VALUES (1), (2);
                INSERT INTO b VALUES (1, 'x'), (2, 'y');
                INSERT INTO c VALUES (1), (1), (2);
                UPDATE a SET id = id + 10;
                """);
        assertThat(query(s, "SELECT id, v FROM b ORDER BY id")).isEqualTo("11|x\n12|y");
        assertThat(query(s, "SELECT b FROM c ORDER BY b")).isEqualTo("11\n11\n12");
        s.execute("DELETE FROM a WHERE id = 11");
        assertThat(query(s, "SELECT b FROM c ORDER BY b")).isEqualTo("12\nNULL\nNULL");
        assertThat(state("INSERT INTO b VALUES (12, 'z') ON CONFLICT (id) DO UPDATE"
                + " SET id = 13")).startsWith("23503 insert or update on table \"b\"");
        assertThat(state("INSERT INTO b VALUES (12, 'z') ON CONFLICT (id) DO UPDATE"
                + " SET v = excluded.v")).isEqualTo("ok");
        assertThat(query(s, "SELECT v FROM b")).isEqualTo("z");
    }

    @Test
    void definitionErrors() {
        s.execute("CREATE TABLE p (id int PRIMARY KEY, u int UNIQUE, x text, n numeric)");
        s.execute("CREATE VIEW v AS SELECT id FROM p");
        assertThat(state("CREATE TABLE d (a int REFERENCES p (x))")).isEqualTo("42830 there is"
                + " no unique constraint matching given keys for referenced table \"p\"");
        assertThat(state("CREATE TABLE d (a text REFERENCES p)")).isEqualTo("42804 foreign key"
                + " constraint \"d_a_fkey\" cannot be implemented / Key columns \"a\" and \"id\""
                + " are of incompatible types: text and integer.");
        assertThat(state("CREATE TABLE d (a int, b int, FOREIGN KEY (a, b) REFERENCES p)"))
                .isEqualTo("42830 number of referencing and referenced columns for foreign key"
                        + " disagree");
        assertThat(state("CREATE TABLE d (a int REFERENCES nope)"))
                .isEqualTo("42P01 relation \"nope\" does not exist");
        assertThat(state("CREATE TABLE d (a int REFERENCES v)"))
                .isEqualTo("42809 referenced relation \"v\" is not a table");
        assertThat(state("CREATE TABLE d (a int REFERENCES p (nope))")).isEqualTo("42703 column"
                + " \"nope\" referenced in foreign key constraint does not exist");
        assertThat(state("CREATE TABLE d (a int REFERENCES p MATCH FULL)"))
                .isEqualTo("0A000 MATCH FULL is not supported yet");
        assertThat(state("CREATE TABLE d (a bigint REFERENCES p, b int REFERENCES p (u)"
                + " MATCH SIMPLE)")).isEqualTo("ok");
        assertThat(state("INSERT INTO d VALUES (5000000000, NULL)")).endsWith("Key (a)="
                + "(5000000000) is not present in table \"p\".");
        assertThat(query(s, "SELECT count(*) FROM d")).isEqualTo("0");
    }

    @Test
    void alterTableAddsValidatesAndDropsConstraints() {
        s.execute("""
                CREATE TABLE p (id int PRIMARY KEY);
                CREATE TABLE q (a int PRIMARY KEY, b int);
                INSERT INTO q VALUES (1, 5);
                """);
        assertThat(state("ALTER TABLE q ADD CONSTRAINT qf FOREIGN KEY (b) REFERENCES p"))
                .isEqualTo("23503 insert or update on table \"q\" violates foreign key"
                        + " constraint \"qf\" / Key (b)=(5) is not present in table \"p\".");
        s.execute("INSERT INTO p VALUES (5)");
        s.execute("ALTER TABLE q ADD CONSTRAINT qf FOREIGN KEY (b) REFERENCES p");
        assertThat(state("ALTER TABLE q ADD CONSTRAINT qf FOREIGN KEY (b) REFERENCES p"))
                .isEqualTo("42710 constraint \"qf\" for relation \"q\" already exists");
        assertThat(state("INSERT INTO q VALUES (2, 6)")).startsWith("23503");
        s.execute("ALTER TABLE q DROP CONSTRAINT qf");
        assertThat(state("INSERT INTO q VALUES (2, 6)")).isEqualTo("ok");
        assertThat(state("ALTER TABLE q DROP CONSTRAINT qf"))
                .isEqualTo("42704 constraint \"qf\" of relation \"q\" does not exist");
        assertThat(state("ALTER TABLE q DROP CONSTRAINT IF EXISTS qf")).isEqualTo("ok");
        assertThat(state("DROP TABLE p")).isEqualTo("ok");   // nothing references p any more
        s.execute("CREATE TABLE p (id int PRIMARY KEY)");
        s.execute("ALTER TABLE q ADD COLUMN c int REFERENCES p UNIQUE CHECK (c > 0)");
        assertThat(state("INSERT INTO q VALUES (3, 1, 7)")).endsWith("Key (c)=(7) is not"
                + " present in table \"p\".");
        assertThat(state("INSERT INTO q VALUES (3, 1, -1)")).startsWith("23514");
    }

    @Test
    void dropAndTruncateOfReferencedTables() {
        s.execute("""
                CREATE TABLE p (id int PRIMARY KEY, u int UNIQUE);
                CREATE TABLE c (a int REFERENCES p, b int REFERENCES p (u));
                INSERT INTO p VALUES (1, 1);
                INSERT INTO c VALUES (1, 1);
                """);
        assertThat(state("DROP TABLE p")).isEqualTo("2BP01 cannot drop table p because other"
                + " objects depend on it / constraint c_a_fkey on table c depends on table p\n"
                + "constraint c_b_fkey on table c depends on table p");
        assertThat(state("TRUNCATE p")).isEqualTo("0A000 cannot truncate a table referenced in"
                + " a foreign key constraint / Table \"c\" references \"p\".");
        assertThat(state("DROP INDEX p_u_key")).isEqualTo("2BP01 cannot drop index p_u_key"
                + " because other objects depend on it / constraint c_b_fkey on table c depends"
                + " on index p_u_key");
        assertThat(state("ALTER TABLE p DROP COLUMN u")).isEqualTo("2BP01 cannot drop column u"
                + " of table p because other objects depend on it / constraint c_b_fkey on"
                + " table c depends on column u of table p");
        s.execute("TRUNCATE p CASCADE");
        assertThat(query(s, "SELECT count(*) FROM c")).isEqualTo("0");
        s.execute("ALTER TABLE p DROP COLUMN u CASCADE");
        s.execute("INSERT INTO c VALUES (NULL, 99)");   // c_b_fkey is gone
        s.execute("DROP TABLE p CASCADE");
        assertThat(state("INSERT INTO c VALUES (42, 42)")).isEqualTo("ok");
        s.execute("CREATE TABLE p2 (id int PRIMARY KEY); CREATE TABLE c2 (a int REFERENCES p2)");
        assertThat(state("DROP TABLE p2, c2")).isEqualTo("ok");
        s.execute("CREATE TABLE p3 (id int PRIMARY KEY); CREATE TABLE c3 (a int REFERENCES p3)");
        s.execute("DROP TABLE c3");
        assertThat(state("DROP TABLE p3")).isEqualTo("ok");
    }

    @Test
    void renamesKeepBothSidesConnected() {
        s.execute("""
                CREATE TABLE p (id int PRIMARY KEY);
                CREATE TABLE c (a int REFERENCES p ON DELETE CASCADE);
                INSERT INTO p VALUES (1), (2);
                INSERT INTO c VALUES (1), (2);
                ALTER TABLE p RENAME TO parent;
                ALTER TABLE c RENAME TO child;
                ALTER TABLE parent RENAME COLUMN id TO key;
                ALTER TABLE child RENAME COLUMN a TO parent_key;
                DELETE FROM parent WHERE key = 1;
                """);
        assertThat(query(s, "SELECT parent_key FROM child")).isEqualTo("2");
        assertThat(state("INSERT INTO child VALUES (3)")).isEqualTo("23503 insert or update on"
                + " table \"child\" violates foreign key constraint \"c_a_fkey\" / Key"
                + " (parent_key)=(3) is not present in table \"parent\".");
    }

    @Test
    void foreignKeysSurviveReopen(@TempDir Path dir) throws Exception {
        DatabaseOptions options = DatabaseOptions.defaults().withBackgroundThreads(0);
        try (Database d = Database.open(dir, options); Session x = d.newSession()) {
            x.execute("""
                    CREATE TABLE p (id int PRIMARY KEY);
                    CREATE TABLE c (a int REFERENCES p ON DELETE CASCADE);
                    INSERT INTO p VALUES (1), (2);
                    INSERT INTO c VALUES (1), (2);
                    """);
        }
        try (Database d = Database.open(dir, options); Session x = d.newSession()) {
            assertThat(state(x, "INSERT INTO c VALUES (3)")).startsWith("23503");
            x.execute("DELETE FROM p WHERE id = 1");
            assertThat(query(x, "SELECT a FROM c")).isEqualTo("2");
            assertThat(state(x, "DROP TABLE p")).startsWith("2BP01");
        }
    }
}
