package dev.cutaway.sql.engine.prop;

import dev.cutaway.sql.engine.prop.RefExpr.T;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random expressions of the {@link RefExpr} language from a seeded generator: literals from
 * pools of edge values (integer limits, numerics with scale, NaN, infinities, -0, text that
 * does and does not parse, NULLs), columns of the test table, and every operator the test
 * covers. The category asked for (numeric, text, boolean) is always respected; a numeric
 * request may come back as any numeric type (the operators above promote).
 */
public final class RefGen {
    static final List<Object> INT4S = Arrays.asList(0, 1, -1, 2, 7, -3, Integer.MAX_VALUE,
            Integer.MIN_VALUE, 46341, 65536, null);
    static final List<Object> INT8S = Arrays.asList(0L, 1L, -1L, 3L, Long.MAX_VALUE,
            Long.MIN_VALUE, 3037000500L, 4294967296L, 2147483648L, null);
    static final List<Object> NUMS = Arrays.asList(new BigDecimal("0"), new BigDecimal("0.00"),
            new BigDecimal("1.5"), new BigDecimal("-2.25"), new BigDecimal("0.1"),
            new BigDecimal("3"), new BigDecimal("12345.678"), new BigDecimal("-0.001"),
            new BigDecimal("99999999999999999999.5"), new BigDecimal("2147483647.5"), null);
    static final List<Object> FLOATS = Arrays.asList(0.0, -0.0, 1.5, -2.5, 0.5, 2.5, 3.0, 1e308,
            -1e308, 1e-308, 4.9e-324, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 2147483647.5, null);
    static final List<Object> TEXTS = Arrays.asList("", "a", "abc", "b", "12", " -7 ", "1.5",
            "NaN", "true", "off", "o", "99999999999", "1e3", "x1", "-0", "Infinity", null);
    static final List<Object> BOOLS = Arrays.asList(true, false, null);
    static final String[] CMP = {"=", "<>", "<", "<=", ">", ">="};
    static final T[] NUMERIC = {T.INT4, T.INT8, T.NUM, T.FLOAT8};

    private final SplittableRandom random;
    private final boolean columns;

    /** @param columns whether expressions may refer to the test table's columns */
    public RefGen(SplittableRandom random, boolean columns) {
        this.random = random;
        this.columns = columns;
    }

    /** The columns of the test table by type. */
    static String column(T type) {
        return switch (type) {
            case INT4 -> "i";
            case INT8 -> "b";
            case NUM -> "n";
            case FLOAT8 -> "d";
            case TEXT -> "s";
            case BOOL -> "f";
        };
    }

    /** Whether {@code e} refers to a column anywhere (PostgreSQL: contains Vars). */
    static boolean hasColumns(RefExpr e) {
        return switch (e) {
            case RefExpr.Lit l -> false;
            case RefExpr.Col c -> true;
            case RefExpr.Arith a -> hasColumns(a.left()) || hasColumns(a.right());
            case RefExpr.Neg n -> hasColumns(n.operand());
            case RefExpr.Concat c -> hasColumns(c.left()) || hasColumns(c.right());
            case RefExpr.Cmp c -> hasColumns(c.left()) || hasColumns(c.right());
            case RefExpr.Logic l -> hasColumns(l.left()) || hasColumns(l.right());
            case RefExpr.Not n -> hasColumns(n.operand());
            case RefExpr.IsNull n -> hasColumns(n.operand());
            case RefExpr.Distinct d -> hasColumns(d.left()) || hasColumns(d.right());
            case RefExpr.Case c -> c.conditions().stream().anyMatch(RefGen::hasColumns)
                    || c.results().stream().anyMatch(RefGen::hasColumns)
                    || c.otherwise() != null && hasColumns(c.otherwise());
            case RefExpr.Coalesce c -> c.args().stream().anyMatch(RefGen::hasColumns);
            case RefExpr.NullIf n -> hasColumns(n.left()) || hasColumns(n.right());
            case RefExpr.In in -> hasColumns(in.operand())
                    || in.list().stream().anyMatch(RefGen::hasColumns);
            case RefExpr.Between b -> hasColumns(b.operand()) || hasColumns(b.low())
                    || hasColumns(b.high());
            case RefExpr.Cast c -> hasColumns(c.operand());
        };
    }

    private <X> X pick(List<X> xs) {
        return xs.get(random.nextInt(xs.size()));
    }

    private T anyNumeric() {
        return NUMERIC[random.nextInt(NUMERIC.length)];
    }

    public RefExpr gen(T type, int depth) {
        if (depth <= 0 || random.nextInt(10) < 3) {
            return leaf(type);
        }
        return switch (type) {
            case INT4, INT8, NUM, FLOAT8 -> numeric(type, depth - 1);
            case TEXT -> text(depth - 1);
            case BOOL -> bool(depth - 1);
        };
    }

    private RefExpr leaf(T type) {
        if (columns && random.nextInt(10) < 4) {
            return new RefExpr.Col(type, column(type));
        }
        List<Object> pool = switch (type) {
            case INT4 -> INT4S;
            case INT8 -> INT8S;
            case NUM -> NUMS;
            case FLOAT8 -> FLOATS;
            case TEXT -> TEXTS;
            case BOOL -> BOOLS;
        };
        return new RefExpr.Lit(type, pick(pool));
    }

