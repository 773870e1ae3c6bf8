package dev.cutaway.cli.sql;

import dev.cutaway.kv.EngineStats;
import dev.cutaway.kv.Node;
import dev.cutaway.log.LogReader;
import dev.cutaway.log.LogRecord;
import dev.cutaway.log.WriteAheadLog;
import dev.cutaway.log.WriteBatch;
import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.Result;
import dev.cutaway.sql.engine.Session;
import dev.cutaway.txn.TxnStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Cutaway's own meta commands, which open the engine up: {@code \explain QUERY} (the plan as a
 * tree), {@code \buffers} (buffer pools), {@code \locks} (transactions, lock waits, lock
 * counters), {@code \log [n]} (the newest log records) and {@code \engine TABLE} (the storage
 * engine under a table).
 *
 * <p>Each reads a system view when the database has it ({@code cutaway.buffer_pool},
 * {@code cutaway.locks}, {@code cutaway.log}, ...) and otherwise the Java API (
 * {@link Node#stats()}, {@link dev.cutaway.txn.TxnStore#stats()}, {@link WriteAheadLog#read}),
 * so the commands keep working while the views are being built and switch to them by
 * themselves. Views are probed in a side session, never the user's, so a missing view cannot
 * abort the user's transaction.
 */
final class EngineCommands {
    static final int LOG_RECORDS_DEFAULT = 20;
    static final int LOG_RECORDS_MAX = 1000;
    private static final int SHOWN_BYTES_MAX = 24;

    private final Database db;
    private Boolean explainAnalyze;

    EngineCommands(Database db) {
        this.db = db;
    }

    /**
     * {@code \explain QUERY}: EXPLAIN ANALYZE where the engine has it (probed once, in a side
     * session), else EXPLAIN; run in the user's session, drawn as a tree.
     */
    String explain(Session session, String query) {
        String q = query.strip();
        if (q.endsWith(";")) {
            q = q.substring(0, q.length() - 1);
        }
        if (q.isEmpty()) {
            return "\\explain: give a query, e.g. \\explain SELECT * FROM t\n";
        }
        if (explainAnalyze == null) {
            explainAnalyze = sideQuery("EXPLAIN ANALYZE SELECT 1") != null;
        }
        String sql = (explainAnalyze ? "EXPLAIN ANALYZE " : "EXPLAIN ") + q;
        Result r = session.executeOne(sql);
        List<String> lines = new ArrayList<>();
        for (Object[] row : r.rows()) {
            lines.add(String.valueOf(row[0]));
        }
        return ExplainTree.draw(lines) + (explainAnalyze ? ""
                : "(plan only: this build has no EXPLAIN ANALYZE)\n") + "\n";
    }

    /** {@code \buffers}: every B+tree space's buffer pool. */
    String buffers() {
        String view = viewTable("SELECT * FROM cutaway.buffer_pool", "Buffer pool");
        if (view != null) {
            return view;
        }
        List<String> names = List.of("space", "tables", "frames", "pinned", "dirty", "hits",
                "misses", "hit %", "evictions", "pages_read", "pages_written");
        List<String[]> rows = new ArrayList<>();
        for (Node.Space s : db.node().spaces().values()) {
            Map<String, Long> c = s.engine().stats().counters();
            if (!c.containsKey("frames")) {
                continue;
            }
            long hits = c.get("hits");
            long lookups = hits + c.get("misses");
            rows.add(new String[] {Integer.toString(s.id()), tablesIn(s.id()),
                str(c.get("frames")), str(c.get("frames_pinned")), str(c.get("frames_dirty")),
                str(hits), str(c.get("misses")),
                lookups == 0 ? "" : String.format("%.1f", 100.0 * hits / lookups),
                str(c.get("evictions")), str(c.get("pages_read")), str(c.get("pages_written"))});
        }
        if (rows.isEmpty()) {
            return "No buffer pools: every space is an LSM engine (they cache nothing yet).\n";
        }
        boolean[] right = {true, false, true, true, true, true, true, true, true, true, true};
        return TablePrinter.titled("Buffer pools (B+tree spaces)", names, right, rows, true)
                + "\n";
    }

    /** {@code \locks}: open transactions, who waits for whom, and the lock counters. */
    String locks() {
        String view = viewTable("SELECT * FROM cutaway.locks", "Locks");
        if (view != null) {
            return view;
        }
        TxnStats stats = db.txnStore().stats();
        List<String[]> txns = new ArrayList<>();
        for (TxnStats.ActiveTxn t : stats.active()) {
            txns.add(new String[] {str(t.id()), t.isolation().sqlName(),
                t.readOnly() ? "yes" : "no", t.status(), str(t.ageMillis()),
                t.waiting() ? "yes" : "no"});
        }
        StringBuilder out = new StringBuilder(TablePrinter.titled("Transactions",
                List.of("txn", "isolation", "read only", "status", "age ms", "waiting"),
                new boolean[] {true, false, false, false, true, false}, txns, true));
        List<String[]> waits = new ArrayList<>();
        for (TxnStats.LockWait w : stats.lockWaits()) {
            waits.add(new String[] {str(w.waiterId()), w.holderIds().toString(),
                w.mode().toString().toLowerCase(), bytes(w.key()), str(w.waitedMillis())});
        }
        out.append('\n').append(TablePrinter.titled("Lock waits",
                List.of("waiter", "holders", "mode", "key", "waited ms"),
                new boolean[] {true, false, false, false, true}, waits, true));
        List<String[]> counters = new ArrayList<>();
        stats.counters().forEach((k, v) -> counters.add(new String[] {k, str(v)}));
        out.append('\n').append(TablePrinter.titled("Lock counters", List.of("counter",
                "value"), new boolean[] {false, true}, counters, false));
        return out.append('\n').toString();
    }

    /** {@code \log [n]}: the newest {@code n} records of the write-ahead log. */
    String log(int records) throws IOException {
        if (records < 1 || records > LOG_RECORDS_MAX) {
            return "\\log: give a record count from 1 to " + LOG_RECORDS_MAX + "\n";
        }
        WriteAheadLog log = db.node().log();
        log.flush();
        long last = log.durableLsn();
        long from = Math.max(log.firstLsn(), last - records + 1);
        if (last < 1 || from > last) {
            return "The log holds no records (a checkpoint trimmed it).\n";
        }
        StringBuilder out = new StringBuilder();
        try (LogReader reader = log.read(from)) {
            for (LogRecord r = reader.next(); r != null; r = reader.next()) {
                describe(r, out);
            }
        }
        return out.append("(log LSNs ").append(log.firstLsn()).append(" to ").append(last)
                .append("; keys are MVCC version keys, ADR 0006)\n").toString();
    }

    private static void describe(LogRecord record, StringBuilder out) {
        switch (record) {
            case LogRecord.Batch b -> mutations(out, b.lsn() + " batch", b.batch());
            case LogRecord.Part p -> mutations(out, p.lsn() + " part", p.batch());
            case LogRecord.PartsCommit c -> mutations(out, c.lsn() + " parts_commit first_part="
                    + c.firstPartLsn(), c.batch());
            case LogRecord.Checkpoint c -> out.append("lsn=").append(c.lsn())
                    .append(" checkpoint space=").append(c.space()).append(" checkpoint_lsn=")
                    .append(c.checkpointLsn()).append('\n');
        }
    }

    private static void mutations(StringBuilder out, String head, WriteBatch batch) {
        out.append("lsn=").append(head).append(" mutations=").append(batch.size()).append('\n');
        int shown = 0;
        for (WriteBatch.Mutation m : batch.mutations()) {
            if (shown++ == 8) {
                out.append("    ... ").append(batch.size() - 8).append(" more\n");
                break;
            }
            out.append("    ").append(m.isDelete() ? "delete" : "put")
                    .append(" space=").append(m.space()).append(" key=")
                    .append(bytes(m.key()));
            if (!m.isDelete()) {
                out.append(" value=").append(bytes(m.value()));
            }
            out.append('\n');
        }
    }

    /** {@code \engine TABLE}: the key space and storage engine under a table, its counters. */
    String engine(Session session, String tableName) {
        if (tableName.isBlank()) {
            return "\\engine: give a table name, e.g. \\engine orders\n";
        }
        Relation.Table table = null;
        for (Relation r : Describe.relations(db)) {
            if (r instanceof Relation.Table t && Describe.matches(tableName, t.name())) {
                table = t;
                break;
            }
        }
        if (table == null) {
            throw new SqlException(SqlState.UNDEFINED_TABLE,
                    "relation \"" + tableName + "\" does not exist");
        }
        Node.Space space = db.node().spaces().get(table.space());
        EngineStats stats = space.engine().stats();
        List<String[]> rows = new ArrayList<>();
        stats.counters().forEach((k, v) -> rows.add(new String[] {k, str(v)}));
        String shared = table.space() == Node.DEFAULT_SPACE
                ? "Space 0 is shared by the catalog and every table without WITH (engine = ...)"
                        + "; its counters cover all of them.\n"
                : "Space " + table.space() + " holds this table alone.\n";
        return TablePrinter.titled("Table \"" + table.schema() + "." + table.name()
                + "\": space " + table.space() + ", " + stats.engine() + " engine",
                List.of("counter", "value"), new boolean[] {false, true}, rows, false)
                + shared + "\n";
    }

    /** The tables stored in {@code space}, comma-separated (space 0 also holds the catalog). */
    private String tablesIn(int space) {
        List<String> names = new ArrayList<>();
        if (space == Node.DEFAULT_SPACE) {
            names.add("(catalog)");
        }
        for (Relation r : Describe.relations(db)) {
            if (r instanceof Relation.Table t && t.space() == space) {
                names.add(t.name());
            }
        }
        return String.join(", ", names);
    }

    /** A system view as a titled table, or null when the database has no such view. */
    private String viewTable(String sql, String title) {
        Result r = sideQuery(sql);
        if (r == null) {
            return null;
        }
        boolean[] right = new boolean[r.columnTypes().size()];
        for (int c = 0; c < right.length; c++) {
            right[c] = r.columnTypes().get(c).id().isNumeric();
        }
        return TablePrinter.titled(title, r.columnNames(), right, ResultPrinter.cells(r), true)
                + "\n";
    }

    /** Runs {@code sql} in a session of its own; null if it fails. */
    private Result sideQuery(String sql) {
        try (Session side = db.newSession()) {
            return side.executeOne(sql);
        } catch (SqlException e) {
            return null;
        }
    }

    private static String str(long v) {
        return Long.toString(v);
    }

    /** Printable ASCII in quotes, anything else as 0x-hex; cut after a few bytes. */
    static String bytes(byte[] b) {
        int n = Math.min(b.length, SHOWN_BYTES_MAX);
        boolean printable = true;
        for (int i = 0; i < n; i++) {
            printable &= b[i] >= 0x20 && b[i] < 0x7f && b[i] != '"';
        }
        String shown = printable ? "\"" + new String(b, 0, n,
                java.nio.charset.StandardCharsets.US_ASCII) + "\""
                : "0x" + HexFormat.of().formatHex(b, 0, n);
        return b.length > n ? shown + "...(" + b.length + " bytes)" : shown;
    }
}
