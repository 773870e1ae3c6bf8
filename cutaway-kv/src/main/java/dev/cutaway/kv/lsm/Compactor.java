package dev.cutaway.kv.lsm;

import dev.cutaway.io.FileSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Writes new tables: a flush (one memtable into one level-0 table) or a compaction (a merge of
 * tables into tables of the output level). Both keep, for each user key, the newest version
 * plus the newest version visible to each open {@link LsmSnapshot} (cursors need nothing: they
 * pin the memtables and tables they read), and a compaction drops a tombstone only when its
 * plan says nothing older can lie below and no snapshot predates the tombstone.
 *
 * <p>Output files are synced here; the caller syncs the directory and logs the manifest edit
 * that makes them visible. On failure every output written so far is deleted.
 */
final class Compactor {
    private static final int CANCEL_CHECK_ENTRIES = 1024;

    private final FileSystem fs;
    private final Path dir;
    private final LsmOptions options;
    private final CompactionThrottle throttle;
    private final BlockCache cache;
    private final LsmStats stats;

    Compactor(FileSystem fs, Path dir, LsmOptions options, CompactionThrottle throttle,
            BlockCache cache, LsmStats stats) {
        this.fs = fs;
        this.dir = dir;
        this.options = options;
        this.throttle = throttle;
        this.cache = cache;
        this.stats = stats;
    }

    /** What a job removes and adds: the parts of a manifest edit, with opened tables. */
    record TableEdit(List<VersionEdit.Removed> removed, List<VersionEdit.Added> added,
                     List<Table> tables) {}

    /**
     * Flushes {@code memtable} to a level-0 table, syncs the directory and opens the table.
     * An empty memtable adds no table.
     */
    TableEdit flushToLevel0(Memtable memtable, long number, Path path, long[] snapshots)
            throws IOException {
        SstMeta meta = flush(memtable, number, path, snapshots);
        if (meta == null) {
            return new TableEdit(List.of(), List.of(), List.of());
        }
        fs.syncDirectory(dir);
        return new TableEdit(List.of(), List.of(new VersionEdit.Added(0, meta)),
                List.of(new Table(meta, SstReader.open(fs, path, number, cache))));
    }

    /**
     * Runs {@code plan}: a trivial move re-files its table; otherwise merges, syncs the outputs
     * and the directory and opens them. @return null if cancelled
     */
    TableEdit run(CompactionPlan plan, Outputs outputs, long[] snapshots,
            BooleanSupplier cancelled) throws IOException {
        List<VersionEdit.Removed> removed = new ArrayList<>();
        for (Table t : plan.inputs()) {
            removed.add(new VersionEdit.Removed(plan.inputLevel(), t.number()));
        }
        for (Table t : plan.overlapping()) {
            removed.add(new VersionEdit.Removed(plan.outputLevel(), t.number()));
        }
        if (plan.trivialMove()) {
            Table t = plan.inputs().getFirst();
            stats.compactionsTrivialMove.increment();
            return new TableEdit(removed,
                    List.of(new VersionEdit.Added(plan.outputLevel(), t.meta)), List.of(t));
        }
        long start = System.nanoTime();
        List<SstMeta> written = compact(plan, outputs, snapshots, cancelled);
        if (written == null) {
            return null;
        }
        fs.syncDirectory(dir);
        List<Table> tables = new ArrayList<>();
        List<VersionEdit.Added> added = new ArrayList<>();
        try {
            for (SstMeta m : written) {
                tables.add(new Table(m, SstReader.open(fs, outputs.pathOf().apply(m.number()),
                        m.number(), cache)));
                added.add(new VersionEdit.Added(plan.outputLevel(), m));
                stats.compactionBytesWritten.add(m.sizeBytes());
            }
        } catch (IOException | RuntimeException e) {
            for (Table t : tables) {
                t.reader.close();
            }
            throw e;
        }
        stats.compactions.increment();
        stats.compactionBytesRead.add(plan.inputBytes());
        stats.compactionNanos.add(System.nanoTime() - start);
        return new TableEdit(removed, added, tables);
    }

    /** Where a job's output tables go: numbers drawn on demand, and their paths. */
    record Outputs(LongSupplier newFileNumber, LongFunction<Path> pathOf) {}

