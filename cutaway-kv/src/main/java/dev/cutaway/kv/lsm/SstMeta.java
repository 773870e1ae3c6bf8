package dev.cutaway.kv.lsm;

import java.util.Arrays;

/**
 * What the manifest records about one SSTable: its number (file {@code NNNNNN.sst}), size, the
 * user key range it covers, the sequence number range of its entries (whose LSN range is what
 * recovery relies on), and entry counts.
 *
 * <p>Invariants: (1) smallestKey <= largestKey (unsigned); (2) seqMin <= seqMax;
 * (3) entryCount >= 1.
 */
record SstMeta(long number, long sizeBytes, byte[] smallestKey, byte[] largestKey,
               long seqMin, long seqMax, long entryCount, long tombstoneCount) {

    boolean overlaps(byte[] low, byte[] high) {
        return Arrays.compareUnsigned(largestKey, low) >= 0
                && Arrays.compareUnsigned(smallestKey, high) <= 0;
    }

    boolean contains(byte[] key) {
        return Arrays.compareUnsigned(smallestKey, key) <= 0
                && Arrays.compareUnsigned(largestKey, key) >= 0;
    }

    static String fileName(long number) {
        return String.format("%06d.sst", number);
    }

    @Override
    public String toString() {
        return fileName(number) + "[" + sizeBytes + " bytes, " + entryCount + " entries, lsn "
                + Sequences.lsnOf(seqMin) + ".." + Sequences.lsnOf(seqMax) + "]";
    }
}
