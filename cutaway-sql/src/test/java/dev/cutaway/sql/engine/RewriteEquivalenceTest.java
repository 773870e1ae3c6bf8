package dev.cutaway.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Metamorphic test of the ADR 0023 rewrites: generated tables full of NULLs and duplicates,
 * generated queries with EXISTS / NOT EXISTS / IN / NOT IN / = ANY subqueries (correlated
 * and not, nested, in the select list), correlated aggregate scalar subqueries, INNER /
 * LEFT / RIGHT / FULL joins under WHERE conditions that do and do not reject NULLs, and
 * comma lists of four tables (ordered by cost), joins on a primary key and on an index
 * (index nested loops); each query's rows, as a multiset, must be the same with
 * {@code cutaway.rewrite} on and off, and with every combination of join methods (and the
 * index or sequential scan) switched off.
 * Prints its seed; {@code -Dcutaway.seed=N} replays one.
 */
@Timeout(120)
class RewriteEquivalenceTest {
    private static final long SEED = Long.getLong("cutaway.seed", 20261127L);
    private static final int QUERIES = 160;
    private static final String[] TABLES = {"r", "s", "t"};
    private static final String[] COLUMNS = {"a", "b", "c"};
    private static final String[] OPS = {"=", "<>", "<", ">="};
    /**
     * The join-method and access-path switches turned off together in each run: every
     * subset of hash, merge and nested loop (all three off still plans, at disable cost),
     * and the index paths; so each join method — index nested loop included — and each
     * access path runs every query.
     */
    private static final List<List<String>> SWITCHED_OFF = List.of(
            List.of("enable_hashjoin"), List.of("enable_mergejoin"),
            List.of("enable_nestloop"), List.of("enable_hashjoin", "enable_mergejoin"),
            List.of("enable_hashjoin", "enable_nestloop"),
            List.of("enable_mergejoin", "enable_nestloop"),
            List.of("enable_hashjoin", "enable_mergejoin", "enable_nestloop"),
            List.of("enable_indexscan"), List.of("enable_indexonlyscan"),
            List.of("enable_seqscan"));

    @Test
    void rewritesNeverChangeResults() throws Exception {
        System.out.println("RewriteEquivalenceTest seed " + SEED);
        SplittableRandom random = new SplittableRandom(SEED);
        try (Database db = Database.inMemory(DatabaseOptions.defaults()
                .withSynchronousCommit(false).withBackgroundThreads(0));
                Session s = db.newSession()) {
            for (String t : TABLES) {
                // a and c int, b bigint: keys of mixed integer types meet
                s.execute("CREATE TABLE " + t + " (id int PRIMARY KEY, a int, b bigint, c int)");
                StringBuilder insert = new StringBuilder("INSERT INTO " + t + " VALUES ");
                int rows = 8 + random.nextInt(25);
                for (int i = 1; i <= rows; i++) {
                    insert.append(i > 1 ? ", " : "").append('(').append(i).append(", ")
                            .append(value(random)).append(", ").append(value(random))
                            .append(", ").append(value(random)).append(')');
                }
                s.execute(insert.toString());
            }
            s.execute("CREATE INDEX s_a ON s (a)");
            for (int i = 0; i < QUERIES; i++) {
                String q = query(random);
                List<String> on = sorted(s, q);
                s.execute("SET cutaway.rewrite = off");
                List<String> off = sorted(s, q);
                s.execute("RESET cutaway.rewrite");
                assertThat(on).as("seed %d, query %d: %s", SEED, i, q).isEqualTo(off);
                for (List<String> switchedOff : SWITCHED_OFF) {
                    for (String name : switchedOff) {
                        s.execute("SET " + name + " = off");
                    }
                    List<String> forced = sorted(s, q);
                    s.execute("RESET ALL");
                    assertThat(forced).as("seed %d, query %d, %s off: %s", SEED, i,
                            switchedOff, q).isEqualTo(off);
                }
            }
        }
    }

    private static String value(SplittableRandom random) {
        return random.nextInt(5) == 0 ? "NULL" : Integer.toString(random.nextInt(6));
    }

    private static List<String> sorted(Session s, String sql) {
        List<String> lines = new ArrayList<>(Arrays.asList(Rows.query(s, sql).split("\n")));
        lines.sort(null);
        return lines;
    }

    private static String pick(SplittableRandom random, String[] from) {
        return from[random.nextInt(from.length)];
    }

    private static String col(SplittableRandom random, String table) {
        return table + "." + pick(random, COLUMNS);
    }

    private static String compare(SplittableRandom random, String table) {
        return col(random, table) + " " + pick(random, OPS) + " " + random.nextInt(6);
    }

