package dev.cutaway.bench;

import java.util.Locale;

/**
 * One comparison line, {@code ratio <suite> <workload> <left>/<right>=<x.xx>}
 * ({@code shared/BENCHMARKS.md}). The ratio is the left engine's throughput over the right
 * engine's, so above 1 means the left side is faster.
 *
 * <p>Invariants: (1) names are tokens as in {@link BenchLine} and contain no '/';
 * (2) the ratio is finite and not negative.
 */
public record RatioLine(String suite, String workload, String left, String right,
        double ratio) {

    public static final String PREFIX = "ratio ";

    public RatioLine {
        BenchLine.checkToken("suite", suite);
        BenchLine.checkToken("workload", workload);
        BenchLine.checkToken("left engine", left);
        BenchLine.checkToken("right engine", right);
        if (left.indexOf('/') >= 0 || right.indexOf('/') >= 0) {
            throw new IllegalArgumentException("RatioLine.1 engine names must not contain '/': "
                    + left + ", " + right);
        }
        if (!(ratio >= 0) || Double.isInfinite(ratio)) {
            throw new IllegalArgumentException("RatioLine.2 bad ratio " + ratio);
        }
    }

    /** Compares two results of the same suite and workload by throughput. */
    public static RatioLine of(BenchLine left, BenchLine right) {
        if (!left.suite().equals(right.suite()) || !left.workload().equals(right.workload())) {
            throw new IllegalArgumentException("cannot compare " + left.format() + " with "
                    + right.format());
        }
        if (right.opsPerSecond() == 0) {
            throw new IllegalArgumentException("right side has zero throughput: "
                    + right.format());
        }
        return new RatioLine(left.suite(), left.workload(), left.engine(), right.engine(),
                (double) left.opsPerSecond() / right.opsPerSecond());
    }

    /** The line exactly as printed, without a trailing newline. */
    public String format() {
        return PREFIX + suite + ' ' + workload + ' ' + left + '/' + right + '='
                + String.format(Locale.ROOT, "%.2f", ratio);
    }

    /** Reads a line written by {@link #format()}; rejects anything else. */
    public static RatioLine parse(String text) {
        String[] tokens = text.strip().split(" ");
        if (tokens.length != 4 || !tokens[0].equals("ratio")) {
            throw new IllegalArgumentException("not a ratio line: " + text);
        }
        int slash = tokens[3].indexOf('/');
        int eq = tokens[3].indexOf('=');
        if (slash <= 0 || eq <= slash + 1) {
            throw new IllegalArgumentException("expected <left>/<right>=<x.xx> in: " + text);
        }
        return new RatioLine(tokens[1], tokens[2], tokens[3].substring(0, slash),
                tokens[3].substring(slash + 1, eq),
                Double.parseDouble(tokens[3].substring(eq + 1)));
    }
}
