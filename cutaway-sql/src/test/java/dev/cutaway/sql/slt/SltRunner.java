package dev.cutaway.sql.slt;

import dev.cutaway.check.InvariantViolation;
import dev.cutaway.sql.slt.SltEngine.SltRows;
import dev.cutaway.sql.slt.SltRecord.Query;
import dev.cutaway.sql.slt.SltRecord.Statement;
import dev.cutaway.sql.slt.SltResults.Failure;
import dev.cutaway.sql.slt.SltResults.FileResult;
import dev.cutaway.sql.slt.SltResults.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Runs sqllogictest scripts against fresh databases from an {@link SltEngine.Factory} and
 * counts what passed, failed, was skipped by label, or could not be judged.
 *
 * <p>Each script runs on its own worker thread with a deadline ({@link Options#fileTimeoutMillis}).
 * When it is exceeded the runner stops reading records, asks the engine to {@link
 * SltEngine#cancel() cancel}, interrupts the worker, waits {@link Options#graceMillis} and then
 * abandons it (a daemon thread), so one pathological script cannot hang a whole run. The
 * result then carries a {@link Kind#TIMEOUT} error at the line it had reached.
 *
 * <p>Invariants: (1) one engine per script, opened before its first record and closed after
 * its last (or on abandon); (2) at most {@link Options#failuresShownMax} failures are kept per
 * script, all are counted; (3) the hash threshold starts at 8 for every script.
 */
final class SltRunner {
    /** Hash threshold a script starts with (README: 8 unless a script sets it). */
    static final int HASH_THRESHOLD_DEFAULT = 8;
    /** Bound on the values of one query result the runner renders. */
    static final int RESULT_VALUES_MAX = 5_000_000;
    private static final int SHOWN_LINES_MAX = 12;
    private static final int SHOWN_CHARS_MAX = 2_000;

    /**
     * Settings: the engine label for {@code skipif}/{@code onlyif} ({@code postgresql} for a
     * PostgreSQL-dialect engine), the deadline per script, the grace after a cancel, and how
     * many failures to keep per script.
     */
    record Options(String label, long fileTimeoutMillis, long graceMillis, int failuresShownMax) {
        public Options {
            if (fileTimeoutMillis <= 0 || graceMillis < 0 || failuresShownMax < 0) {
                throw new IllegalArgumentException("bad runner options");
            }
        }

        static Options postgresql(long fileTimeoutMillis) {
            return new Options("postgresql", fileTimeoutMillis, 2_000, 5);
        }
    }

    /** Opens a script for reading, once per run. */
    @FunctionalInterface
    interface Source {
        BufferedReader open() throws IOException;

        static Source of(Path file) {
            return () -> Files.newBufferedReader(file, StandardCharsets.UTF_8);
        }

        static Source of(String script) {
            return () -> new BufferedReader(new java.io.StringReader(script));
        }
    }

    private final SltEngine.Factory factory;
    private final Options options;
    private final LongSupplier nanoTime;
    private final ThreadFactory threads;

    SltRunner(SltEngine.Factory factory, Options options) {
        this(factory, options, System::nanoTime,
                Thread.ofPlatform().name("slt-script-", 0).daemon(true).factory());
    }

    SltRunner(SltEngine.Factory factory, Options options, LongSupplier nanoTime,
            ThreadFactory threads) {
        this.factory = factory;
        this.options = options;
        this.nanoTime = nanoTime;
        this.threads = threads;
    }

    /** Runs one script file; {@code name} is how reports call it (e.g. its relative path). */
    FileResult run(String name, Path file) {
        return run(name, Source.of(file));
    }

    /** Runs one script on a fresh engine, within the deadline. */
    FileResult run(String name, Source source) {
        long startNanos = nanoTime.getAsLong();
        Tally tally = new Tally(options.failuresShownMax());
        ScriptRun script = new ScriptRun(source, tally);
        Thread worker = threads.newThread(script::run);
        worker.start();
        boolean finished = await(worker, options.fileTimeoutMillis());
        if (!finished) {
            script.stop();
            worker.interrupt();
            await(worker, options.graceMillis());
            tally.add(new Failure(tally.lineReached(), Kind.TIMEOUT, "",
                    "script done within " + options.fileTimeoutMillis() + " ms",
                    "still running at line " + tally.lineReached()
                            + (worker.isAlive() ? " (worker abandoned)" : "")));
            script.closeEngine();
        }
        long elapsedMillis = (nanoTime.getAsLong() - startNanos) / 1_000_000;
        return tally.result(name, elapsedMillis);
    }

    private static boolean await(Thread worker, long millis) {
        try {
            worker.join(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running a script", e);
        }
        return !worker.isAlive();
    }

    /** One script's execution on its worker thread. */
    private final class ScriptRun {
        private final Source source;
        private final Tally tally;
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile SltEngine engine;
        private int hashThreshold = HASH_THRESHOLD_DEFAULT;

        ScriptRun(Source source, Tally tally) {
            this.source = source;
            this.tally = tally;
        }

        void run() {
            try (BufferedReader in = source.open()) {
                engine = factory.open();
                if (stopped.get()) {
                    return;
                }
                runRecords(new SltParser(in));
            } catch (Exception | Error e) {
                // An Error too: a worker that died silently would end the script early with
                // its remaining records never counted, a failure nobody would see.
                if (!stopped.get()) {
                    tally.add(new Failure(tally.lineReached(), Kind.ENGINE_ERROR, "",
                            "the script runs", describe(e)));
                }
            } finally {
                closeEngine();
            }
        }

        void stop() {
            stopped.set(true);
            SltEngine e = engine;
            if (e != null) {
                e.cancel();
            }
        }

        void closeEngine() {
            SltEngine e = engine;
            if (e != null && closed.compareAndSet(false, true)) {
                try {
                    e.close();
                } catch (Exception ignored) {
                    // A close failing after the script is over changes no result.
                }
            }
        }

        private void runRecords(SltParser parser) throws IOException {
            for (SltRecord r = parser.next(); r != null && !stopped.get(); r = parser.next()) {
                tally.reached(r.line());
                if (!r.appliesTo(options.label())) {
                    if (r instanceof Statement || r instanceof Query) {
                        tally.skip();
                    }
                    continue;
                }
                switch (r) {
                    case SltRecord.Halt _ -> {
                        tally.halt();
                        return;
                    }
                    case SltRecord.HashThreshold h -> hashThreshold = h.threshold();
                    case SltRecord.Malformed m -> tally.add(
                            new Failure(m.line(), Kind.MALFORMED, "", "a record", m.reason()));
                    case Statement s -> statement(s);
                    case Query q -> query(q);
                }
            }
        }

        private void statement(Statement s) {
            Outcome outcome = Outcome.OK;
            for (String piece : SqlStatements.split(s.sql())) {
                outcome = attempt(() -> engine.execute(piece));
                if (outcome != Outcome.OK || stopped.get()) {
                    break;
                }
            }
            if (stopped.get()) {
                return;
            }
            boolean passed = s.expectError() ? outcome.isSqlError() : outcome == Outcome.OK;
            if (passed) {
                tally.pass();
                return;
            }
            Kind kind = outcome.isBug() ? Kind.ENGINE_BUG
                    : s.expectError() ? Kind.STATEMENT_SUCCEEDED : Kind.STATEMENT_FAILED;
            tally.add(new Failure(s.line(), kind, shorten(s.sql()),
                    s.expectError() ? "an error" : "ok",
                    outcome == Outcome.OK ? "ok" : outcome.message()));
        }

        private void query(Query q) {
            SltRows[] rows = new SltRows[1];
            List<String> sql = SqlStatements.split(q.sql());
            Outcome outcome = sql.size() == 1
                    ? attempt(() -> rows[0] = engine.query(sql.getFirst()))
                    : Outcome.sqlError("a query record holds " + sql.size() + " statements");
            if (stopped.get()) {
                return;
            }
            if (outcome != Outcome.OK) {
                tally.add(new Failure(q.line(), outcome.isBug() ? Kind.ENGINE_BUG
                        : Kind.QUERY_FAILED, shorten(q.sql()), shorten(q.expected()),
                        outcome.message()));
                return;
            }
            compare(q, rows[0]);
        }

        private void compare(Query q, SltRows rows) {
            int columns = q.types().length();
            if (rows.columnCount() != columns) {
                tally.add(new Failure(q.line(), Kind.COLUMN_COUNT, shorten(q.sql()),
                        columns + " columns (" + q.types() + ")",
                        rows.columnCount() + " columns"));
                return;
            }
            List<String> actual;
            try {
                if ((long) rows.rows().size() * columns > RESULT_VALUES_MAX) {
                    throw new IllegalArgumentException("more than " + RESULT_VALUES_MAX
                            + " values in one result");
                }
                List<String> values = SltRendering.renderRows(rows.rows(), q.types());
                values = SltRendering.sort(values, columns, q.sortMode());
                actual = SltRendering.expectedForm(values, hashThreshold);
            } catch (IllegalArgumentException e) {
                tally.add(new Failure(q.line(), Kind.ENGINE_ERROR, shorten(q.sql()),
                        shorten(q.expected()), e.getMessage()));
                return;
            }
            if (actual.equals(q.expected())) {
                tally.pass();
            } else {
                tally.add(new Failure(q.line(), Kind.WRONG_RESULT, shorten(q.sql()),
                        shorten(q.expected()), shorten(actual)));
            }
        }
    }

    /** A call into the engine. */
    private interface EngineCall {
        void run() throws Exception;
    }

    /** What one call into the engine did: succeeded, raised a SQL error, or hit a bug. */
    private record Outcome(boolean ok, boolean isBug, String message) {
        static final Outcome OK = new Outcome(true, false, "ok");

        static Outcome sqlError(String message) {
            return new Outcome(false, false, message);
        }

        boolean isSqlError() {
            return !ok && !isBug;
        }
    }

    private static Outcome attempt(EngineCall call) {
        try {
            call.run();
            return Outcome.OK;
        } catch (InvariantViolation | StackOverflowError e) {
            return new Outcome(false, true, "BUG: " + describe(e));
        } catch (Exception e) {
            return Outcome.sqlError("error: " + describe(e));
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        return shorten(e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message));
    }

    static String shorten(List<String> lines) {
        if (lines.isEmpty()) {
            return "(no rows)";
        }
        List<String> shown = new ArrayList<>(lines.subList(0, Math.min(lines.size(),
                SHOWN_LINES_MAX)));
        if (lines.size() > SHOWN_LINES_MAX) {
            shown.add("... (" + lines.size() + " lines)");
        }
        return String.join("\n", shown);
    }

    static String shorten(String text) {
        return text.length() <= SHOWN_CHARS_MAX ? text
                : text.substring(0, SHOWN_CHARS_MAX) + "... (" + text.length() + " chars)";
    }
}
