package dev.cutaway.kv.lsm;

import dev.cutaway.io.CorruptionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a whole SSTable and verifies it: every block's checksum, entries in strictly increasing
 * internal order within and across blocks, every index entry equal to the last key of its block,
 * and the footer's counts and sequence range equal to what the entries say. Problems in the
 * file are {@link CorruptionException}s naming the file and block offset.
 */
final class SstVerifier {
    private SstVerifier() {}

    /** One data block as the inspector shows it. */
    record BlockSummary(long offset, int lengthBytes, int entries, int restarts,
                        byte[] lastKey, boolean lz4) {}

    /** What a full read of a table found. */
    record Summary(List<BlockSummary> blocks, long entries, long tombstones, byte[] firstKey,
                   byte[] lastKey, long seqMin, long seqMax) {}

    static Summary verify(SstReader table) throws IOException {
        BlockCursor index = new BlockCursor();
        BlockCursor data = new BlockCursor();
        index.reset(table.index);
        List<BlockSummary> blocks = new ArrayList<>();
        long entries = 0;
        long tombstones = 0;
        long seqMin = Long.MAX_VALUE;
        long seqMax = Long.MIN_VALUE;
        byte[] first = null;
        byte[] previous = null;
        long previousSeq = 0;
        for (index.seekFirst(); index.valid(); index.next()) {
            Block block = table.dataBlock(index);
            data.reset(block);
            int inBlock = 0;
            for (data.seekFirst(); data.valid(); data.next()) {
                byte[] key = data.keyCopy();
                if (previous != null
                        && Sequences.compare(previous, previousSeq, key, data.seq()) >= 0) {
                    throw new CorruptionException(table.path, block.fileOffset,
                            "entries out of order at entry " + inBlock + " of the block");
                }
                first = first == null ? key : first;
                previous = key;
                previousSeq = data.seq();
                seqMin = Math.min(seqMin, data.seq());
                seqMax = Math.max(seqMax, data.seq());
                tombstones += data.isTombstone() ? 1 : 0;
                inBlock++;
            }
            if (inBlock == 0 || index.compareTo(previous, previousSeq) != 0) {
                throw new CorruptionException(table.path, block.fileOffset,
                        "index entry does not match the block's last key");
            }
            entries += inBlock;
            blocks.add(new BlockSummary(block.fileOffset, block.diskBytes, inBlock,
                    block.restartCount, previous, block.bytes.length != block.diskBytes));
        }
        if (entries != table.entryCount || tombstones != table.tombstoneCount
                || (entries > 0 && (seqMin != table.seqMin || seqMax != table.seqMax))) {
            throw new CorruptionException(table.path, table.sizeBytes - SstWriter.FOOTER_BYTES,
                    "footer says " + table.entryCount + " entries, " + table.tombstoneCount
                            + " tombstones, seqs " + table.seqMin + ".." + table.seqMax
                            + " but the blocks hold " + entries + ", " + tombstones + ", "
                            + seqMin + ".." + seqMax);
        }
        return new Summary(blocks, entries, tombstones, first, previous, seqMin, seqMax);
    }

    /** Also checks the table against the manifest's metadata for it. */
    static void verifyAgainst(SstReader table, SstMeta meta) throws IOException {
        Summary s = verify(table);
        if (s.entries() != meta.entryCount() || s.seqMin() != meta.seqMin()
                || s.seqMax() != meta.seqMax() || table.sizeBytes != meta.sizeBytes()
                || !Arrays.equals(s.firstKey(), meta.smallestKey())
                || !Arrays.equals(s.lastKey(), meta.largestKey())) {
            throw new CorruptionException(table.path, "as a whole",
                    "contents disagree with the manifest's record " + meta);
        }
    }
}
