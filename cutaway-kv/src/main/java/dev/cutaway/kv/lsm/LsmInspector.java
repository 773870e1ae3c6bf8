package dev.cutaway.kv.lsm;

import dev.cutaway.io.FileSystem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Offline views of LSM files for {@code cutaway inspect sstable FILE} and
 * {@code cutaway inspect lsm DIR} (in the spirit of RocksDB's sst_dump and ldb manifest_dump).
 * Reads only; never modifies a file. Keys print as text when printable, else as hex.
 */
public final class LsmInspector {
    private LsmInspector() {}

    /**
     * One SSTable: footer facts, key range, entry and tombstone counts, bloom filter size and
     * bits per key, the index block, and every data block (offset, length, entries, restarts,
     * last key). Verifies every checksum on the way; bad data raises a CorruptionException.
     */
    public static void dumpSstable(FileSystem fs, Path file, PrintWriter out) throws IOException {
        try (SstReader t = SstReader.open(fs, file, -1, null)) {
            SstVerifier.Summary s = SstVerifier.verify(t);
            out.printf("sstable %s: %d bytes, format %d%n", file, t.sizeBytes,
                    t.formatVersion);
            out.printf("entries %d (tombstones %d), LSNs %d..%d%n", s.entries(), s.tombstones(),
                    Sequences.lsnOf(t.seqMin), Sequences.lsnOf(t.seqMax));
            out.printf("key range [%s .. %s]%n", show(s.firstKey()), show(s.lastKey()));
            if (t.filter == null) {
                out.println("bloom filter: none");
            } else {
                long bits = BloomFilter.bitCount(t.filter);
                out.printf("bloom filter: %s, offset %d, %d bits (%d bytes), %d probes, %.1f bits "
                        + "per key%n", t.prefixName == null ? "whole keys"
                                : "whole keys + prefixes (" + t.prefixName + ")",
                        t.filterOffset, bits, bits / 8, BloomFilter.probes(t.filter),
                        s.entries() == 0 ? 0.0 : (double) bits / s.entries());
            }
            out.printf("index block: offset %d, %d bytes, %d entries%n", t.index.fileOffset,
                    t.index.bytes.length, s.blocks().size());
            out.printf("data blocks: %d%n", s.blocks().size());
            int i = 0;
            for (SstVerifier.BlockSummary b : s.blocks()) {
                out.printf("  #%-4d offset %-8d length %-6d entries %-5d restarts %-4d last %s%s%n",
                        i++, b.offset(), b.lengthBytes(), b.entries(), b.restarts(),
                        show(b.lastKey()), b.lz4() ? " (lz4)" : "");
            }
        }
    }

    /** An LSM directory with default options (for the compaction scores). */
    public static void dumpLsm(FileSystem fs, Path dir, PrintWriter out) throws IOException {
        dumpLsm(fs, dir, LsmOptions.defaults(), out);
    }

    /**
     * The live state the manifest describes: manifest name, edits, dropped torn tail, checkpoint
     * LSN, then per level the files (level 0 newest first, deeper levels in key order) with
     * sizes, entry counts, LSN and key ranges, and the pending compaction score the engine
     * would compute with {@code options}.
     */
    public static void dumpLsm(FileSystem fs, Path dir, LsmOptions options, PrintWriter out)
            throws IOException {
        Manifest.Recovered r = Manifest.read(fs, dir);
        if (r == null) {
            out.printf("lsm %s: no CURRENT file (not an LSM directory, or never opened)%n", dir);
            return;
        }
        Map<Long, VersionEdit.Added> live = new TreeMap<>();
        long checkpointLsn = 0;
        long nextFile = 0;
        for (VersionEdit e : r.edits()) {
            checkpointLsn = e.checkpointLsn() >= 0 ? e.checkpointLsn() : checkpointLsn;
            nextFile = Math.max(nextFile, e.nextFileNumber());
            e.removed().forEach(x -> live.remove(x.number()));
            e.added().forEach(a -> live.put(a.meta().number(), a));
        }
        out.printf("lsm %s: %s, %d edits, %d bytes, torn tail dropped %d bytes%n", dir,
                r.path().getFileName(), r.edits().size(), r.goodBytes(), r.droppedBytes());
        out.printf("checkpoint LSN %d, next file number %d, style %s%n", checkpointLsn, nextFile,
                options.style());
        List<List<SstMeta>> levels = new ArrayList<>();
        for (int i = 0; i < options.levelsMax(); i++) {
            levels.add(new ArrayList<>());
        }
        for (VersionEdit.Added a : live.values()) {
            levels.get(Math.min(a.level(), options.levelsMax() - 1)).add(a.meta());
        }
        levels.getFirst().sort((a, b) -> Long.compare(b.seqMax(), a.seqMax()));
        for (List<SstMeta> level : levels.subList(1, levels.size())) {
            level.sort((a, b) -> java.util.Arrays.compareUnsigned(a.smallestKey(),
                    b.smallestKey()));
        }
        double best = 0;
        for (int level = 0; level < levels.size(); level++) {
            List<SstMeta> files = levels.get(level);
            long bytes = files.stream().mapToLong(SstMeta::sizeBytes).sum();
            double score = score(options, level, files.size(), bytes);
            best = Math.max(best, score);
            out.printf("L%d: %d files, %d bytes, score %.2f%n", level, files.size(), bytes, score);
            for (SstMeta m : files) {
                boolean exists = fs.exists(dir.resolve(SstMeta.fileName(m.number())));
                out.printf("  %s %8d bytes %6d entries %5d tombstones LSNs %d..%d keys [%s .. %s]"
                        + "%s%n", SstMeta.fileName(m.number()), m.sizeBytes(), m.entryCount(),
                        m.tombstoneCount(), Sequences.lsnOf(m.seqMin()),
                        Sequences.lsnOf(m.seqMax()), show(m.smallestKey()),
                        show(m.largestKey()), exists ? "" : "  MISSING");
            }
        }
        out.printf("pending compaction: %s (highest score %.2f)%n", best >= 1 ? "yes" : "no",
                best);
    }

    private static double score(LsmOptions options, int level, int files, long bytes) {
        if (level == 0) {
            return (double) files / options.level0CompactionTrigger();
        }
        if (options.style() == LsmOptions.CompactionStyle.TIERED
                || level == options.levelsMax() - 1) {
            return 0;
        }
        return (double) bytes / options.levelBytesMax(level);
    }

    /** A key as text if every byte is printable ASCII, else as hex. */
    static String show(byte[] key) {
        if (key == null) {
            return "-";
        }
        for (byte b : key) {
            if (b < 0x20 || b > 0x7E) {
                return "0x" + HexFormat.of().formatHex(key);
            }
        }
        return new String(key, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