    /** Flushes {@code memtable} into one table, or returns null if it holds no entry. */
    SstMeta flush(Memtable memtable, long number, Path path, long[] snapshots)
            throws IOException {
        if (memtable.isEmpty()) {
            return null;
        }
        List<SstMeta> out = new ArrayList<>();
        try (EntryIterator it = memtable.iterator()) {
            it.seekFirst();
            write(it, new Outputs(() -> number, n -> path), false, false, snapshots,
                    () -> false, out);
        }
        stats.flushes.increment();
        stats.flushBytesWritten.add(out.getFirst().sizeBytes());
        return out.getFirst();
    }

    /**
     * Merges the plan's tables into new tables. @return their metadata, or null if
     * {@code cancelled} turned true (outputs deleted)
     */
    List<SstMeta> compact(CompactionPlan plan, Outputs outputs, long[] snapshots,
            BooleanSupplier cancelled) throws IOException {
        List<EntryIterator> children = new ArrayList<>();
        for (Table t : plan.inputs()) {
            children.add(t.reader.iterator());
        }
        if (!plan.overlapping().isEmpty()) {
            children.add(new LevelIterator(plan.overlapping().toArray(new Table[0])));
        }
        List<SstMeta> out = new ArrayList<>();
        boolean split = options.style() == LsmOptions.CompactionStyle.LEVELED;
        try (MergingIterator it = new MergingIterator(children)) {
            it.seekFirst();
            if (!write(it, outputs, plan.dropTombstones(), split, snapshots, cancelled, out)) {
                return null;
            }
        }
        return out;
    }

    /**
     * Index of the oldest snapshot that sees {@code seq} (the first snapshot >= seq), or
     * snapshots.length if none does: versions of a key in the same stripe are
     * indistinguishable to every reader, so only the newest of them is kept.
     */
    static int stripe(long seq, long[] snapshots) {
        int lo = 0;
        int hi = snapshots.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (snapshots[mid] < seq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Writes the iterator's entries, keeping per key the newest version of each snapshot
     * stripe; drops a tombstone only if {@code drop} (nothing older below) and no snapshot
     * predates it. Output files are cut only between user keys, so tables of one level never
     * share a key.
     */
    private boolean write(EntryIterator it, Outputs outputs, boolean drop, boolean split,
            long[] snapshots, BooleanSupplier cancelled, List<SstMeta> out) throws IOException {
        List<Path> written = new ArrayList<>();
        SstWriter w = null;
        long number = 0;
        try {
            byte[] lastKey = null;
            int lastStripe = -1;
            long entries = 0;
            for (; it.valid(); it.next()) {
                if (++entries % CANCEL_CHECK_ENTRIES == 0 && cancelled.getAsBoolean()) {
                    abandon(w, written);
                    return false;
                }
                byte[] key = it.key();
                int stripe = stripe(it.seq(), snapshots);
                boolean sameKey = lastKey != null && Arrays.equals(lastKey, key);
                if (sameKey && stripe == lastStripe) {
                    stats.versionsDropped.increment();
                    continue;
                }
                lastKey = key;
                lastStripe = stripe;
                byte[] value = it.value();
                if (value == null && drop && stripe == 0) {
                    stats.tombstonesDropped.increment();
                    continue;
                }
                if (w != null && split && !sameKey
                        && w.estimatedBytes() >= options.fileBytesTarget()) {
                    out.add(w.finish(number));
                    w = null;
                }
                if (w == null) {
                    number = outputs.newFileNumber().getAsLong();
                    Path path = outputs.pathOf().apply(number);
                    w = new SstWriter(fs, path, options, throttle);
                    written.add(path);
                }
                w.add(key, it.seq(), value);
            }
            if (w != null) {
                out.add(w.finish(number));
            }
            return true;
        } catch (IOException | RuntimeException | Error e) {
            abandon(w, written, e);
            throw e;
        }
    }

    private void abandon(SstWriter w, List<Path> written) throws IOException {
        if (w != null) {
            w.close();
        }
        for (Path p : written) {
            fs.delete(p);
        }
    }

    private void abandon(SstWriter w, List<Path> written, Throwable cause) {
        try {
            abandon(w, written);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
