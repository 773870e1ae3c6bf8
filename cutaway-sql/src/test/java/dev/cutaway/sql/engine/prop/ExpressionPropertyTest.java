package dev.cutaway.sql.engine.prop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.Result;
import dev.cutaway.sql.engine.Session;
import dev.cutaway.sql.engine.prop.RefEval.Out;
import dev.cutaway.sql.engine.prop.RefExpr.T;
import dev.cutaway.sql.types.TypeId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random expressions evaluated by the engine and by {@link RefEval}, an independent
 * reference of PostgreSQL 15's semantics: values (with their types, numeric scales, NaN and
 * -0) and errors (22003, 22012, 22P02 by SQLSTATE) must agree. Each expression runs as
 * {@code SELECT expr} with constants only, or over a small table of edge values as
 * {@code SELECT k, expr FROM v} and, for booleans, as a WHERE filter. Outcomes that depend
 * on evaluation order (see {@link RefEval}) are skipped and counted.
 *
 * <p>Seeded: prints its seed; {@code -Dcutaway.seed=N} replays one.
 */
@Timeout(120)
class ExpressionPropertyTest {
    private static final int EXPRESSIONS = 3000;
    private static final List<Map<String, Object>> ROWS = rows();

    private Database db;
    private Session s;

    @BeforeEach
    void open() {
        db = Database.inMemory();
        s = db.newSession();
        s.executeOne("CREATE TABLE v (k int PRIMARY KEY, i int, b bigint, n numeric, "
                + "d double precision, s text, f boolean)");
        for (Map<String, Object> row : ROWS) {
            List<String> values = new ArrayList<>();
            for (T t : T.values()) {
                values.add(new RefExpr.Lit(t, row.get(RefGen.column(t))).sql());
            }
            s.executeOne("INSERT INTO v VALUES (" + row.get("k") + ", "
                    + String.join(", ", values) + ")");
        }
    }

    @AfterEach
    void close() throws Exception {
        s.close();
        db.close();
    }

