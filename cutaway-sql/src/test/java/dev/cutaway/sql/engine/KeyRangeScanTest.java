package dev.cutaway.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Range conditions on an integer primary key read only the rows in the range. */
@Timeout(60)
class KeyRangeScanTest {
    private Database db;
    private Session s;

    @BeforeEach
    void open() {
        db = Database.inMemory();
        s = db.newSession();
        s.execute("CREATE TABLE t (id int PRIMARY KEY, v text);"
                + "INSERT INTO t SELECT g, 'v' || g FROM generate_series(-5, 20) g;"
                + "CREATE TABLE n (name text PRIMARY KEY)");
    }

    @AfterEach
    void close() throws Exception {
        s.close();
        db.close();
    }

    private List<Object> ids(String where) {
        List<Object> out = new ArrayList<>();
        for (Object[] row : s.executeOne("SELECT id FROM t WHERE " + where).rows()) {
            out.add(row[0]);
        }
        return out;
    }

    private String plan(String where) {
        StringBuilder b = new StringBuilder();
        for (Object[] row : s.executeOne("EXPLAIN SELECT id FROM t WHERE " + where).rows()) {
            b.append(row[0]).append('\n');
        }
        return b.toString();
    }

    @Test
    void boundsOfEveryKindSelectExactlyTheRowsInRange() {
        assertThat(ids("id BETWEEN 3 AND 6")).containsExactly(3, 4, 5, 6);
        assertThat(ids("id > 3 AND id < 6")).containsExactly(4, 5);
        assertThat(ids("id >= 18")).containsExactly(18, 19, 20);
        assertThat(ids("id < -3")).containsExactly(-5, -4);
        assertThat(ids("2 >= id AND id > 0")).containsExactly(1, 2);
        assertThat(ids("id BETWEEN 6 AND 3")).isEmpty();
        assertThat(ids("id > 5 AND id < 6")).isEmpty();
        assertThat(ids("id >= NULL::int")).isEmpty();
        assertThat(ids("id BETWEEN 2 AND 4 AND v <> 'v3'")).containsExactly(2, 4);
        assertThat(ids("id > 3000000000")).isEmpty();
        assertThat(ids("id > -3000000000 AND id < -4")).containsExactly(-5);
        assertThat(plan("id BETWEEN 3 AND 6")).contains("Key Range Scan on t");
        assertThat(plan("id BETWEEN SYMMETRIC 6 AND 3")).doesNotContain("Key Range");
    }

    @Test
    void preparedParametersDriveTheRange() {
        Prepared p = s.prepare("SELECT count(*) FROM t WHERE id BETWEEN $1 AND $2");
        assertThat(p.execute(List.of(0, 9)).rows().getFirst()[0]).isEqualTo(10L);
        assertThat(p.execute(java.util.Arrays.asList(null, 9)).rows().getFirst()[0])
                .isEqualTo(0L);
        s.executeOne("INSERT INTO n VALUES ('b'), ('a')");
        assertThat(s.executeOne("SELECT name FROM n WHERE name > 'a'").rows()).hasSize(1);
    }
}
