package dev.cutaway.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One result line of a benchmark run, as {@code shared/BENCHMARKS.md} fixes it:
 * <pre>
 * bench &lt;suite&gt; &lt;workload&gt; &lt;engine&gt;
 *       ops_per_s=&lt;n&gt; p50_us=&lt;n&gt; p99_us=&lt;n&gt; [k=v ...]
 * </pre>
 * (one line, shown wrapped here). {@code ops_per_s} is an integer; latencies are microseconds
 * with two decimals (a fast read takes about a microsecond, so an integer would hide the
 * difference between engines). Extra fields keep their order.
 *
 * <p>Invariants: (1) suite, workload, engine, extra names and extra values are non-empty and
 * contain no space and no '='; (2) throughput and latencies are finite and not negative.
 */
public record BenchLine(String suite, String workload, String engine, long opsPerSecond,
        double p50Micros, double p99Micros, Map<String, String> extras) {

    public static final String PREFIX = "bench ";

    public BenchLine {
        checkToken("suite", suite);
        checkToken("workload", workload);
        checkToken("engine", engine);
        if (opsPerSecond < 0 || !(p50Micros >= 0) || !(p99Micros >= 0)
                || Double.isInfinite(p50Micros) || Double.isInfinite(p99Micros)) {
            throw new IllegalArgumentException("BenchLine.2 bad numbers: ops_per_s="
                    + opsPerSecond + " p50_us=" + p50Micros + " p99_us=" + p99Micros);
        }
        extras.forEach((name, value) -> {
            checkToken("extra name", name);
            checkToken("extra value of " + name, value);
        });
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    /** The line exactly as printed, without a trailing newline. */
    public String format() {
        StringBuilder line = new StringBuilder(160);
        line.append(PREFIX).append(suite).append(' ').append(workload).append(' ').append(engine)
                .append(" ops_per_s=").append(opsPerSecond)
                .append(" p50_us=").append(String.format(Locale.ROOT, "%.2f", p50Micros))
                .append(" p99_us=").append(String.format(Locale.ROOT, "%.2f", p99Micros));
        extras.forEach((name, value) -> line.append(' ').append(name).append('=').append(value));
        return line.toString();
    }

    /** Reads a line written by {@link #format()}; rejects anything else. */
    public static BenchLine parse(String text) {
        String[] tokens = text.strip().split(" ");
        if (tokens.length < 7 || !tokens[0].equals("bench")) {
            throw new IllegalArgumentException("not a bench line: " + text);
        }
        long ops = Long.parseLong(field(tokens[4], "ops_per_s", text));
        double p50 = Double.parseDouble(field(tokens[5], "p50_us", text));
        double p99 = Double.parseDouble(field(tokens[6], "p99_us", text));
        Map<String, String> extras = new LinkedHashMap<>();
        for (int i = 7; i < tokens.length; i++) {
            int eq = tokens[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("extra field without name=value: " + text);
            }
            extras.put(tokens[i].substring(0, eq), tokens[i].substring(eq + 1));
        }
        return new BenchLine(tokens[1], tokens[2], tokens[3], ops, p50, p99, extras);
    }

    private static String field(String token, String name, String text) {
        if (!token.startsWith(name + "=")) {
            throw new IllegalArgumentException("expected " + name + "= in: " + text);
        }
        return token.substring(name.length() + 1);
    }

    static void checkToken(String what, String token) {
        if (token == null || token.isEmpty() || token.indexOf(' ') >= 0
                || token.indexOf('=') >= 0 || token.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("BenchLine.1 " + what
                    + " must be a non-empty token without space or '=': " + token);
        }
    }
}
