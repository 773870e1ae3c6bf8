package dev.cutaway.sql.slt;

import dev.cutaway.sql.slt.SltResults.Failure;
import dev.cutaway.sql.slt.SltResults.FileResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reports of a run over many scripts: a text a person reads (totals, a table per directory,
 * then each script with its first failures: line, SQL, expected, got) and one compact summary
 * line per directory for logs and CI. A script's directory is the part of its name before the
 * last {@code /} ({@code .} for a script at the top).
 */
final class SltReport {
    private final String label;
    private final List<FileResult> files = new ArrayList<>();

    SltReport(String label) {
        this.label = label;
    }

    void add(FileResult result) {
        files.add(result);
    }

    List<FileResult> files() {
        return List.copyOf(files);
    }

    /** Sums over a set of scripts. */
    record Totals(int files, long passed, long failed, long skipped, long errors,
            long elapsedMillis) {
        static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0);

        Totals plus(FileResult f) {
            return new Totals(files + 1, passed + f.passed(), failed + f.failed(),
                    skipped + f.skipped(), errors + f.errors(), elapsedMillis + f.elapsedMillis());
        }

        /** Passed over everything judged (passed + failed + errors), in percent. */
        double passRatePercent() {
            long judged = passed + failed + errors;
            return judged == 0 ? 100.0 : 100.0 * passed / judged;
        }
    }

    Totals total() {
        Totals t = Totals.ZERO;
        for (FileResult f : files) {
            t = t.plus(f);
        }
        return t;
    }

    /** Totals per directory, directories in name order. */
    Map<String, Totals> byDirectory() {
        Map<String, Totals> out = new TreeMap<>();
        for (FileResult f : files) {
            out.merge(directoryOf(f.name()), Totals.ZERO.plus(f),
                    (a, b) -> new Totals(a.files() + b.files(), a.passed() + b.passed(),
                            a.failed() + b.failed(), a.skipped() + b.skipped(),
                            a.errors() + b.errors(), a.elapsedMillis() + b.elapsedMillis()));
        }
        return out;
    }

    static String directoryOf(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "." : name.substring(0, slash);
    }

    /** One line per directory: {@code slt <label> <dir>: files=.. passed=.. ... rate=..%}. */
    List<String> summaryLines() {
        List<String> out = new ArrayList<>();
        byDirectory().forEach((dir, t) -> out.add(summaryLine(dir, t)));
        out.add(summaryLine("TOTAL", total()));
        return out;
    }

    private String summaryLine(String dir, Totals t) {
        return String.format(Locale.ROOT,
                "slt %s %s: files=%d passed=%d failed=%d skipped=%d errors=%d rate=%.2f%% "
                        + "time=%.1fs",
                label, dir, t.files(), t.passed(), t.failed(), t.skipped(), t.errors(),
                t.passRatePercent(), t.elapsedMillis() / 1000.0);
    }

    /** The full text report. */
    String text() {
        StringBuilder out = new StringBuilder();
        Totals all = total();
        out.append(String.format(Locale.ROOT,
                "sqllogictest, label %s: %d scripts, %d passed, %d failed, %d skipped, "
                        + "%d errors; pass rate %.2f%%; %.1f s%n%n",
                label, all.files(), all.passed(), all.failed(), all.skipped(), all.errors(),
                all.passRatePercent(), all.elapsedMillis() / 1000.0));
        out.append(String.format(Locale.ROOT, "%-28s %6s %9s %7s %8s %6s %9s%n", "directory",
                "files", "passed", "failed", "skipped", "errors", "pass rate"));
        byDirectory().forEach((dir, t) -> out.append(String.format(Locale.ROOT,
                "%-28s %6d %9d %7d %8d %6d %8.2f%%%n", dir, t.files(), t.passed(), t.failed(),
                t.skipped(), t.errors(), t.passRatePercent())));
        out.append('\n');
        for (FileResult f : files) {
            appendFile(out, f);
        }
        return out.toString();
    }

    static void appendFile(StringBuilder out, FileResult f) {
        out.append(String.format(Locale.ROOT,
                "%s: %d passed, %d failed, %d skipped, %d errors%s (%.1f s)%n", f.name(),
                f.passed(), f.failed(), f.skipped(), f.errors(), f.halted() ? ", halted" : "",
                f.elapsedMillis() / 1000.0));
        int notShown = f.failed() + f.errors() - f.firstFailures().size();
        for (Failure x : f.firstFailures()) {
            out.append("  line ").append(x.line()).append(": ")
                    .append(x.kind().name().toLowerCase(Locale.ROOT)).append('\n');
            if (!x.sql().isEmpty()) {
                out.append(indent("    sql:      ", x.sql()));
            }
            out.append(indent("    expected: ", x.expected()));
            out.append(indent("    got:      ", x.actual()));
        }
        if (notShown > 0) {
            out.append("  ... and ").append(notShown).append(" more\n");
        }
    }

    private static String indent(String head, String text) {
        String pad = " ".repeat(head.length());
        return head + String.join("\n" + pad, text.split("\n", -1)) + "\n";
    }
}