    /** One query: a subquery shape or a join shape, at random. */
    private static String query(SplittableRandom random) {
        int i1 = random.nextInt(3);
        int i2 = (i1 + 1 + random.nextInt(2)) % 3;
        String t1 = TABLES[i1];
        String t2 = TABLES[i2];
        String t3 = TABLES[3 - i1 - i2];
        String x = "x";
        String y = "y";
        String z = "z";
        String sel = "SELECT " + x + ".id, " + x + ".a, " + x + ".b FROM " + t1 + " " + x;
        return switch (random.nextInt(16)) {
            case 0 -> sel + " WHERE " + maybeNot(random) + "EXISTS (SELECT 1 FROM " + t2 + " "
                    + y + " WHERE " + col(random, y) + " = " + col(random, x)
                    + extra(random, y, x) + ")";
            case 1 -> sel + " WHERE " + col(random, x) + maybeNotIn(random) + " (SELECT "
                    + col(random, y) + " FROM " + t2 + " " + y + optionalWhere(random, y) + ")";
            case 2 -> sel + " WHERE " + col(random, x) + maybeNotIn(random) + " (SELECT "
                    + col(random, y) + " FROM " + t2 + " " + y + " WHERE " + col(random, y)
                    + " = " + col(random, x) + ")";
            case 3 -> sel + " WHERE " + compare(random, x) + " AND " + maybeNot(random)
                    + "EXISTS (SELECT 1 FROM " + t2 + " " + y + " JOIN " + t3 + " " + z
                    + " ON " + col(random, y) + " = " + col(random, z) + " WHERE "
                    + col(random, z) + " = " + col(random, x) + ")";
            case 4 -> sel + " WHERE " + maybeNot(random) + "EXISTS (SELECT 1 FROM " + t2 + " "
                    + y + " WHERE " + col(random, y) + " = " + col(random, x) + " AND "
                    + maybeNot(random) + "EXISTS (SELECT 1 FROM " + t3 + " " + z + " WHERE "
                    + col(random, z) + " = " + col(random, x) + " AND " + col(random, z)
                    + " <> " + col(random, y) + "))";
            case 5 -> "SELECT " + x + ".id, (SELECT count(*) FROM " + t2 + " " + y + " WHERE "
                    + maybeNot(random) + "EXISTS (SELECT 1 FROM " + t3 + " " + z + " WHERE "
                    + col(random, z) + " = " + col(random, y) + " AND " + col(random, z)
                    + " = " + col(random, x) + ")) FROM " + t1 + " " + x;
            case 6 -> "SELECT " + x + ".id, " + y + ".id FROM " + t1 + " " + x + ", " + t2
                    + " " + y + " WHERE " + col(random, x) + " = " + col(random, y) + " AND "
                    + col(random, x) + " = ANY (SELECT " + col(random, z) + " FROM " + t3 + " "
                    + z + optionalWhere(random, z) + ")";
            case 7, 8 -> "SELECT x.id, y.id, z.id, w.id FROM " + t1 + " x, " + t2 + " y, "
                    + t3 + " z, " + t2 + " w WHERE x." + pick(random, COLUMNS) + " = y."
                    + pick(random, COLUMNS) + " AND z." + pick(random, COLUMNS) + " = "
                    + pick(random, new String[] {"x.", "y."}) + pick(random, COLUMNS)
                    + " AND w." + pick(random, COLUMNS) + " = z." + pick(random, COLUMNS)
                    + " AND " + compare(random, pick(random, new String[] {"x", "y", "z", "w"}))
                    + (random.nextBoolean() ? "" : " AND " + compare(random, "w"));
            case 9, 10 -> sel + " WHERE " + col(random, x) + " " + pick(random, OPS)
                    + " (SELECT " + pick(random, new String[] {"count(*)", "count(y.a)",
                    "sum(y.b)", "max(y.c)", "min(y.a) + 1", "coalesce(max(y.b), 2)",
                    "count(*) + 1", "avg(y.c)"}) + " FROM " + t2 + " y WHERE "
                    + col(random, y) + " = " + col(random, x) + (random.nextBoolean() ? ""
                    : " AND " + compare(random, y)) + ")";
            case 11 -> "SELECT x.id, y.id, y.c FROM " + t1 + " x, s y WHERE y.a = "
                    + col(random, x) + (random.nextBoolean() ? "" : " AND "
                    + compare(random, random.nextBoolean() ? "x" : "y"));
            case 12 -> "SELECT x.id, y.id, y.b FROM " + t1 + " x JOIN " + t2 + " y ON y.id = "
                    + col(random, x) + (random.nextBoolean() ? "" : " AND y.c <> x.c")
                    + " WHERE " + compare(random, random.nextBoolean() ? "x" : "y");
            default -> join(random, t1, t2, t3);
        };
    }

    private static String join(SplittableRandom random, String t1, String t2, String t3) {
        String kind = pick(random, new String[] {"JOIN", "LEFT JOIN", "RIGHT JOIN",
                "FULL JOIN", "LEFT JOIN"});
        String on = "x." + pick(random, COLUMNS) + " = y." + pick(random, COLUMNS)
                + (random.nextBoolean() ? "" : " AND " + compare(random, random.nextBoolean()
                ? "x" : "y"));
        String from = t1 + " x " + kind + " " + t2 + " y ON " + on;
        if (random.nextInt(3) == 0) {
            from += " " + pick(random, new String[] {"JOIN", "LEFT JOIN"}) + " " + t3
                    + " z ON z." + pick(random, COLUMNS) + " = y." + pick(random, COLUMNS);
        }
        String[] conditions = {
            compare(random, "y"), compare(random, "x"), "y.id IS NULL", "x.id IS NOT NULL",
            "y.a IS NOT NULL", "coalesce(y.b, 0) = 0", compare(random, "y") + " OR "
                    + compare(random, "x"), "NOT (" + compare(random, "y") + ")",
            "x.a = y.c", "(y.a > 2) IS NOT TRUE", compare(random, "y") + " AND "
                    + compare(random, "x"),
        };
        String where = conditions[random.nextInt(conditions.length)];
        return "SELECT x.id, y.id, x.a, y.b FROM " + from + " WHERE " + where;
    }

    private static String maybeNot(SplittableRandom random) {
        return random.nextBoolean() ? "NOT " : "";
    }

    private static String maybeNotIn(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> " NOT IN";
            case 1 -> " IN";
            default -> " = ANY";
        };
    }

    private static String extra(SplittableRandom random, String inner, String outer) {
        return switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> " AND " + compare(random, inner);
            case 2 -> " AND " + col(random, inner) + " < " + col(random, outer);
            default -> " AND " + col(random, inner) + " = " + col(random, outer);
        };
    }

    private static String optionalWhere(SplittableRandom random, String table) {
        return random.nextBoolean() ? "" : " WHERE " + compare(random, table);
    }
}