    private static List<Map<String, Object>> rows() {
        Object[][] data = {
            {0, 0L, new BigDecimal("0.00"), 0.0, "", false},
            {Integer.MAX_VALUE, Long.MIN_VALUE, new BigDecimal("1.5"), Double.NaN, "12", true},
            {Integer.MIN_VALUE, Long.MAX_VALUE, new BigDecimal("-2.25"),
                Double.POSITIVE_INFINITY, "abc", null},
            {null, null, null, null, null, null},
            {-7, 3L, new BigDecimal("12345.678"), -0.0, " 7 ", true},
            {3, -1L, new BigDecimal("0.1"), 1e308, "t", false},
        };
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < data.length; r++) {
            Map<String, Object> row = new HashMap<>();
            row.put("k", r + 1);
            for (T t : T.values()) {
                row.put(RefGen.column(t), data[r][t.ordinal()]);
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void engineAgreesWithTheReference() {
        long seed = Long.getLong("cutaway.seed", new SplittableRandom().nextLong());
        System.out.println("ExpressionPropertyTest seed " + seed
                + " (replay with -Dcutaway.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int n = 0; n < EXPRESSIONS; n++) {
            boolean columns = random.nextBoolean();
            T type = T.values()[random.nextInt(T.values().length)];
            RefExpr e = new RefGen(random, columns).gen(type, 1 + random.nextInt(4));
            String outcome = columns ? overTable(e) : constant(e);
            counts.merge(outcome, 1, Integer::sum);
            if (columns && e.type() == T.BOOL) {
                counts.merge("where " + filter(e), 1, Integer::sum);
            }
        }
        System.out.println("ExpressionPropertyTest outcomes " + counts);
        assertThat(counts.getOrDefault("value", 0)).isGreaterThan(EXPRESSIONS / 3);
        assertThat(counts.getOrDefault("error", 0)).isGreaterThan(EXPRESSIONS / 20);
        assertThat(counts.getOrDefault("ambiguous", 0)).isLessThan(EXPRESSIONS / 3);
    }

    /** What the engine did with one statement: its rows, or the error's SQLSTATE. */
    private record Actual(Result result, String state) {}

    private Actual run(String sql) {
        try {
            return new Actual(s.executeOne(sql), null);
        } catch (SqlException ex) {
            return new Actual(null, ex.sqlState());
        }
    }

    private String constant(RefExpr e) {
        Out expected = new RefEval(Map.of()).eval(e);
        String sql = "SELECT " + e.sql();
        if (expected instanceof Out.Amb) {
            return "ambiguous";
        }
        Actual actual = run(sql);
        if (expected instanceof Out.Err err) {
            assertThat(actual.state()).as(sql + "\nexpected error " + err.state()
                    + ", engine returned " + describe(actual)).isEqualTo(err.state());
            return "error";
        }
        checkValues(sql, e.type(), actual, Arrays.asList(((Out.Val) expected).value()));
        return "value";
    }

    private String overTable(RefExpr e) {
        String sql = "SELECT k, " + e.sql() + " FROM v ORDER BY k";
        List<Object> values = new ArrayList<>();
        TreeSet<String> errors = new TreeSet<>();
        for (Map<String, Object> row : ROWS) {
            switch (new RefEval(row).eval(e)) {
                case Out.Amb a -> {
                    return "ambiguous";
                }
                case Out.Err err -> errors.add(err.state());
                case Out.Val v -> values.add(v.value());
            }
        }
        Actual actual = run(sql);
        if (!errors.isEmpty()) {
            assertThat(actual.state()).as(sql + "\nexpected an error of " + errors
                    + ", engine returned " + describe(actual)).isIn(errors);
            return "error";
        }
        checkValues(sql, e.type(), actual, values);
        return "value";
    }

    private String filter(RefExpr e) {
        String sql = "SELECT k FROM v WHERE " + e.sql() + " ORDER BY k";
        List<Object> keys = new ArrayList<>();
        TreeSet<String> errors = new TreeSet<>();
        for (Map<String, Object> row : ROWS) {
            switch (new RefEval(row).eval(e)) {
                case Out.Amb a -> {
                    return "ambiguous";
                }
                case Out.Err err -> errors.add(err.state());
                case Out.Val v -> {
                    if (Boolean.TRUE.equals(v.value())) {
                        keys.add(row.get("k"));
                    }
                }
            }
        }
        Actual actual = run(sql);
        if (!errors.isEmpty()) {
            assertThat(actual.state()).as(sql + "\nexpected an error of " + errors
                    + ", engine returned " + describe(actual)).isIn(errors);
            return "error";
        }
        assertThat(actual.state()).as(sql + "\nengine failed").isNull();
        List<Object> got = new ArrayList<>();
        actual.result().rows().forEach(r -> got.add(r[0]));
        assertThat(got).as(sql).isEqualTo(keys);
        return "value";
    }

    private static void checkValues(String sql, T type, Actual actual, List<Object> expected) {
        assertThat(actual.state()).as(sql + "\nengine failed, expected " + expected).isNull();
        Result r = actual.result();
        int column = r.columnTypes().size() - 1;
        assertThat(r.columnTypes().get(column).id()).as(sql + "\nresult type")
                .isEqualTo(typeId(type));
        List<Object> got = new ArrayList<>();
        r.rows().forEach(row -> got.add(row[column]));
        assertThat(got.size()).as(sql).isEqualTo(expected.size());
        for (int i = 0; i < got.size(); i++) {
            assertThat(same(got.get(i), expected.get(i))).as(sql + "\nrow " + (i + 1)
                    + ": engine " + show(got.get(i)) + ", reference " + show(expected.get(i)))
                    .isTrue();
        }
    }

    /** Equal values: numerics with equal scale, doubles bit-equal up to NaN (so -0 ≠ 0). */
    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0 && x.scale() == y.scale();
        }
        return Objects.equals(a, b);
    }

    private static String show(Object v) {
        return v == null ? "NULL" : v + " (" + v.getClass().getSimpleName() + ")";
    }

    private static String describe(Actual a) {
        return a.state() != null ? "error " + a.state()
                : Arrays.deepToString(a.result().rows().toArray());
    }

    private static TypeId typeId(T t) {
        return switch (t) {
            case INT4 -> TypeId.INTEGER;
            case INT8 -> TypeId.BIGINT;
            case NUM -> TypeId.NUMERIC;
            case FLOAT8 -> TypeId.DOUBLE;
            case TEXT -> TypeId.TEXT;
            case BOOL -> TypeId.BOOLEAN;
        };
    }
}
