package dev.cutaway.kv.lsm;

import java.util.Arrays;

/**
 * Sequence numbers and the internal key order. Every entry of a memtable or SSTable is an
 * internal key (user key, sequence number) with a value or a tombstone. The sequence number
 * of the {@code i}-th mutation of the batch at {@code lsn} is {@code lsn << 20 | i}, so a later
 * batch wins over an earlier one and a later mutation in one batch wins over an earlier one.
 *
 * <p>Internal order: user key ascending (unsigned bytes), then sequence number descending
 * (newest version first).
 */
final class Sequences {
    /** Bits of a sequence number that hold the position in the batch. */
    static final int POSITION_BITS = 20;
    /** Largest batch (in mutations) the LSM engine accepts. */
    static final int BATCH_MUTATIONS_MAX = 1 << POSITION_BITS;
    /** Largest LSN that still fits a sequence number. */
    static final long LSN_MAX = (1L << (63 - POSITION_BITS)) - 1;
    /** Sorts after every real sequence number's position: (lsn, MAX) sees all of batch lsn. */
    static final long MAX = Long.MAX_VALUE;

    private Sequences() {}

    static long of(long lsn, int position) {
        return lsn << POSITION_BITS | position;
    }

    /** Highest sequence number a batch at {@code lsn} can produce. */
    static long lastOf(long lsn) {
        return lsn << POSITION_BITS | (BATCH_MUTATIONS_MAX - 1);
    }

    static long lsnOf(long seq) {
        return seq >>> POSITION_BITS;
    }

    static int compare(byte[] aKey, long aSeq, byte[] bKey, long bSeq) {
        int c = Arrays.compareUnsigned(aKey, bKey);
        return c != 0 ? c : Long.compare(bSeq, aSeq);
    }
}
