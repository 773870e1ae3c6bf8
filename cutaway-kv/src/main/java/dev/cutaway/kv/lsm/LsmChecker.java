package dev.cutaway.kv.lsm;

import dev.cutaway.check.Invariants;
import dev.cutaway.io.FileSystem;
import dev.cutaway.kv.KeyPrefix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole-structure check behind {@link LsmEngine#checkInvariants()}: memtables, the
 * version's level invariants, every table file read in full (checksums, key order, footer and
 * manifest agreement, no bloom filter false negatives), every table's LSNs within the
 * checkpoint, and the manifest on disk replaying to exactly the live set of tables (each
 * listed once, none missing, no orphan referenced).
 */
final class LsmChecker {
    private LsmChecker() {}

    static void check(FileSystem fs, Path dir, LsmEngine.View view, VersionSet versions,
            long appliedLsn, KeyPrefix prefix) throws IOException {
        long checkpointLsn = versions.checkpointLsn();
        Invariants.check(checkpointLsn <= appliedLsn, "LsmEngine.3 checkpointLsn <= appliedLsn",
                checkpointLsn, appliedLsn);
        long previousLsn = checkpointLsn;
        for (Memtable m : view.immutables()) {
            m.checkInvariants();
            Invariants.check(m.lsnLast() >= previousLsn, "LsmEngine.2 memtables in LSN order",
                    m.lsnLast(), previousLsn);
            previousLsn = m.lsnLast();
        }
        view.active().checkInvariants();
        checkMemtableLsns(view, checkpointLsn);
        Version v = view.version();
        v.checkInvariants();
        checkNewerAbove(v);
        Map<Long, Integer> live = new HashMap<>();
        for (int level = 0; level < v.levelCount(); level++) {
            for (Table t : v.levels[level]) {
                live.put(t.number(), level);
                Invariants.check(fs.exists(t.reader.path), "LsmEngine: live table file exists",
                        t.reader.path);
                Invariants.check(Sequences.lsnOf(t.meta.seqMax()) <= checkpointLsn,
                        "LsmEngine.2 tables hold only LSNs <= checkpointLsn", t, checkpointLsn);
                SstVerifier.verifyAgainst(t.reader, t.meta);
                checkFilter(t.reader, prefix);
            }
        }
        if (v == versions.current()) {
            Manifest.Recovered r = Manifest.read(fs, dir);
            Invariants.check(r != null && r.droppedBytes() == 0,
                    "Manifest.1 the live manifest has no torn tail while open");
            Map<Long, Integer> onDisk = new HashMap<>();
            for (VersionEdit e : r.edits()) {
                for (VersionEdit.Removed x : e.removed()) {
                    onDisk.remove(x.number());
                }
                for (VersionEdit.Added a : e.added()) {
                    Invariants.check(onDisk.put(a.meta().number(), a.level()) == null,
                            "VersionSet: table added twice in the manifest", a.meta());
                }
            }
            Invariants.check(onDisk.equals(live), "VersionSet.1 manifest lists the live tables",
                    onDisk, live);
        }
    }

    /**
     * No false negatives: the filter reports every key of the table, and (when the table's
     * prefixes were made by the configured extractor) every key's prefix (ADR 0024).
     */
    private static void checkFilter(SstReader table, KeyPrefix prefix) throws IOException {
        if (table.filter == null) {
            return;
        }
        boolean prefixes = prefix != null && prefix.name().equals(table.prefixName);
        try (EntryIterator it = table.iterator()) {
            for (it.seekFirst(); it.valid(); it.next()) {
                byte[] key = it.key();
                Invariants.check(table.mayContain(BloomFilter.hash(key)),
                        "BloomFilter.1 the filter holds every key", table,
                        LsmInspector.show(key));
                int n = prefixes ? prefix.lengthOf(key) : -1;
                Invariants.check(n < 0 || table.mayContain(BloomFilter.hash(key, n)),
                        "SstWriter.3 the filter holds every key's prefix", table,
                        LsmInspector.show(key));
            }
        }
    }

    /** Every memtable entry is newer than the checkpoint (older ones were flushed). */
    private static void checkMemtableLsns(LsmEngine.View view, long checkpointLsn) {
        List<Memtable> all = new ArrayList<>(view.immutables());
        all.add(view.active());
        for (Memtable m : all) {
            for (Memtable.Node n = m.first(); n != null; n = n.next(0)) {
                Invariants.check(Sequences.lsnOf(n.seq) > checkpointLsn,
                        "LsmEngine.2 memtable entries are newer than checkpointLsn",
                        Sequences.lsnOf(n.seq), checkpointLsn);
            }
        }
    }

    /**
     * Version invariant 3: walking sources from newest (level-0 tables in order, then each
     * deeper level), every version of a key is older than every version of it seen above.
     */
    private static void checkNewerAbove(Version v) throws IOException {
        TreeMap<byte[], Long> oldestAbove = new TreeMap<>(Arrays::compareUnsigned);
        List<EntryIterator> sources = new ArrayList<>();
        v.addIterators(sources);
        for (EntryIterator source : sources) {
            TreeMap<byte[], Long> seenHere = new TreeMap<>(Arrays::compareUnsigned);
            try (source) {
                for (source.seekFirst(); source.valid(); source.next()) {
                    Long above = oldestAbove.get(source.key());
                    Invariants.check(above == null || source.seq() < above,
                            "Version.3 a key's versions get older level by level",
                            LsmInspector.show(source.key()), source.seq(), above);
                    seenHere.merge(source.key(), source.seq(), Math::min);
                }
            }
            seenHere.forEach((k, seq) -> oldestAbove.merge(k, seq, Math::min));
        }
    }
}
