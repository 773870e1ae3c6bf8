package dev.cutaway.kv.lsm;

import dev.cutaway.io.CorruptionException;
import java.util.Arrays;

/**
 * A reusable position inside one {@link Block}: decodes prefix-compressed entries into its own
 * key buffer, so stepping through a block allocates nothing. Seeks binary-search the restart
 * points, then scan forward; a backward step rescans from the previous restart point.
 */
final class BlockCursor {
    private Block block;
    private byte[] key = new byte[64];
    private int keyLength;
    private long seq;
    private int valueOffset;
    /** Value length, or -1 for a tombstone. */
    private int valueLength;
    private int entryOffset;
    private int nextOffset;
    private boolean valid;

    void reset(Block newBlock) {
        this.block = newBlock;
        this.valid = false;
    }

    Block block() {
        return block;
    }

    boolean valid() {
        return valid;
    }

    byte[] keyBuffer() {
        return key;
    }

    int keyLength() {
        return keyLength;
    }

    byte[] keyCopy() {
        return Arrays.copyOf(key, keyLength);
    }

    long seq() {
        return seq;
    }

    boolean isTombstone() {
        return valueLength < 0;
    }

    byte[] valueCopy() {
        return valueLength < 0 ? null
                : Arrays.copyOfRange(block.bytes, valueOffset, valueOffset + valueLength);
    }

    int valueOffset() {
        return valueOffset;
    }

    int valueLength() {
        return valueLength;
    }

    /** Internal-order comparison of the current entry with (k, s). */
    int compareTo(byte[] k, long s) {
        int c = Arrays.compareUnsigned(key, 0, keyLength, k, 0, k.length);
        return c != 0 ? c : Long.compare(s, seq);
    }

    /**
     * The index of the restart point the current entry sits on, or -1 if it is not a restart
     * point. In a block with a restart at every entry (the index block) it is the entry's
     * ordinal.
     */
    int restartOrdinal() {
        int lo = 0;
        int hi = block.restartCount - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int r = block.restartOffset(mid);
            if (r < entryOffset) {
                lo = mid + 1;
            } else if (r > entryOffset) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    void seekFirst() throws CorruptionException {
        seekToRestart(0);
    }

    void seekLast() throws CorruptionException {
        seekToRestart(block.restartCount - 1);
        while (nextOffset < block.entriesEnd) {
            decodeNext();
        }
    }

    /** First entry at or after (k, s); invalid if every entry is before it. */
    void seekGE(byte[] k, long s) throws CorruptionException {
        int left = 0;
        int right = block.restartCount - 1;
        while (left < right) {
            int mid = (left + right + 1) >>> 1;
            seekToRestart(mid);
            if (compareTo(k, s) < 0) {
                left = mid;
            } else {
                right = mid - 1;
            }
        }
        seekToRestart(left);
        while (valid && compareTo(k, s) < 0) {
            next();
        }
    }

    /** Last entry strictly before (k, s); invalid if none. */
    void seekLT(byte[] k, long s) throws CorruptionException {
        seekGE(k, s);
        if (valid) {
            prev();
        } else {
            seekLast();
        }
    }

    void next() throws CorruptionException {
        if (nextOffset >= block.entriesEnd) {
            valid = false;
            return;
        }
        decodeNext();
    }

    void prev() throws CorruptionException {
        int target = entryOffset;
        if (target == 0) {
            valid = false;
            return;
        }
        int r = block.restartCount - 1;
        while (r > 0 && block.restartOffset(r) >= target) {
            r--;
        }
        seekToRestart(r);
        while (nextOffset < target) {
            decodeNext();
        }
        if (nextOffset != target) {
            throw block.malformed(target, "backward scan did not land on an entry boundary");
        }
    }

    private void seekToRestart(int index) throws CorruptionException {
        keyLength = 0;
        nextOffset = block.restartOffset(index);
        decodeNext();
    }

    private void decodeNext() throws CorruptionException {
        byte[] b = block.bytes;
        int end = block.entriesEnd;
        int at = nextOffset;
        entryOffset = at;
        long shared = 0;
        long unshared = 0;
        long valuePlusOne = 0;
        long s = 0;
        for (int field = 0; field < 4; field++) {
            long v = 0;
            int shift = 0;
            while (true) {
                if (at >= end || shift > 63) {
                    throw block.malformed(entryOffset, "truncated varint");
                }
                byte x = b[at++];
                v |= (long) (x & 0x7F) << shift;
                shift += 7;
                if (x >= 0) {
                    break;
                }
            }
            switch (field) {
                case 0 -> shared = v;
                case 1 -> unshared = v;
                case 2 -> valuePlusOne = v;
                default -> s = v;
            }
        }
        long valueBytes = valuePlusOne == 0 ? 0 : valuePlusOne - 1;
        if (shared > keyLength || unshared > end - at || valueBytes > end - at - unshared) {
            throw block.malformed(entryOffset, "lengths exceed the block: shared " + shared
                    + ", unshared " + unshared + ", value " + valueBytes);
        }
        int newLength = (int) (shared + unshared);
        if (newLength > key.length) {
            key = Arrays.copyOf(key, Math.max(newLength, key.length * 2));
        }
        System.arraycopy(b, at, key, (int) shared, (int) unshared);
        keyLength = newLength;
        at += (int) unshared;
        seq = s;
        valueOffset = at;
        valueLength = valuePlusOne == 0 ? -1 : (int) valueBytes;
        nextOffset = at + (int) valueBytes;
        valid = true;
    }
}
