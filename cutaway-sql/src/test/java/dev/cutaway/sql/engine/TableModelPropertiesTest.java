package dev.cutaway.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.SqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random INSERT / UPDATE / DELETE statements (some failing on the primary key or the unique
 * column, some inside blocks that roll back) against a table, checked after each step against
 * a TreeMap model: full scan, point lookups, an aggregate, and a lookup through the unique
 * column must all agree with the model.
 */
class TableModelPropertiesTest {

    /** One random step; kind 0 insert, 1 update value, 2 delete, 3 rolled-back insert. */
    record Op(int kind, int id, int value) {}

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 15), Arbitraries.integers().between(-20, 20))
                .as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 40)
    void tableBehavesLikeTreeMap(@ForAll("operations") List<Op> ops) throws Exception {
        TreeMap<Integer, Integer> model = new TreeMap<>();
        try (Database db = Database.inMemory(); Session s = db.newSession()) {
            s.executeOne("CREATE TABLE t (id int PRIMARY KEY, v int UNIQUE, w int)");
            for (Op op : ops) {
                apply(s, model, op);
                check(s, model, op.id());
            }
        }
    }

    private static void apply(Session s, TreeMap<Integer, Integer> model, Op op) {
        boolean clash = model.containsValue(op.value());
        switch (op.kind()) {
            case 0 -> {
                boolean ok = !model.containsKey(op.id()) && !clash;
                assertThat(succeeds(s, "INSERT INTO t VALUES (" + op.id() + ", " + op.value()
                        + ", " + op.id() + " * 2)")).isEqualTo(ok);
                if (ok) {
                    model.put(op.id(), op.value());
                }
            }
            case 1 -> {
                Integer old = model.get(op.id());
                boolean ok = old == null || old == op.value() || !clash;
                assertThat(succeeds(s, "UPDATE t SET v = " + op.value() + " WHERE id = "
                        + op.id())).isEqualTo(ok);
                if (ok && old != null) {
                    model.put(op.id(), op.value());
                }
            }
            case 2 -> {
                s.executeOne("DELETE FROM t WHERE v = " + op.value());
                model.values().remove(op.value());
            }
            default -> {
                s.executeOne("BEGIN");
                succeeds(s, "INSERT INTO t VALUES (" + op.id() + ", " + op.value() + ", 0)");
                s.executeOne("ROLLBACK");
            }
        }
    }

    private static boolean succeeds(Session s, String sql) {
        try {
            s.executeOne(sql);
            return true;
        } catch (SqlException e) {
            assertThat(e.sqlState()).isEqualTo("23505");
            return false;
        }
    }

    private static void check(Session s, TreeMap<Integer, Integer> model, int probe) {
        List<String> expected = new ArrayList<>();
        long sum = 0;
        for (Map.Entry<Integer, Integer> e : model.entrySet()) {
            expected.add(e.getKey() + "|" + e.getValue() + "|" + e.getKey() * 2);
            sum += e.getValue();
        }
        assertThat(Rows.query(s, "SELECT * FROM t")).isEqualTo(String.join("\n", expected));
        Integer v = model.get(probe);
        assertThat(Rows.query(s, "SELECT v FROM t WHERE id = " + probe))
                .isEqualTo(v == null ? "" : v.toString());
        assertThat(Rows.query(s, "SELECT count(*), sum(v) FROM t"))
                .isEqualTo(model.size() + "|" + (model.isEmpty() ? "NULL" : sum));
        if (v != null) {
            assertThat(Rows.query(s, "SELECT id FROM t WHERE v = " + v))
                    .isEqualTo(Integer.toString(probe));
        }
    }
}
