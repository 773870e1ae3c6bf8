package dev.cutaway.sql.stats;

import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.types.BoundOperator;
import dev.cutaway.sql.types.EvalContext;
import dev.cutaway.sql.types.LikeMatcher;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * The fraction of rows a condition keeps, from column statistics (ADR 0018). Conditions refer
 * to the row with {@code ColRef(0, i)}; {@code columns} gives column i's statistics or null.
 *
 * <p>Rules (PostgreSQL's, simplified): {@code col = c} is c's MCV frequency, or the non-MCV
 * rows spread evenly over the non-MCV distinct values; {@code col = x} with x unknown at plan
 * time (parameter, outer column) is {@code (1 − null_frac) / n_distinct}; ranges add the MCVs
 * that satisfy them to the histogram fraction (linear inside a numeric bucket, half a bucket
 * otherwise) scaled by the non-MCV, non-null rows; IN sums equalities; IS NULL is null_frac;
 * LIKE with a literal prefix is the range [prefix, prefix + U+FFFF) times 0.2 when more
 * follows the prefix than one {@code %}, and the MCVs are matched exactly.
 *
 * <p>Correlation assumptions (written down because they are where estimates go wrong):
 * conjuncts are independent (AND multiplies, OR is {@code a + b − ab}); values not in the
 * MCV list are uniform over the remaining distinct values; inside a histogram bucket values
 * are uniform. Without statistics, PostgreSQL's defaults: 0.005 for equality, 1/3 for an
 * inequality, 0.005 for a range or pattern, 1/3 for anything opaque.
 */
public final class Selectivity {
    public static final double DEFAULT_EQ = 0.005;
    public static final double DEFAULT_INEQUALITY = 1.0 / 3;
    public static final double DEFAULT_RANGE = 0.005;
    public static final double DEFAULT_MATCH = 0.005;
    public static final double DEFAULT_OPAQUE = 1.0 / 3;
    private static final double LIKE_TAIL = 0.2;

    private final IntFunction<ColumnStats> columns;
    private final IntToDoubleFunction tableRows;
    private final EvalContext eval;

    /**
     * {@code tableRows} gives the row count of the table column i comes from: a negative
     * n_distinct is a fraction of it (ANALYZE stores one when the distinct count grows with
     * the table).
     */
    public Selectivity(IntFunction<ColumnStats> columns, IntToDoubleFunction tableRows,
            EvalContext eval) {
        this.columns = columns;
        this.tableRows = tableRows;
        this.eval = eval;
    }

    /** The estimated fraction of rows for which {@code condition} is true, in [0, 1]. */
    public double of(BoundExpr condition) {
        return clamp(estimate(condition));
    }

    private double estimate(BoundExpr e) {
        return switch (e) {
            case BoundExpr.And a -> {
                double s = 1;
                for (BoundExpr t : a.terms()) {
                    s *= of(t);
                }
                yield s;
            }
            case BoundExpr.Or o -> {
                double s = 0;
                for (BoundExpr t : o.terms()) {
                    double x = of(t);
                    s = s + x - s * x;
                }
                yield s;
            }
            case BoundExpr.Not n -> 1 - of(n.operand());
            case BoundExpr.Const c -> Boolean.TRUE.equals(c.value()) ? 1 : 0;
            case BoundExpr.IsNull n -> isNull(n);
            case BoundExpr.Binary b -> binary(b);
            case BoundExpr.InList in -> inList(in);
            case BoundExpr.Between b -> between(b);
            case BoundExpr.Like l -> like(l);
            default -> DEFAULT_OPAQUE;
        };
    }

    /** The fraction of rows whose column {@code column} equals {@code value}. */
    public double equality(int column, BoundExpr value) {
        return clamp(equality(columns.apply(column), tableRows.applyAsDouble(column),
                value instanceof BoundExpr.Const c ? c.value() : Unknown.VALUE));
    }

    private ColumnStats statsOf(BoundExpr e) {
        return e instanceof BoundExpr.ColRef r && r.depth() == 0 ? columns.apply(r.index())
                : null;
    }

    /** Rows of the table the column {@code e} comes from. */
    private double rowsOf(BoundExpr e) {
        return e instanceof BoundExpr.ColRef r && r.depth() == 0
                ? tableRows.applyAsDouble(r.index()) : PlanEstimator.DEFAULT_ROWS;
    }

    private static boolean isColumn(BoundExpr e) {
        return e instanceof BoundExpr.ColRef r && r.depth() == 0;
    }

    private double isNull(BoundExpr.IsNull n) {
        ColumnStats s = statsOf(n.operand());
        double nulls = s == null ? DEFAULT_EQ : s.nullFraction();
        return n.negated() ? 1 - nulls : nulls;
    }

    private double binary(BoundExpr.Binary b) {
        String op = b.op().name();
        boolean columnLeft = isColumn(b.left());
        BoundExpr column = columnLeft ? b.left() : b.right();
        BoundExpr other = columnLeft ? b.right() : b.left();
        if (!isColumn(column) || isColumn(other)) {
            return op.equals("=") ? DEFAULT_EQ : DEFAULT_OPAQUE;
        }
        ColumnStats s = statsOf(column);
        double rows = rowsOf(column);
        Object value = other instanceof BoundExpr.Const c ? c.value() : Unknown.VALUE;
        return switch (op) {
            case "=" -> equality(s, rows, value);
            case "<>", "!=" -> s == null ? 1 - DEFAULT_EQ
                    : 1 - equality(s, rows, value) - s.nullFraction();
            case "<", "<=", ">", ">=" -> value == Unknown.VALUE || value == null || s == null
                    ? DEFAULT_INEQUALITY : Ranges.compare(s, b.op(), columnLeft, value, eval);
            default -> DEFAULT_OPAQUE;
        };
    }

    /** The fraction of rows whose column equals {@code value} (Unknown: a typical value). */
    private double equality(ColumnStats s, double rows, Object value) {
        if (value == null) {
            return 0;
        }
        if (s == null) {
            return DEFAULT_EQ;
        }
        if (value != Unknown.VALUE) {
            int i = Ranges.mcvIndex(s, value);
            if (i >= 0) {
                return s.mcvFrequencies().get(i);
            }
        }
        double distinct = s.distinctCount(rows);
        if (value == Unknown.VALUE) {
            return (1 - s.nullFraction()) / distinct;
        }
        double others = distinct - s.mcvValues().size();
        double rest = 1 - s.nullFraction() - s.mcvTotal();
        if (others < 1 || rest <= 0) {
            // every distinct value is an MCV and this one is not among them: nearly none
            return Math.min(DEFAULT_EQ, s.mcvFrequencies().isEmpty() ? DEFAULT_EQ
                    : s.mcvFrequencies().getLast() / 2);
        }
        return rest / others;
    }

    private double inList(BoundExpr.InList in) {
        if (!isColumn(in.operand())) {
            return in.negated() ? 1 - DEFAULT_EQ * in.items().size()
                    : DEFAULT_EQ * in.items().size();
        }
        ColumnStats s = statsOf(in.operand());
        double rows = rowsOf(in.operand());
        double sum = 0;
        for (BoundExpr item : in.items()) {
            sum += equality(s, rows, item instanceof BoundExpr.Const c ? c.value()
                    : Unknown.VALUE);
        }
        sum = clamp(sum);
        double nulls = s == null ? 0 : s.nullFraction();
        return in.negated() ? 1 - sum - nulls : sum;
    }

    private double between(BoundExpr.Between b) {
        ColumnStats s = statsOf(b.operand());
        if (s == null || !(b.low() instanceof BoundExpr.Const lo)
                || !(b.high() instanceof BoundExpr.Const hi) || lo.value() == null
                || hi.value() == null || b.symmetric()) {
            return b.negated() ? 1 - DEFAULT_RANGE : DEFAULT_RANGE;
        }
        double inside = Ranges.between(s, b.geLow(), b.leHigh(), lo.value(), hi.value(), eval);
        return b.negated() ? 1 - inside - s.nullFraction() : inside;
    }

    private double like(BoundExpr.Like l) {
        ColumnStats s = statsOf(l.operand());
        if (s == null || !(l.pattern() instanceof BoundExpr.Const p)
                || !(p.value() instanceof String pattern) || l.escape() != null
                || l.caseInsensitive()) {
            return l.negated() ? 1 - DEFAULT_MATCH : DEFAULT_MATCH;
        }
        double matched = likeFraction(s, rowsOf(l.operand()), pattern);
        return l.negated() ? 1 - matched - s.nullFraction() : matched;
    }

    private double likeFraction(ColumnStats s, double rows, String pattern) {
        LikeMatcher m = LikeMatcher.compile(pattern, false);
        double mcv = 0;
        for (int i = 0; i < s.mcvValues().size(); i++) {
            if (s.mcvValues().get(i) instanceof String v && m.matches(v)) {
                mcv += s.mcvFrequencies().get(i);
            }
        }
        String prefix = literalPrefix(pattern);
        double rest = 1 - s.nullFraction() - s.mcvTotal();
        if (prefix.length() == pattern.length()) {
            return equality(s, rows, pattern);   // no wildcard: an equality
        }
        double range = prefix.isEmpty() ? 1 : Ranges.histogramPrefix(s, prefix);
        boolean plainPrefix = pattern.length() == prefix.length() + 1 && pattern.endsWith("%");
        return mcv + rest * range * (plainPrefix ? 1 : LIKE_TAIL);
    }

    /** The characters before the first wildcard or escape. */
    static String literalPrefix(String pattern) {
        int i = 0;
        while (i < pattern.length() && "%_\\".indexOf(pattern.charAt(i)) < 0) {
            i++;
        }
        return pattern.substring(0, i);
    }

    static double clamp(double s) {
        return Double.isNaN(s) ? DEFAULT_OPAQUE : Math.max(0, Math.min(1, s));
    }

    /** A value known only at execution time (a parameter or outer reference). */
    enum Unknown { VALUE }
}
