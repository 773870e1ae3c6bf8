package dev.cutaway.txn.hermitage;

import java.util.List;

/**
 * Renders run results as Hermitage's table: one line per level, one column per anomaly, ✓
 * where every case of the column was prevented, — where one showed the anomaly, ! where one
 * was an error, ? where a case did not run; a * marks a cell whose classification differs
 * from PostgreSQL's, a ~ one where it agrees but some step differs.
 */
public final class HermitageTable {
    private HermitageTable() {}

    public static String render(HermitageSpec spec, List<RunResult> results) {
        StringBuilder sb = new StringBuilder(String.format("%-17s", "level"));
        for (String column : spec.columns()) {
            sb.append(String.format(" %-9s", column));
        }
        for (String level : spec.levels()) {
            sb.append(String.format("%n%-17s", level));
            for (String column : spec.columns()) {
                sb.append(String.format(" %-9s", cell(spec, results, level, column)));
            }
        }
        return sb.toString();
    }

    private static String cell(HermitageSpec spec, List<RunResult> results, String level,
            String column) {
        boolean anomaly = false;
        boolean error = false;
        boolean missing = false;
        boolean mismatch = false;
        boolean stepsDiffer = false;
        for (HermitageCase c : spec.cases()) {
            if (!c.column().equals(column)) {
                continue;
            }
            RunResult r = results.stream().filter(x -> x.caseId().equals(c.id())
                    && x.level().equals(level)).findFirst().orElse(null);
            if (r == null) {
                missing = true;
                continue;
            }
            anomaly |= r.classification() == Classification.ANOMALY;
            error |= r.classification() == Classification.ERROR;
            mismatch |= !r.passed();
            stepsDiffer |= !r.stepsAgree();
        }
        String mark = error ? "!" : missing ? "?" : anomaly ? "—" : "✓";
        return mark + (mismatch ? "*" : stepsDiffer ? "~" : "");
    }
}
