package dev.cutaway.txn;

import dev.cutaway.kv.KeyPrefix;
import dev.cutaway.kv.tuple.TupleEncoding;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The MVCC key layout (DESIGN.md "txn: timestamp MVCC"): a version of a user key is stored
 * under the key {@code (user key, commit timestamp descending)}, built with
 * {@link TupleEncoding}. All versions of one user key are adjacent, newest first, so "the value
 * of k as of T" is one seek and one step of a cursor.
 *
 * <p>Byte layout of a version key (TupleEncoding's layout, spelled out):
 * <pre>
 *   0x60, user key with each 0x00 written as 00 FF, 00 01     the user key as a bytes element
 *   0xCF, 8 bytes ~(physicalMillis ^ 0x8000000000000000)     descending long, big-endian
 *   0xCF, 8 bytes ~(logical ^ 0x8000000000000000)            descending long, big-endian
 * </pre>
 * The timestamp is thus a fixed 18-byte suffix, and the user key part is the same prefix
 * ({@link #versionsLow}) for every version of that key.
 *
 * <p>Invariants: (1) version keys order by user key (unsigned bytes) ascending, then commit
 * timestamp descending; (2) the versions of user key k are exactly the keys in
 * [{@link #versionsLow}(k), {@link #versionsHigh}(k)) that have the version-key shape, and no
 * version of another key lies in that range — even when one user key is a prefix of another
 * (the escape and terminator keep them apart); (3) decode(encode(k, t)) == (k, t).
 */
public final class VersionKeys {
    /** Length of the timestamp suffix: two descending long elements of 9 bytes. */
    public static final int TIMESTAMP_SUFFIX_BYTES = 18;
    private static final int TAG_LONG_DESCENDING = 0xCF;
    /** TupleEncoding's tag of an ascending bytes element (the user key). */
    private static final int TAG_BYTES = 0x60;

    /**
     * The prefix extractor for LSM prefix bloom filters (ADR 0024): a key's prefix is its
     * first element when that is a bytes element, i.e. {@link #versionsLow} of the user key.
     * Every version of a user key and the bounds of an MVCC point read share that prefix, so
     * a point read skips the tables without the key. Prefix-closed as {@link KeyPrefix}
     * requires: the element ends at its first unescaped 00 01, so any key that starts with a
     * whole element has that element first. Keys of another shape have no prefix.
     */
    public static final KeyPrefix BLOOM_PREFIX =
            new KeyPrefix("cutaway.mvcc.user-key.1", VersionKeys::userKeyPrefixLength);

    private VersionKeys() {}

    /** A decoded version key. Byte arrays compare by content. */
    public record Version(byte[] userKey, Timestamp commitTimestamp) {
        public Version {
            Objects.requireNonNull(userKey, "userKey");
            Objects.requireNonNull(commitTimestamp, "commitTimestamp");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Version v && Arrays.equals(userKey, v.userKey)
                    && commitTimestamp.equals(v.commitTimestamp);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(userKey) + commitTimestamp.hashCode();
        }

        @Override
        public String toString() {
            return HexFormat.of().formatHex(userKey) + "@" + commitTimestamp;
        }
    }

    /** The key under which the version of {@code userKey} committed at {@code commit} lives. */
    public static byte[] encode(byte[] userKey, Timestamp commit) {
        Objects.requireNonNull(userKey, "userKey");
        return TupleEncoding.encode(userKey,
                TupleEncoding.descending(commit.physicalMillis()),
                TupleEncoding.descending((long) commit.logical()));
    }

    /**
     * Decodes a version key. Throws {@link IllegalArgumentException} naming the offset or the
     * element if {@code versionKey} is not one (callers reading from disk turn that into a
     * corruption error naming their file).
     */
    public static Version decode(byte[] versionKey) {
        List<Object> elements = TupleEncoding.decode(versionKey);
        if (elements.size() != 3 || !(elements.get(0) instanceof byte[] userKey)) {
            throw notAVersionKey(versionKey, "expected (bytes, descending long, descending long)");
        }
        return new Version(userKey, timestampOf(versionKey));
    }

    /** TupleEncoding's type tag of a bytes element (the user key is the first element). */
    private static final int BYTES_TAG = 0x60;

    /**
     * The user key of a version key, unescaped straight from its first element without
     * decoding the whole tuple (a scan over versions calls this once per row). Equal to
     * {@code decode(versionKey).userKey()}; a malformed key goes through {@link #decode} for
     * its error.
     */
    public static byte[] userKeyOf(byte[] versionKey) {
        byte[] userKey = unescape(versionKey, versionKey.length - TIMESTAMP_SUFFIX_BYTES);
        return userKey != null ? userKey : decode(versionKey).userKey();
    }

    /**
     * The user key whose escaped form — a version key's bytes before its timestamp suffix,
     * which a scan keeps per user key — is {@code escaped[0 .. length)}.
     */
    static byte[] userKeyOfEscaped(byte[] escaped, int length) {
        byte[] userKey = unescape(escaped, length);
        if (userKey == null) {
            throw notAVersionKey(Arrays.copyOf(escaped, length), "malformed user key element");
        }
        return userKey;
    }

    /** The user key of the bytes element at {@code buf[0 .. end)}, or null if malformed. */
    private static byte[] unescape(byte[] buf, int end) {
        if (end < 3 || (buf[0] & 0xFF) != BYTES_TAG || buf[end - 2] != 0 || buf[end - 1] != 1) {
            return null;
        }
        byte[] out = new byte[end - 3];
        int size = 0;
        for (int i = 1; i < end - 2; i++) {
            byte b = buf[i];
            if (b == 0) {
                if (buf[i + 1] != (byte) 0xFF) {
                    return null;
                }
                i++;
            }
            out[size++] = b;
        }
        return size == out.length ? out : Arrays.copyOf(out, size);
    }

    /**
     * The commit timestamp of a version key, read from its fixed 18-byte suffix without decoding
     * the user key (the hot path of a scan over versions).
     */
    public static Timestamp timestampOf(byte[] versionKey) {
        return timestampOf(versionKey, 0, versionKey.length);
    }

    /** {@link #timestampOf(byte[])} of the version key at {@code buf[offset .. +length)}. */
    static Timestamp timestampOf(byte[] buf, int offset, int length) {
        int start = suffixStart(buf, offset, length);
        return new Timestamp(physicalAt(buf, offset, length, start),
                (int) logicalAt(buf, offset, length, start));
    }

    /**
     * Whether the version key at {@code buf[offset .. offset+length)} was committed after
     * {@code snapshot}: {@code timestampOf(...).isAfter(snapshot)}, compared where the bytes
     * lie (a scan asks this of every version it passes, and builds no {@link Timestamp}).
     */
    static boolean committedAfter(byte[] buf, int offset, int length, Timestamp snapshot) {
        int start = suffixStart(buf, offset, length);
        long physicalMillis = physicalAt(buf, offset, length, start);
        if (physicalMillis != snapshot.physicalMillis()) {
            return physicalMillis > snapshot.physicalMillis();
        }
        return logicalAt(buf, offset, length, start) > snapshot.logical();
    }

    private static int suffixStart(byte[] buf, int offset, int length) {
        if (length < TIMESTAMP_SUFFIX_BYTES + 3) {
            throw notAVersionKey(Arrays.copyOfRange(buf, offset, offset + length),
                    "too short for a user key and a timestamp");
        }
        return offset + length - TIMESTAMP_SUFFIX_BYTES;
    }

    private static long physicalAt(byte[] buf, int offset, int length, int start) {
        long physicalMillis = descendingLongAt(buf, offset, length, start);
        if (physicalMillis < 0) {
            throw notAVersionKey(Arrays.copyOfRange(buf, offset, offset + length),
                    "timestamp out of range: physical " + physicalMillis);
        }
        return physicalMillis;
    }

    private static long logicalAt(byte[] buf, int offset, int length, int start) {
        long logical = descendingLongAt(buf, offset, length, start + 9);
        if (logical < 0 || logical > Integer.MAX_VALUE) {
            throw notAVersionKey(Arrays.copyOfRange(buf, offset, offset + length),
                    "timestamp out of range: logical " + logical);
        }
        return logical;
    }

    private static long descendingLongAt(byte[] key, int keyOffset, int keyLength, int at) {
        if ((key[at] & 0xFF) != TAG_LONG_DESCENDING) {
            throw notAVersionKey(Arrays.copyOfRange(key, keyOffset, keyOffset + keyLength),
                    String.format("expected descending long tag 0xCF at offset %d, found 0x%02X",
                            at - keyOffset, key[at] & 0xFF));
        }
        long bits = 0;
        for (int i = 1; i <= 8; i++) {
            bits = (bits << 8) | (~key[at + i] & 0xFF);
        }
        return bits ^ Long.MIN_VALUE;
    }

    /**
     * Whether two version keys are versions of the same user key: their bytes before the fixed
     * timestamp suffix are equal (compared without decoding, on the hot path of scans and GC).
     */
    public static boolean sameUserKey(byte[] a, byte[] b) {
        int la = a.length - TIMESTAMP_SUFFIX_BYTES;
        int lb = b.length - TIMESTAMP_SUFFIX_BYTES;
        return la == lb && Arrays.equals(a, 0, la, b, 0, lb);
    }

    /**
     * Whether the version key at {@code buf[offset .. offset+length)} is a version of the user
     * key whose escaped form (a version key's bytes before its timestamp suffix) is
     * {@code escaped[0 .. escapedLength)}.
     */
    static boolean hasUserKeyPart(byte[] buf, int offset, int length, byte[] escaped,
            int escapedLength) {
        return length - TIMESTAMP_SUFFIX_BYTES == escapedLength
                && Arrays.equals(buf, offset, offset + escapedLength, escaped, 0, escapedLength);
    }

    /** Inclusive low bound of the versions of {@code userKey}: the encoded user key alone. */
    public static byte[] versionsLow(byte[] userKey) {
        Objects.requireNonNull(userKey, "userKey");
        return TupleEncoding.encodeBytes(userKey);
    }

    /** Exclusive high bound of the versions of {@code userKey}. */
    public static byte[] versionsHigh(byte[] userKey) {
        // versionsLow ends with the terminator 00 01, so prefixEnd is never null here.
        return TupleEncoding.prefixEnd(versionsLow(userKey));
    }

    /**
     * Where to start an ascending scan to find the newest version of {@code userKey} committed
     * at or below {@code readTimestamp}: the first key at or after this one, if it is below
     * {@link #versionsHigh}(userKey), is that version. {@link Timestamp#MAX} seeks the newest.
     */
    public static byte[] seekAtOrBelow(byte[] userKey, Timestamp readTimestamp) {
        return encode(userKey, readTimestamp);
    }

    /**
     * {@link #encode}(k, {@code commit}) built from {@code versionsLow} = {@link #versionsLow}(k)
     * by appending the 18-byte timestamp suffix, without escaping k again (a point read needs
     * both the range bounds and the seek key of one user key).
     */
    static byte[] encodeAfterLow(byte[] versionsLow, Timestamp commit) {
        byte[] out = Arrays.copyOf(versionsLow, versionsLow.length + TIMESTAMP_SUFFIX_BYTES);
        putDescendingLong(out, versionsLow.length, commit.physicalMillis());
        putDescendingLong(out, versionsLow.length + 9, commit.logical());
        return out;
    }

    private static void putDescendingLong(byte[] out, int offset, long value) {
        out[offset] = (byte) TAG_LONG_DESCENDING;
        long bits = ~(value ^ Long.MIN_VALUE);
        for (int i = 8; i >= 1; i--) {
            out[offset + i] = (byte) bits;
            bits >>>= 8;
        }
    }

    /**
     * The length of {@code key}'s leading bytes element (tag, escaped body, terminator), or -1
     * if the key does not start with a whole one (the {@link #BLOOM_PREFIX} function).
     */
    public static int userKeyPrefixLength(byte[] key) {
        if (key.length < 3 || (key[0] & 0xFF) != TAG_BYTES) {
            return -1;
        }
        for (int i = 1; i + 1 < key.length; i++) {
            if (key[i] == 0) {
                if (key[i + 1] == 0x01) {
                    return i + 2;
                }
                if (key[i + 1] != (byte) 0xFF) {
                    return -1;
                }
                i++;
            }
        }
        return -1;
    }

    private static IllegalArgumentException notAVersionKey(byte[] key, String what) {
        return new IllegalArgumentException(
                "not a version key (" + HexFormat.of().formatHex(key) + "): " + what);
    }
}
