package dev.cutaway.sql.stats;

import dev.cutaway.sql.types.BoundOperator;
import dev.cutaway.sql.types.EvalContext;
import dev.cutaway.sql.types.ValueOrder;
import java.time.LocalDate;
import java.util.List;

/**
 * Range selectivity on MCV lists and equi-depth histograms ({@link Selectivity}'s helper).
 * MCVs are tested with the query's own operator, so they follow its exact semantics; the
 * histogram is searched with the value order, interpolating linearly inside a bucket for
 * numbers and dates and taking half a bucket for other types.
 */
final class Ranges {
    private Ranges() {}

    /** The MCV index of {@code value}, or -1. */
    static int mcvIndex(ColumnStats s, Object value) {
        List<Object> mcvs = s.mcvValues();
        for (int i = 0; i < mcvs.size(); i++) {
            Integer c = compare(mcvs.get(i), value);
            if (c != null && c == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Fraction of rows with {@code col op value} ({@code value op col} unless columnLeft). */
    static double compare(ColumnStats s, BoundOperator op, boolean columnLeft, Object value,
            EvalContext eval) {
        double mcv = 0;
        try {
            for (int i = 0; i < s.mcvValues().size(); i++) {
                Object m = s.mcvValues().get(i);
                Object r = columnLeft ? op.apply(eval, m, value) : op.apply(eval, value, m);
                if (Boolean.TRUE.equals(r)) {
                    mcv += s.mcvFrequencies().get(i);
                }
            }
        } catch (RuntimeException e) {
            return Selectivity.DEFAULT_INEQUALITY;   // types the statistics cannot compare
        }
        double rest = Math.max(0, 1 - s.nullFraction() - s.mcvTotal());
        double below = position(s.histogramBounds(), value);
        if (Double.isNaN(below)) {
            return mcv + rest * Selectivity.DEFAULT_INEQUALITY;
        }
        boolean lessThan = op.name().startsWith("<") == columnLeft;
        return mcv + rest * (lessThan ? below : 1 - below);
    }

    /** Fraction of rows with {@code lo <= col <= hi} (through the given operators). */
    static double between(ColumnStats s, BoundOperator geLow, BoundOperator leHigh, Object lo,
            Object hi, EvalContext eval) {
        double mcv = 0;
        try {
            for (int i = 0; i < s.mcvValues().size(); i++) {
                Object m = s.mcvValues().get(i);
                if (Boolean.TRUE.equals(geLow.apply(eval, m, lo))
                        && Boolean.TRUE.equals(leHigh.apply(eval, m, hi))) {
                    mcv += s.mcvFrequencies().get(i);
                }
            }
        } catch (RuntimeException e) {
            return Selectivity.DEFAULT_RANGE;
        }
        double rest = Math.max(0, 1 - s.nullFraction() - s.mcvTotal());
        double a = position(s.histogramBounds(), lo);
        double b = position(s.histogramBounds(), hi);
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return mcv + rest * Selectivity.DEFAULT_RANGE;
        }
        return mcv + rest * Math.max(0, b - a);
    }

    /** Fraction of non-MCV values that start with {@code prefix}. */
    static double histogramPrefix(ColumnStats s, String prefix) {
        double a = position(s.histogramBounds(), prefix);
        double b = position(s.histogramBounds(), prefix + Character.MAX_VALUE);
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Selectivity.DEFAULT_MATCH;
        }
        return Math.max(b - a, 0);
    }

    /**
     * The fraction of histogram values below {@code value}: 0 before the first bound, 1 after
     * the last, interpolated inside a bucket; NaN without a usable histogram.
     */
    static double position(List<Object> bounds, Object value) {
        int n = bounds.size();
        if (n < 2) {
            return Double.NaN;
        }
        Integer first = compare(value, bounds.getFirst());
        if (first == null) {
            return Double.NaN;
        }
        if (first <= 0) {
            return 0;
        }
        if (compare(value, bounds.getLast()) >= 0) {
            return 1;
        }
        int lo = 0;
        int hi = n - 1;   // invariant: bounds[lo] < value <= bounds[hi]
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (compare(value, bounds.get(mid)) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + inBucket(bounds.get(lo), bounds.get(hi), value)) / (n - 1);
    }

    private static double inBucket(Object low, Object high, Object value) {
        double l = numeric(low);
        double h = numeric(high);
        double v = numeric(value);
        if (Double.isNaN(l) || Double.isNaN(h) || Double.isNaN(v) || h <= l) {
            return 0.5;
        }
        return Math.max(0, Math.min(1, (v - l) / (h - l)));
    }

    private static double numeric(Object v) {
        return switch (v) {
            case Number x -> x.doubleValue();
            case LocalDate d -> d.toEpochDay();
            default -> Double.NaN;
        };
    }

    /** The value order of two values, numbers across Java types; null if incomparable. */
    static Integer compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && a.getClass() != b.getClass()) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return null;
        }
        return ValueOrder.compare(a, b, null);
    }
}