    private RefExpr numeric(T type, int d) {
        return switch (random.nextInt(9)) {
            case 0, 1, 2, 3 -> arith(d);
            case 4 -> new RefExpr.Neg(gen(type, d));
            case 5 -> cast(type, d);
            case 6 -> caseOf(type, d);
            case 7 -> coalesce(type, d);
            default -> new RefExpr.NullIf(gen(type, d), gen(anyNumeric(), d));
        };
    }

    private RefExpr arith(int d) {
        String op = pick(List.of("+", "-", "*", "/", "%"));
        List<T> allowed = switch (op) {
            case "/" -> List.of(T.INT4, T.INT8, T.FLOAT8);
            case "%" -> List.of(T.INT4, T.INT8, T.NUM);
            default -> List.of(NUMERIC);
        };
        return new RefExpr.Arith(op, operand(allowed, d), operand(allowed, d));
    }

    /** An operand of one of the {@code allowed} types (a CASE may have come back wider). */
    private RefExpr operand(List<T> allowed, int d) {
        RefExpr e = gen(pick(allowed), d);
        return allowed.contains(e.type()) ? e : new RefExpr.Cast(e, pick(allowed));
    }

    private RefExpr cast(T type, int d) {
        List<T> from = switch (type) {
            case INT4 -> List.of(T.INT8, T.NUM, T.FLOAT8, T.TEXT, T.BOOL);
            case INT8, NUM, FLOAT8 -> List.of(T.INT4, T.INT8, T.NUM, T.FLOAT8, T.TEXT);
            case TEXT -> List.of(T.INT4, T.INT8, T.NUM, T.BOOL);
            case BOOL -> List.of(T.INT4, T.TEXT);
        };
        T f = pick(from);
        return new RefExpr.Cast(f == T.TEXT && random.nextBoolean() ? leaf(T.TEXT)
                : operand(List.of(f), d), type);
    }

    /** A branch type for a CASE or COALESCE of {@code type}'s category. */
    private T branchType(T type) {
        return type.numeric() ? anyNumeric() : type;
    }

    private static T common(List<RefExpr> branches) {
        T t = branches.getFirst().type();
        for (RefExpr b : branches) {
            t = t.numeric() ? T.promote(t, b.type()) : t;
        }
        return t;
    }

    private RefExpr caseOf(T type, int d) {
        int n = 1 + random.nextInt(2);
        List<RefExpr> conds = new ArrayList<>();
        List<RefExpr> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            conds.add(gen(T.BOOL, d));
            results.add(gen(branchType(type), d));
        }
        RefExpr otherwise = random.nextInt(4) == 0 ? null : gen(branchType(type), d);
        List<RefExpr> all = new ArrayList<>(results);
        if (otherwise != null) {
            all.add(otherwise);
        }
        return new RefExpr.Case(conds, results, otherwise, common(all));
    }

    private RefExpr coalesce(T type, int d) {
        List<RefExpr> args = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            args.add(gen(branchType(type), d));
        }
        return new RefExpr.Coalesce(args, common(args));
    }

    private RefExpr text(int d) {
        return switch (random.nextInt(5)) {
            case 0, 1 -> new RefExpr.Concat(gen(T.TEXT, d), gen(T.TEXT, d));
            case 2 -> cast(T.TEXT, d);
            case 3 -> caseOf(T.TEXT, d);
            default -> coalesce(T.TEXT, d);
        };
    }

    /** Operand types for a comparison: two numerics, two texts or two booleans. */
    private T[] comparable() {
        return switch (random.nextInt(5)) {
            case 0 -> new T[] {T.TEXT, T.TEXT};
            case 1 -> new T[] {T.BOOL, T.BOOL};
            default -> new T[] {anyNumeric(), anyNumeric()};
        };
    }

    private RefExpr bool(int d) {
        T[] c = comparable();
        return switch (random.nextInt(12)) {
            case 0, 1 -> new RefExpr.Cmp(pick(List.of(CMP)), gen(c[0], d), gen(c[1], d));
            case 2, 3 -> new RefExpr.Logic(random.nextBoolean(), gen(T.BOOL, d),
                    gen(T.BOOL, d));
            case 4 -> new RefExpr.Not(gen(T.BOOL, d));
            case 5 -> new RefExpr.IsNull(gen(c[0], d), random.nextBoolean());
            case 6 -> new RefExpr.Distinct(gen(c[0], d), gen(c[1], d), random.nextBoolean());
            case 7 -> in(c, d);
            case 8 -> new RefExpr.Between(gen(c[0], d), gen(c[1], d), gen(c[0].numeric()
                    ? anyNumeric() : c[0], d), random.nextBoolean());
            case 9 -> cast(T.BOOL, d);
            case 10 -> caseOf(T.BOOL, d);
            default -> random.nextBoolean() ? coalesce(T.BOOL, d)
                    : new RefExpr.NullIf(gen(T.BOOL, d), gen(T.BOOL, d));
        };
    }

    private RefExpr in(T[] c, int d) {
        List<RefExpr> list = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            list.add(gen(c[0].numeric() ? anyNumeric() : c[0], d));
        }
        return new RefExpr.In(gen(c[1], d), list, random.nextBoolean());
    }
}
