package dev.cutaway.cli.sql;

import dev.cutaway.sql.engine.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The shell's backslash commands: psql's ({@code \d}, {@code \d NAME}, {@code \dt},
 * {@code \di}, {@code \dv}, {@code \timing}, {@code \x}, {@code \i FILE}, {@code \conninfo},
 * {@code \echo}, {@code \?}, {@code \q}) and Cutaway's own, which look inside the engine
 * ({@link EngineCommands}). A command takes the rest of its line as arguments; an unknown
 * one prints psql's {@code invalid command} message and counts as an error. {@code \i} runs a
 * file's lines through the same loop, nested at most {@link #INCLUDE_DEPTH_MAX} deep.
 */
final class MetaCommands {
    static final int INCLUDE_DEPTH_MAX = 16;
    static final List<String> NAMES = List.of("\\?", "\\buffers", "\\conninfo", "\\d", "\\di",
            "\\dt", "\\dv", "\\echo", "\\engine", "\\explain", "\\i", "\\locks", "\\log", "\\q",
            "\\timing", "\\x");
    static final String HELP = """
            General
              \\q                     quit the shell (also end of input, Ctrl-D)
              \\? [commands]          this help
              \\conninfo              what the shell is connected to
              \\echo TEXT             print TEXT
            Input
              \\i FILE                run the statements and commands of FILE
            Informational (psql's)
              \\d [NAME]              list relations, or describe table/view/index/sequence NAME
              \\dt [PATTERN]          list tables       (PATTERN: name with * and ? wildcards)
              \\di [PATTERN]          list indexes
              \\dv [PATTERN]          list views
            Formatting
              \\timing [on|off]       show how long each statement took
              \\x [on|off]            expanded display: one line per column
            Inside the engine (Cutaway's own)
              \\explain QUERY         the query's plan as a tree (EXPLAIN ANALYZE when available)
              \\buffers               B+tree buffer pools: frames, hits, misses, evictions
              \\locks                 open transactions, lock waits, lock and SSI counters
              \\log [N]               the newest N write-ahead log records (default 20)
              \\engine TABLE          the key space and storage engine under TABLE, its counters
            SQL statements end with ';' and may span lines; Tab completes keywords and names.
            """;

    private final SqlShell shell;
    private final Database db;
    private final EngineCommands engine;
    private int includeDepth;

    MetaCommands(SqlShell shell, Database db, EngineCommands engine) {
        this.shell = shell;
        this.db = db;
        this.engine = engine;
    }

    /** Runs one meta command line ({@code \name args}). */
    void run(String line) throws IOException {
        int space = indexOfSpace(line);
        String name = space < 0 ? line : line.substring(0, space);
        String args = space < 0 ? "" : line.substring(space + 1).strip();
        PrintWriter out = shell.out();
        switch (name) {
            case "\\q", "\\quit" -> shell.quit();
            case "\\?", "\\h", "\\help" -> out.print(HELP);
            case "\\conninfo" -> out.println("You are connected to database \""
                    + SqlShell.DATABASE_NAME + "\" (" + shell.options().target() + ").");
            case "\\echo" -> out.println(args);
            case "\\d", "\\d+" -> out.print(args.isEmpty()
                    ? Describe.list(db, List.of("table", "view", "sequence"), null)
                    : Describe.describe(db, shell.session(), args));
            case "\\dt", "\\dt+" -> out.print(Describe.list(db, List.of("table"), pattern(args)));
            case "\\di", "\\di+" -> out.print(Describe.list(db, List.of("index"), pattern(args)));
            case "\\dv", "\\dv+" -> out.print(Describe.list(db, List.of("view"), pattern(args)));
            case "\\timing" -> {
                shell.timing = toggle("timing", args, shell.timing);
                out.println("Timing is " + (shell.timing ? "on." : "off."));
            }
            case "\\x" -> {
                shell.expanded = toggle("expanded", args, shell.expanded);
                out.println("Expanded display is " + (shell.expanded ? "on." : "off."));
            }
            case "\\i", "\\include" -> include(args);
            case "\\explain" -> timed(() -> engine.explain(shell.session(), args));
            case "\\buffers" -> out.print(engine.buffers());
            case "\\locks" -> out.print(engine.locks());
            case "\\log" -> out.print(engine.log(args.isEmpty()
                    ? EngineCommands.LOG_RECORDS_DEFAULT : count(args)));
            case "\\engine" -> out.print(engine.engine(shell.session(), args));
            default -> throw new Failure("invalid command " + name + "\nTry \\? for help.");
        }
    }

    /** A meta command's own error, printed as psql prints it (no ERROR: prefix). */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    private interface Text {
        String get();
    }

    private void timed(Text command) {
        long startNanos = System.nanoTime();
        shell.out().print(command.get());
        shell.printTiming(startNanos);
    }

    private static int indexOfSpace(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (Character.isWhitespace(line.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String pattern(String args) {
        return args.isEmpty() ? null : args;
    }

    private static int count(String args) {
        try {
            return Integer.parseInt(args);
        } catch (NumberFormatException e) {
            throw new Failure("\\log: \"" + args + "\" is not a record count");
        }
    }

    /** psql's boolean toggles: no argument flips, on/off (and true/false, 1/0) set. */
    private static boolean toggle(String option, String args, boolean current) {
        return switch (args.toLowerCase(java.util.Locale.ROOT)) {
            case "" -> !current;
            case "on", "true", "yes", "1" -> true;
            case "off", "false", "no", "0" -> false;
            default -> throw new Failure("unrecognized value \"" + args + "\" for \"" + option
                    + "\": Boolean expected");
        };
    }

    /** {@code \i FILE}: the file's lines through the same loop, without prompts. */
    private void include(String args) throws IOException {
        if (args.isEmpty()) {
            throw new Failure("\\i: missing required argument");
        }
        if (includeDepth >= INCLUDE_DEPTH_MAX) {
            throw new Failure("\\i: files nest more than " + INCLUDE_DEPTH_MAX + " deep (does "
                    + args + " include itself?)");
        }
        Path file = Path.of(unquote(args));
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Failure(args + ": No such file or directory");
        }
        includeDepth++;
        try (reader) {
            shell.feed(prompt -> reader.readLine(), false);
        } finally {
            includeDepth--;
        }
    }

    private static String unquote(String s) {
        return s.length() > 1 && s.startsWith("'") && s.endsWith("'")
                ? s.substring(1, s.length() - 1) : s;
    }
}
