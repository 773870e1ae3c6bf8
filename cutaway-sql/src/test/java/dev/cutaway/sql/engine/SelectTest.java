package dev.cutaway.sql.engine;

import static dev.cutaway.sql.engine.Rows.query;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Queries end to end through a {@link Session}: scans, filters, joins, aggregates, order. */
@Timeout(60)
class SelectTest {
    private Database db;
    private Session s;

    @BeforeEach
    void open() {
        db = Database.inMemory();
        s = db.newSession();
        s.execute("""
                CREATE TABLE t (id int PRIMARY KEY, name text, n int);
                INSERT INTO t VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', NULL), (4, 'b', 40);
                CREATE TABLE u (id int, t_id int, w text);
                INSERT INTO u VALUES (1, 1, 'x'), (2, 1, 'y'), (3, 2, 'z'), (4, 9, 'q');
                """);
    }

    @AfterEach
    void close() throws Exception {
        s.close();
        db.close();
    }

    @Test
    void selectWithoutFrom() {
        Result r = s.executeOne("SELECT 1 + 2 AS three, 'x' || 'y', NULL IS NULL");
        assertThat(r.commandTag()).isEqualTo("SELECT 1");
        assertThat(r.columnNames()).containsExactly("three", "?column?", "?column?");
        assertThat(Rows.text(r)).isEqualTo("3|xy|t");
    }

    @Test
    void scanFilterAndOrder() {
        assertThat(query(s, "SELECT id, name FROM t WHERE n > 10 ORDER BY id DESC"))
                .isEqualTo("4|b\n2|b");
        assertThat(query(s, "SELECT * FROM t WHERE id = 3")).isEqualTo("3|c|NULL");
        assertThat(query(s, "SELECT name FROM t WHERE id IN (4, 1, 7) ORDER BY 1"))
                .isEqualTo("a\nb");
        assertThat(query(s, "SELECT id FROM t ORDER BY n NULLS FIRST"))
                .isEqualTo("3\n1\n2\n4");
        assertThat(query(s, "SELECT id AS k FROM t ORDER BY k DESC LIMIT 2 OFFSET 1"))
                .isEqualTo("3\n2");
    }

    @Test
    void joins() {
        assertThat(query(s, "SELECT t.id, u.w FROM t JOIN u ON t.id = u.t_id ORDER BY u.w"))
                .isEqualTo("1|x\n1|y\n2|z");
        assertThat(query(s, "SELECT t.id, u.w FROM t LEFT JOIN u ON t.id = u.t_id"
                + " ORDER BY t.id, u.w")).isEqualTo("1|x\n1|y\n2|z\n3|NULL\n4|NULL");
        assertThat(query(s, "SELECT t.id, u.w FROM t RIGHT JOIN u ON t.id = u.t_id"
                + " ORDER BY u.w")).isEqualTo("NULL|q\n1|x\n1|y\n2|z");
        assertThat(query(s, "SELECT count(*) FROM t FULL JOIN u ON t.id = u.t_id"))
                .isEqualTo("6");
        assertThat(query(s, "SELECT count(*) FROM t, u WHERE t.id = u.t_id AND t.n > 10"))
                .isEqualTo("1");
        assertThat(query(s, "SELECT count(*) FROM t CROSS JOIN u")).isEqualTo("16");
    }

    @Test
    void aggregates() {
        assertThat(query(s, "SELECT count(*), count(n), sum(n), avg(n), min(name), max(n)"
                + " FROM t")).isEqualTo("4|3|70|23.3333333333333333|a|40");
        assertThat(query(s, "SELECT name, count(*) FROM t GROUP BY name ORDER BY name"))
                .isEqualTo("a|1\nb|2\nc|1");
        assertThat(query(s, "SELECT name FROM t GROUP BY name HAVING count(*) > 1"))
                .isEqualTo("b");
        assertThat(query(s, "SELECT count(DISTINCT name), sum(n) FILTER (WHERE id > 1)"
                + " FROM t")).isEqualTo("3|60");
        assertThat(query(s, "SELECT count(*), sum(n) FROM t WHERE id > 100")).isEqualTo("0|NULL");
    }

    @Test
    void subqueries() {
        assertThat(query(s, "SELECT id FROM t WHERE id IN (SELECT t_id FROM u) ORDER BY id"))
                .isEqualTo("1\n2");
        assertThat(query(s, "SELECT id FROM t WHERE NOT EXISTS (SELECT 1 FROM u"
                + " WHERE u.t_id = t.id) ORDER BY id")).isEqualTo("3\n4");
        assertThat(query(s, "SELECT id, (SELECT count(*) FROM u WHERE u.t_id = t.id) FROM t"
                + " ORDER BY id")).isEqualTo("1|2\n2|1\n3|0\n4|0");
        assertThat(query(s, "SELECT x FROM (SELECT id * 2 AS x FROM t) AS d WHERE x > 4"
                + " ORDER BY x")).isEqualTo("6\n8");
    }

    @Test
    void setOperationsValuesAndSeries() {
        assertThat(query(s, "SELECT name FROM t UNION SELECT w FROM u ORDER BY 1"))
                .isEqualTo("a\nb\nc\nq\nx\ny\nz");
        assertThat(query(s, "SELECT t_id FROM u INTERSECT SELECT id FROM t ORDER BY 1"))
                .isEqualTo("1\n2");
        assertThat(query(s, "SELECT id FROM t EXCEPT ALL SELECT t_id FROM u ORDER BY 1"))
                .isEqualTo("3\n4");
        assertThat(query(s, "VALUES (1, 'a'), (2, 'b') ORDER BY 1 DESC")).isEqualTo("2|b\n1|a");
        assertThat(query(s, "SELECT sum(g) FROM generate_series(1, 10) AS g")).isEqualTo("55");
        assertThat(query(s, "WITH w AS (SELECT id FROM t WHERE id < 3) SELECT count(*)"
                + " FROM w a, w b")).isEqualTo("4");
    }

    @Test
    void expressions() {
        assertThat(query(s, "SELECT CASE WHEN n IS NULL THEN 'none' ELSE 'some' END,"
                + " coalesce(n, -1), nullif(n, 10) FROM t ORDER BY id"))
                .isEqualTo("some|10|NULL\nsome|20|20\nnone|-1|NULL\nsome|40|40");
        assertThat(query(s, "SELECT id FROM t WHERE name LIKE 'b%' AND n BETWEEN 1 AND 30"))
                .isEqualTo("2");
        assertThat(query(s, "SELECT greatest(1, 5, 3), least('b', 'a'), 7 / 2, 7 % 3"))
                .isEqualTo("5|a|3|1");
        assertThat(query(s, "SELECT n IS DISTINCT FROM NULL FROM t WHERE id = 3"))
                .isEqualTo("f");
    }
}
