package dev.cutaway.cli;

import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.Node;
import dev.cutaway.log.WriteBatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutaway kv}: the key-value shell, a look at the storage layer under SQL: raw
 * put/get/scan on a node's default key space; keys and values are UTF-8 text, or hex when
 * written {@code 0x...}.
 *
 * <p>A KV directory and an SQL directory must not be mixed up (ADR 0021): raw keys written here
 * would be read by the transaction layer as MVCC versions, and raw writes into an SQL
 * directory would bypass transactions and the catalog. So the KV shell has its own default
 * directory ({@code cutaway-kv-data}), refuses a directory holding SQL data (the transaction
 * layer's clock key, written by every SQL commit), and marks its directories with
 * {@link #MARKER_KEY} (below the transaction layer's version keys, 0x60...), which the SQL
 * shell refuses in turn.
 */
@Command(name = "kv", mixinStandardHelpOptions = true,
        description = "Open the key-value shell (the storage layer under SQL) on a data "
                + "directory of its own.")
final class KvCommand implements Callable<Integer> {
    /** Marks a directory as the KV shell's: {@code 0x01 "kv-shell"}. */
    static final byte[] MARKER_KEY = {0x01, 'k', 'v', '-', 's', 'h', 'e', 'l', 'l'};
    /** The transaction layer's clock floor, present once SQL has committed anything. */
    static final byte[] SQL_CLOCK_KEY = {0x01, 'h', 'l', 'c'};
    static final String HELP = """
            Commands (key-value shell; for SQL use ./cutaway shell):
              put KEY VALUE        write one pair (one logged batch)
              get KEY              read a value
              delete KEY           delete a key
              scan [FROM [TO]]     list pairs in [FROM, TO) in key order (at most 100)
              rscan [FROM [TO]]    the same range, descending
              checkpoint           make the engine's on-disk image complete, trim the log
              stats                counters of the log and the engine (B+tree or LSM)
              recovery             what opening the data directory found and replayed
              check                verify every structural invariant of the engine
              help                 this text
              quit                 leave (also \\q or end of input)
            Keys and values are UTF-8 text, or hex written 0x0a1b...""";
    private static final int SCAN_ROWS_MAX = 100;

    @Spec CommandSpec spec;

    @Option(names = {"-d", "--data", "--dir"}, paramLabel = "DIR",
            description = "data directory (default: ${DEFAULT-VALUE})")
    Path dir = Path.of("cutaway-kv-data");

    @Mixin
    StorageOptions storage = new StorageOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        boolean interactive = System.console() != null && System.console().isTerminal();
        try (Background background = new Background();
             Node node = Node.open(new RealFileSystem(), dir,
                     background.configure(storage.nodeOptions()))) {
            claim(node);
            if (interactive) {
                out.println("cutaway key-value shell on " + dir.toAbsolutePath()
                        + " (type help)");
            }
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (true) {
                if (interactive) {
                    out.print("cutaway-kv> ");
                }
                out.flush();
                String line = in.readLine();
                if (line == null || !execute(node, line.strip(), out)) {
                    break;
                }
            }
        }
        return 0;
    }

    /** Refuses an SQL data directory; marks a KV one as the KV shell's. */
    static void claim(Node node) throws IOException {
        if (node.get(SQL_CLOCK_KEY) != null || node.spaces().size() > 1) {
            throw new IllegalArgumentException(node.dir() + " holds an SQL database; the "
                    + "key-value shell would bypass its transactions and catalog (use "
                    + "./cutaway shell --data " + node.dir() + ", or give kv another --data)");
        }
        if (node.get(MARKER_KEY) == null) {
            node.write(new WriteBatch().put(MARKER_KEY, new byte[0]));
        }
    }

    /** Runs one shell line; returns false when the user asked to leave. */
    static boolean execute(Node node, String line, PrintWriter out) throws IOException {
        if (line.isEmpty() || line.startsWith("--")) {
            return true;
        }
        String[] w = line.split("\\s+", 3);
        try {
            switch (w[0].toLowerCase()) {
                case "quit", "exit", "\\q" -> {
                    return false;
                }
                case "help", "\\?" -> out.println(HELP);
                case "put" -> {
                    need(w, 3, "put KEY VALUE");
                    long lsn = node.write(new WriteBatch().put(bytes(w[1]), bytes(w[2])));
                    out.println("PUT (lsn " + lsn + ")");
                }
                case "get" -> {
                    need(w, 2, "get KEY");
                    byte[] v = node.get(bytes(w[1]));
                    out.println(v == null ? "(not found)" : text(v));
                }
                case "delete", "del" -> {
                    need(w, 2, "delete KEY");
                    long lsn = node.write(new WriteBatch().delete(bytes(w[1])));
                    out.println("DELETE (lsn " + lsn + ")");
                }
                case "scan" -> scan(node, w, true, out);
                case "rscan" -> scan(node, w, false, out);
                case "checkpoint" -> out.println("CHECKPOINT (lsn " + node.checkpoint() + ")");
                case "stats" -> printStats(node.stats(), out);
                case "recovery" -> out.println(node.recovery());
                case "check" -> {
                    node.engine().checkInvariants();
                    out.println("ok: every invariant holds");
                }
                default -> out.println("error: unknown command " + w[0] + " (type help)");
            }
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
        }
        return true;
    }

    private static void scan(Node node, String[] w, boolean ascending, PrintWriter out)
            throws IOException {
        String[] bounds = w.length > 1 ? (w[1] + (w.length > 2 ? " " + w[2] : "")).split("\\s+")
                : new String[0];
        byte[] from = bounds.length > 0 ? bytes(bounds[0]) : null;
        byte[] to = bounds.length > 1 ? bytes(bounds[1]) : null;
        int rows = 0;
        try (KvCursor c = node.engine().cursor(from, to, ascending)) {
            while (c.next()) {
                if (rows == SCAN_ROWS_MAX) {
                    out.println("... (more than " + SCAN_ROWS_MAX + " rows; narrow the range)");
                    return;
                }
                out.println(text(c.key()) + " = " + text(c.value()));
                rows++;
            }
        }
        out.println("(" + rows + (rows == 1 ? " row)" : " rows)"));
    }

    private static void printStats(Map<String, Number> stats, PrintWriter out) {
        int width = stats.keySet().stream().mapToInt(String::length).max().orElse(0);
        stats.forEach((k, v) -> out.printf("%-" + width + "s  %s%n", k,
                v instanceof Double d ? String.format("%.2f", d) : v));
    }

    private static void need(String[] words, int count, String usage) {
        if (words.length < count) {
            throw new IllegalArgumentException("usage: " + usage);
        }
    }

    /** Text as UTF-8, or {@code 0x...} as hex bytes. */
    static byte[] bytes(String s) {
        if (s.startsWith("0x") || s.startsWith("0X")) {
            String hex = s.substring(2);
            if (hex.length() % 2 != 0 || !hex.matches("[0-9a-fA-F]*")) {
                throw new IllegalArgumentException("bad hex literal " + s);
            }
            byte[] b = new byte[hex.length() / 2];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
            }
            return b;
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Printable ASCII as text, anything else as {@code 0x...}. */
    static String text(byte[] b) {
        boolean printable = true;
        for (byte x : b) {
            printable &= x >= 0x20 && x < 0x7f;
        }
        if (printable) {
            return new String(b, StandardCharsets.US_ASCII);
        }
        StringBuilder sb = new StringBuilder("0x");
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16))
                    .append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }
}
