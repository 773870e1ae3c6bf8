package dev.cutaway.txn;

import java.util.Arrays;

/**
 * The value stored under a version key: one tag byte, then the user's value. Tag 0x01 is a
 * value, tag 0x00 a tombstone (the key was deleted at that commit timestamp) with nothing
 * after it. A version value of any other shape is corruption.
 */
final class VersionValues {
    static final byte TAG_TOMBSTONE = 0x00;
    static final byte TAG_VALUE = 0x01;
    static final byte[] TOMBSTONE = {TAG_TOMBSTONE};

    private VersionValues() {}

    static byte[] of(byte[] value) {
        byte[] out = new byte[value.length + 1];
        out[0] = TAG_VALUE;
        System.arraycopy(value, 0, out, 1, value.length);
        return out;
    }

    static boolean isTombstone(byte[] stored) {
        return isTombstone(stored, stored.length);
    }

    /** {@link #isTombstone(byte[])} of the stored value {@code stored[0 .. length)}. */
    static boolean isTombstone(byte[] stored, int length) {
        return isTombstone(stored, 0, length);
    }

    /** {@link #isTombstone(byte[])} of the stored value {@code buf[offset .. +length)}. */
    static boolean isTombstone(byte[] buf, int offset, int length) {
        check(buf, offset, length);
        return buf[offset] == TAG_TOMBSTONE;
    }

    /** The user's value, or null for a tombstone. */
    static byte[] payload(byte[] stored) {
        check(stored);
        return stored[0] == TAG_TOMBSTONE ? null : Arrays.copyOfRange(stored, 1, stored.length);
    }

    private static void check(byte[] stored) {
        check(stored, 0, stored.length);
    }

    private static void check(byte[] buf, int offset, int length) {
        if (length == 0 || buf[offset] > TAG_VALUE || buf[offset] < TAG_TOMBSTONE
                || (buf[offset] == TAG_TOMBSTONE && length != 1)) {
            throw new IllegalArgumentException("not a version value: tag "
                    + (length == 0 ? "missing" : String.valueOf(buf[offset]))
                    + ", " + length + " bytes");
        }
    }
}
