package dev.cutaway.sql.slt;

import dev.cutaway.sql.slt.SltResults.Failure;
import dev.cutaway.sql.slt.SltResults.FileResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The counts of one script while it runs. Written by the script's worker thread and read by
 * the runner's thread (also while the worker may still run, after a deadline), so every method
 * is synchronized. Invariant: {@code shown.size() <= failuresShownMax}; every failure is
 * counted, as failed or as an error by its kind, whether shown or not.
 */
final class Tally {
    private final int failuresShownMax;
    private final List<Failure> shown = new ArrayList<>();
    private int passed;
    private int failed;
    private int skipped;
    private int errors;
    private int lineReached;
    private boolean halted;

    Tally(int failuresShownMax) {
        this.failuresShownMax = failuresShownMax;
    }

    synchronized void pass() {
        passed++;
    }

    synchronized void skip() {
        skipped++;
    }

    synchronized void halt() {
        halted = true;
    }

    synchronized void reached(int line) {
        lineReached = line;
    }

    synchronized int lineReached() {
        return lineReached;
    }

    synchronized void add(Failure f) {
        if (f.kind().isError) {
            errors++;
        } else {
            failed++;
        }
        if (shown.size() < failuresShownMax) {
            shown.add(f);
        }
    }

    synchronized FileResult result(String name, long elapsedMillis) {
        return new FileResult(name, passed, failed, skipped, errors, halted, elapsedMillis, shown);
    }
}
