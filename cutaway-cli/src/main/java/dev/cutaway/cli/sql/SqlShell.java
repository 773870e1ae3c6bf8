package dev.cutaway.cli.sql;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.Result;
import dev.cutaway.sql.engine.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The SQL shell's read-eval-print loop, as a psql user expects it (ADR 0021): lines collect in
 * a query buffer until a semicolon ends a statement outside quotes, comments and parentheses
 * ({@link StatementScanner}); each statement runs alone and prints as psql prints it; lines
 * starting with a backslash are meta commands ({@link MetaCommands}). The prompt shows the
 * buffer and transaction state as psql's {@code %R%x}: {@code cutaway=>} idle,
 * {@code cutaway->} inside a statement ({@code '>}, {@code ">}, {@code $>}, {@code *>},
 * {@code (>} inside a quote, dollar quote, comment or parentheses), {@code cutaway=*>} in a
 * transaction block, {@code cutaway=!>} in a failed one.
 *
 * <p>The shell never dies on a bad statement: SQL errors print as {@code ERROR:  SQLSTATE:
 * message} with the line and a caret; anything else the engine throws prints as an internal
 * error (XX000) and the loop goes on. Exit status: 0; with input that is not a terminal, 1 if
 * any statement failed (as {@code cutaway sql}); with {@code onErrorStop}, the first error
 * stops the shell with status 3 (psql's ON_ERROR_STOP).
 *
 * <p>Where lines come from is a {@link LineSource}: JLine's line reader on a terminal, plain
 * lines from a pipe, a file for {@code \i}. Not thread-safe: one shell, one thread.
 */
public final class SqlShell {
    /** Exit status when ON_ERROR_STOP stopped the shell, as psql's. */
    public static final int EXIT_STOPPED = 3;
    static final String DATABASE_NAME = "cutaway";

    /** A source of input lines; {@code readLine} returns null at the end of input. */
    @FunctionalInterface
    public interface LineSource {
        String readLine(String prompt) throws IOException;
    }

    /**
     * @param interactive a terminal: prompts, the greeting, errors on the same stream
     * @param onErrorStop stop at the first error with {@link #EXIT_STOPPED}
     * @param target what the shell is connected to, for the greeting and {@code \conninfo}
     */
    public record Options(boolean interactive, boolean onErrorStop, String target) {}

    private final Database db;
    private final Session session;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Options options;
    private final MetaCommands meta;
    private final StringBuilder buffer = new StringBuilder();
    boolean timing;
    boolean expanded;
    private int errors;
    private boolean stopped;
    private boolean quit;

    public SqlShell(Database db, PrintWriter out, PrintWriter err, Options options) {
        this.db = db;
        this.session = db.newSession();
        this.out = out;
        this.err = err;
        this.options = options;
        this.meta = new MetaCommands(this, db, new EngineCommands(db));
    }

    /** Reads and runs lines until {@code \q}, the end of input or a stop; the exit status. */
    public int run(LineSource in) throws IOException {
        try {
            feed(in, true);
        } finally {
            session.close();
            out.flush();
            err.flush();
        }
        if (stopped) {
            return EXIT_STOPPED;
        }
        return errors > 0 && !options.interactive() ? 1 : 0;
    }

    /** Runs the lines of {@code in}; {@code prompting} shows prompts (a terminal). */
    void feed(LineSource in, boolean prompting) throws IOException {
        while (!quit && !stopped) {
            String line = in.readLine(prompting && options.interactive() ? prompt() : null);
            if (line == null) {
                return;
            }
            handleLine(line);
            out.flush();
            err.flush();
        }
    }

    /** One input line: a meta command, or more text for the query buffer. */
    public void handleLine(String line) {
        StatementScanner.Scan before = StatementScanner.scan(buffer.toString());
        boolean inQuote = "'\"$*".indexOf(before.state()) >= 0;
        if (!inQuote && line.stripLeading().startsWith("\\")) {
            try {
                meta.run(line.strip());
            } catch (MetaCommands.Failure e) {
                printFailure(e.getMessage());
            } catch (SqlException e) {
                printError(e, null);
            } catch (IOException | RuntimeException e) {
                printError(new SqlException(SqlState.INTERNAL_ERROR, describe(e)), null);
            }
            return;
        }
        buffer.append(line).append('\n');
        StatementScanner.Scan scan = StatementScanner.scan(buffer.toString());
        buffer.setLength(0);
        if (!scan.restIsBlank()) {
            buffer.append(scan.rest());
        }
        for (String sql : scan.statements()) {
            if (quit || stopped) {
                return;
            }
            execute(sql);
        }
    }

    /** Runs one statement, prints its result or error, and the time with {@code \timing}. */
    void execute(String sql) {
        long startNanos = System.nanoTime();
        try {
            Result r = session.executeOne(sql);
            ResultPrinter.print(r, expanded, out);
        } catch (SqlException e) {
            printError(e, sql);
        } catch (RuntimeException e) {
            printError(new SqlException(SqlState.INTERNAL_ERROR, describe(e)), sql);
        }
        printTiming(startNanos);
    }

    void printTiming(long startNanos) {
        if (timing) {
            out.printf(Locale.ROOT, "Time: %.3f ms%n", (System.nanoTime() - startNanos) / 1e6);
        }
    }

    void printError(SqlException e, String sql) {
        out.flush();
        err.print(ErrorPrinter.render(e.sqlState(), e.getMessage(), e.position(), e.detail(),
                e.hint(), sql));
        err.flush();
        countError();
    }

    /** A meta command's error, as psql prints those: the message alone. */
    void printFailure(String message) {
        out.flush();
        err.println(message);
        err.flush();
        countError();
    }

    private void countError() {
        errors++;
        if (options.onErrorStop()) {
            stopped = true;
        }
    }

    private static String describe(Exception e) {
        return "internal error: " + (e.getMessage() == null ? e.toString() : e.getMessage());
    }

    /** psql's prompt: name, buffer state ({@code =} or where the buffer is), txn state, '>'. */
    public String prompt() {
        char state = buffer.isEmpty() ? '=' : StatementScanner.scan(buffer.toString()).state();
        String txn = session.inFailedTransaction() ? "!" : session.inTransaction() ? "*" : "";
        return DATABASE_NAME + state + txn + "> ";
    }

    /** The greeting a terminal user sees first; a hint to the sample when the database is new. */
    public String greeting(String samplePath) {
        StringBuilder g = new StringBuilder("cutaway 0.1.0 SQL shell on ")
                .append(options.target()).append(". Type \\? for help, \\q to quit.\n");
        if (Describe.relations(db).stream().noneMatch(r -> r.schema().equals("public"))) {
            g.append("New database: load a sample with \\i ").append(samplePath)
                    .append(" and try the queries and \\explain in docs/sample/README.md.\n");
        }
        return g.toString();
    }

    Session session() {
        return session;
    }

    PrintWriter out() {
        return out;
    }

    Options options() {
        return options;
    }

    /** Empties the query buffer (Ctrl-C, as psql). */
    public void clearBuffer() {
        buffer.setLength(0);
    }

    void quit() {
        quit = true;
    }

    boolean stopped() {
        return stopped;
    }

    public int errors() {
        return errors;
    }
}
