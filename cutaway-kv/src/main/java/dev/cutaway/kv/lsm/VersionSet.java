package dev.cutaway.kv.lsm;

import dev.cutaway.check.InvariantViolation;
import dev.cutaway.check.Invariants;
import dev.cutaway.io.CorruptionException;
import dev.cutaway.io.FileSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The durable history of {@link Version}s: applies {@link VersionEdit}s, logs them to the
 * {@link Manifest} before they take effect, and deletes a table's file once no version lists
 * it. Callers serialise {@link #logAndApply} (the engine's state lock).
 *
 * <p>Invariants:
 * <ol>
 *   <li>An edit is durable in the manifest before the version it produces is returned.</li>
 *   <li>A file is deleted only when no version (current, or held by a reader or compaction)
 *       lists it.</li>
 *   <li>checkpointLsn and nextFileNumber never decrease.</li>
 *   <li>At open, every file named by the manifest exists and opens; any other table file in the
 *       directory is an orphan of a crashed flush or compaction and is deleted.</li>
 * </ol>
 */
final class VersionSet implements AutoCloseable {
    /** Start a new manifest once the live one passes this size. */
    private static final long MANIFEST_ROLL_BYTES = 4L << 20;

    private final FileSystem fs;
    private final Path dir;
    private final int levelsMax;
    private final BlockCache cache;
    private Manifest manifest;
    private long manifestNumber;
    private Version current;
    private long nextFileNumber;
    private volatile long checkpointLsn;
    private long manifestDroppedBytes;
    /** Start a new manifest past this size (tests lower it to exercise the roll). */
    long manifestRollBytes = MANIFEST_ROLL_BYTES;

    private VersionSet(FileSystem fs, Path dir, int levelsMax, BlockCache cache) {
        this.fs = fs;
        this.dir = dir;
        this.levelsMax = levelsMax;
        this.cache = cache;
    }

    /** Recovers the state named by CURRENT (or starts empty), then starts a fresh manifest. */
    static VersionSet open(FileSystem fs, Path dir, int levelsMax, BlockCache cache)
            throws IOException {
        VersionSet set = new VersionSet(fs, dir, levelsMax, cache);
        Manifest.Recovered recovered = Manifest.read(fs, dir);
        Map<Long, VersionEdit.Added> live = new LinkedHashMap<>();
        set.nextFileNumber = 1;
        if (recovered != null) {
            for (VersionEdit e : recovered.edits()) {
                set.replay(recovered.path(), e, live);
            }
            set.manifestDroppedBytes = recovered.droppedBytes();
        }
        List<List<Table>> levels = set.emptyLevels();
        try {
            for (VersionEdit.Added a : live.values()) {
                Path path = dir.resolve(SstMeta.fileName(a.meta().number()));
                if (!fs.exists(path)) {
                    throw new CorruptionException(path, 0, "listed in the manifest as live at "
                            + "level " + a.level() + " but missing");
                }
                SstReader reader = SstReader.open(fs, path, a.meta().number(), cache);
                levels.get(a.level()).add(new Table(a.meta(), reader));
                SstMeta m = a.meta();
                if (reader.sizeBytes != m.sizeBytes() || reader.entryCount != m.entryCount()
                        || reader.seqMin != m.seqMin() || reader.seqMax != m.seqMax()) {
                    throw new CorruptionException(path, "footer", "does not match the "
                            + "manifest's record " + m + " (a foreign or replaced table)");
                }
            }
            set.current = new Version(levels);
            try {
                set.current.checkInvariants();
            } catch (InvariantViolation e) {
                // The manifest defines the structure: a broken one is bad input, not our bug.
                throw new CorruptionException(recovered == null ? dir : recovered.path(),
                        "recovered state", e.getMessage());
            }
            set.manifestNumber = set.nextFileNumber++;
            set.manifest = Manifest.create(fs, dir, set.manifestNumber, set.snapshotEdit());
            set.deleteOrphans(live.keySet());
            return set;
        } catch (IOException | RuntimeException e) {
            for (List<Table> level : levels) {
                for (Table t : level) {
                    closeAfter(t.reader, e);
                }
            }
            if (set.manifest != null) {
                closeAfter(set.manifest, e);
            }
            throw e;
        }
    }

    private static void closeAfter(AutoCloseable c, Exception cause) {
        try {
            c.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    private void replay(Path path, VersionEdit e, Map<Long, VersionEdit.Added> live)
            throws CorruptionException {
        if (e.nextFileNumber() >= 0) {
            nextFileNumber = Math.max(nextFileNumber, e.nextFileNumber());
        }
        if (e.checkpointLsn() >= 0) {
            checkpointLsn = Math.max(checkpointLsn, e.checkpointLsn());
        }
        for (VersionEdit.Removed r : e.removed()) {
            VersionEdit.Added was = live.remove(r.number());
            if (was == null || was.level() != r.level()) {
                throw new CorruptionException(path, "edit removing table " + r.number(),
                        "the table is not live at level " + r.level());
            }
        }
        for (VersionEdit.Added a : e.added()) {
            if (a.level() < 0 || a.level() >= levelsMax) {
                throw new CorruptionException(path, "edit adding table " + a.meta().number(),
                        "level " + a.level() + " outside [0, " + levelsMax + ")");
            }
            if (live.put(a.meta().number(), a) != null) {
                throw new CorruptionException(path, "edit adding table " + a.meta().number(),
                        "the table is already live");
            }
            nextFileNumber = Math.max(nextFileNumber, a.meta().number() + 1);
        }
    }

    private List<List<Table>> emptyLevels() {
        List<List<Table>> levels = new ArrayList<>();
        for (int i = 0; i < levelsMax; i++) {
            levels.add(new ArrayList<>());
        }
        return levels;
    }

    private VersionEdit snapshotEdit() {
        List<VersionEdit.Added> added = new ArrayList<>();
        for (int level = 0; level < current.levels.length; level++) {
            for (Table t : current.levels[level]) {
                added.add(new VersionEdit.Added(level, t.meta));
            }
        }
        return new VersionEdit(nextFileNumber, checkpointLsn, List.of(), added);
    }

    private void deleteOrphans(Set<Long> live) throws IOException {
        String manifestName = Manifest.fileName(manifestNumber);
        for (Path p : fs.list(dir)) {
            String name = p.getFileName().toString();
            boolean orphanTable = name.endsWith(".sst") && !live.contains(tableNumber(name));
            boolean oldManifest = name.startsWith("MANIFEST-") && !name.equals(manifestName);
            if (orphanTable || oldManifest || name.equals(Manifest.CURRENT + ".tmp")) {
                fs.delete(p);
            }
        }
        fs.syncDirectory(dir);
    }

    private static long tableNumber(String name) {
        try {
            return Long.parseLong(name.substring(0, name.length() - 4));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** An edit carrying the current next file number. */
    VersionEdit edit(long newCheckpointLsn, List<VersionEdit.Removed> removed,
            List<VersionEdit.Added> added) {
        return new VersionEdit(nextFileNumber, newCheckpointLsn, removed, added);
    }

    long newFileNumber() {
        return nextFileNumber++;
    }

    Path tablePath(long number) {
        return dir.resolve(SstMeta.fileName(number));
    }

    Version current() {
        return current;
    }

    long checkpointLsn() {
        return checkpointLsn;
    }

    long manifestDroppedBytes() {
        return manifestDroppedBytes;
    }

    long manifestNumber() {
        return manifestNumber;
    }

    /**
     * Logs {@code edit} durably, then makes the next version (built from the current one)
     * current. The current version's one base reference moves with the slot: the previous
     * version is returned, and the caller releases its base reference once readers can no
     * longer reach it (after publishing the new one).
     */
    Version logAndApply(VersionEdit edit, List<Table> addedTables) throws IOException {
        Invariants.check(edit.checkpointLsn() < 0 || edit.checkpointLsn() >= checkpointLsn,
                "VersionSet.3 checkpointLsn never decreases", edit.checkpointLsn(),
                checkpointLsn);
        List<List<Table>> levels = current.copyLevels();
        Set<Long> removed = new HashSet<>();
        for (VersionEdit.Removed r : edit.removed()) {
            removed.add(r.number());
            boolean found = levels.get(r.level()).removeIf(t -> t.number() == r.number());
            Invariants.check(found, "VersionSet: removing a table that is not live", r);
        }
        for (Table t : addedTables) {
            int level = edit.added().stream().filter(a -> a.meta().number() == t.number())
                    .findFirst().orElseThrow().level();
            levels.get(level).add(t);
        }
        if (manifest.sizeBytes() > manifestRollBytes) {
            rollManifest();
        }
        manifest.append(edit);
        if (edit.checkpointLsn() >= 0) {
            checkpointLsn = edit.checkpointLsn();
        }
        Version next = new Version(levels);
        if (dev.cutaway.check.Invariants.EXPENSIVE) {
            next.checkInvariants();
        }
        Version previous = current;
        current = next;
        return previous;
    }

    private void rollManifest() throws IOException {
        long number = nextFileNumber++;
        Manifest next = Manifest.create(fs, dir, number, snapshotEdit());
        Manifest old = manifest;
        long oldNumber = manifestNumber;
        manifest = next;
        manifestNumber = number;
        old.close();
        fs.delete(dir.resolve(Manifest.fileName(oldNumber)));
    }

    /** Drops one reference; the last one makes tables no other version lists obsolete. */
    void release(Version v) throws IOException {
        if (!v.unref()) {
            return;
        }
        IOException failure = null;
        for (Table[] level : v.levels) {
            for (Table t : level) {
                if (t.versionRefs.decrementAndGet() == 0) {
                    try {
                        t.reader.close(); // also drops its cached blocks
                        fs.delete(t.reader.path);
                    } catch (IOException e) {
                        if (failure == null) {
                            failure = e;
                        } else {
                            failure.addSuppressed(e);
                        }
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes the manifest and every table reader; deletes nothing. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Table[] level : current.levels) {
            for (Table t : level) {
                try {
                    t.reader.close();
                } catch (IOException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        manifest.close();
        if (failure != null) {
            throw failure;
        }
    }
}
