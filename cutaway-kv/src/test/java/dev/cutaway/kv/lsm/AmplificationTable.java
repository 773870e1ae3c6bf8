package dev.cutaway.kv.lsm;

import dev.cutaway.kv.lsm.AmplificationReport.Row;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders {@link AmplificationReport}'s rows as three markdown tables: writes, space, reads. */
final class AmplificationTable {
    private static final double MIB = 1024.0 * 1024.0;

    private AmplificationTable() {}

    static String render(List<Row> rows, int num, int entryBytes) {
        StringBuilder out = new StringBuilder();
        double live = (double) num * entryBytes;
        out.append(String.format(Locale.ROOT, "%nAmplification, %d keys of %d bytes (key+value)"
                + ", live data %.1f MiB%n%n", num, entryBytes, live / MIB));
        out.append("| engine | workload | ops/s | user MiB | log MiB | engine MiB "
                + "| engine's counter MiB | write amp. (engine) | write amp. (log+engine) |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            if (r.workload().startsWith("read")) {
                continue;
            }
            double user = (double) r.ops() * entryBytes;
            out.append(String.format(Locale.ROOT,
                    "| %s | %s | %d | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f |%n",
                    r.engine(), r.workload(), opsPerSecond(r), user / MIB, r.logWritten() / MIB,
                    r.engineWritten() / MIB, ownCounterBytes(r) / MIB,
                    r.engineWritten() / user, (r.logWritten() + r.engineWritten()) / user));
        }
        out.append("\n| engine | after | engine files MiB | log files MiB "
                + "| space amp. (engine / live) | shape |\n");
        out.append("|---|---|---:|---:|---:|---|\n");
        for (Row r : rows) {
            if (r.workload().startsWith("read")) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.2f | %s |%n",
                    r.engine(), r.workload(), r.engineDisk() / MIB, r.logDisk() / MIB,
                    r.engineDisk() / live, shape(r)));
        }
        out.append("\n| engine | workload | ops/s | probed per get | cache misses per get "
                + "| engine bytes read per get | notes |\n");
        out.append("|---|---|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            if (!r.workload().startsWith("read")) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.2f | %.0f | %s |%n",
                    r.engine(), r.workload(), opsPerSecond(r), probed(r),
                    (double) misses(r) / r.ops(), (double) r.engineRead() / r.ops(),
                    readNotes(r)));
        }
        return out.toString();
    }

    private static long opsPerSecond(Row r) {
        return Math.round(r.ops() / (r.nanos() / 1e9));
    }

    private static boolean isLsm(Row r) {
        return r.engine().endsWith("lsm");
    }

    /** The engine's own idea of what it wrote (a cross-check of the counting file system). */
    private static double ownCounterBytes(Row r) {
        if (isLsm(r)) {
            return r.delta("engine.flush_bytes_written")
                    + r.delta("engine.compaction_bytes_written");
        }
        long pageBytes = Row.value(r.after(), "engine.page_size_bytes");
        return (r.delta("engine.pages_written") + r.delta("engine.checkpoints")) * pageBytes;
    }

    private static String shape(Row r) {
        Map<String, Number> s = r.after();
        if (!isLsm(r)) {
            return String.format(Locale.ROOT, "%d pages, %d free, %d pending free, height %d",
                    Row.value(s, "engine.page_count"), Row.value(s, "engine.free_pages"),
                    Row.value(s, "engine.pending_free_pages"), Row.value(s, "engine.tree_height"));
        }
        StringBuilder b = new StringBuilder("MiB per level:");
        for (int level = 0; s.containsKey("engine.level" + level + "_bytes"); level++) {
            long bytes = Row.value(s, "engine.level" + level + "_bytes");
            if (bytes > 0) {
                b.append(String.format(Locale.ROOT, " L%d %.1f", level, bytes / MIB));
            }
        }
        return b.toString();
    }

    private static String probed(Row r) {
        if (isLsm(r)) {
            return String.format(Locale.ROOT, "%.2f tables",
                    r.delta("engine.get_files_probed") / (double) r.ops());
        }
        return Row.value(r.after(), "engine.tree_height") + " pages";
    }

    private static long misses(Row r) {
        return isLsm(r) ? r.delta("engine.block_cache_misses") : r.delta("engine.misses");
    }

    private static String readNotes(Row r) {
        if (!isLsm(r)) {
            return "buffer pool hits " + r.delta("engine.hits");
        }
        return String.format(Locale.ROOT, "memtable hits %d, bloom checks %d, useful %d, "
                + "false positives %d", r.delta("engine.get_memtable_hits"),
                r.delta("engine.bloom_checks"), r.delta("engine.bloom_useful"),
                r.delta("engine.bloom_false_positives"));
    }
}
