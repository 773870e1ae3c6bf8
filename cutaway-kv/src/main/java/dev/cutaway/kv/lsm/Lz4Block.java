package dev.cutaway.kv.lsm;

import dev.cutaway.io.CorruptionException;
import java.nio.file.Path;

/**
 * Our own codec for the LZ4 block format (no dependency): a greedy compressor with a 4-byte
 * hash table over a 64 KiB window, and a bounds-checked decompressor.
 *
 * <p>Format, per sequence: token byte (high nibble literal count, low nibble match length - 4;
 * 15 means "more in the following bytes": add bytes while they are 255, plus the first byte
 * below 255) · literals · match offset (2 bytes little-endian, 1..65535 back) · extra match
 * length bytes. The last sequence has literals only; the last 5 bytes are always literals and
 * no match starts within the last 12 bytes (LZ4's end-of-block rules).
 *
 * <p>Invariant: (1) decompress(compress(x)) == x; the decompressor never reads or writes out of
 * bounds, whatever its input (bad input is a {@link CorruptionException}).
 */
final class Lz4Block {
    private static final int MIN_MATCH = 4;
    private static final int LAST_LITERALS = 5;
    private static final int MATCH_FIND_LIMIT = 12;
    private static final int HASH_BITS = 12;
    private static final int WINDOW = 65535;

    private Lz4Block() {}

    /** Worst-case compressed size of {@code n} bytes. */
    static int maxCompressedLength(int n) {
        return n + n / 255 + 16;
    }

    /** Compresses src[0, n) into dst. @return the compressed length */
    static int compress(byte[] src, int n, byte[] dst) {
        int[] table = new int[1 << HASH_BITS];
        java.util.Arrays.fill(table, -1);
        int anchor = 0;
        int out = 0;
        int i = 0;
        int limit = n - MATCH_FIND_LIMIT;
        while (i < limit) {
            int seq = readInt(src, i);
            int h = (seq * -1640531535) >>> (32 - HASH_BITS);
            int ref = table[h];
            table[h] = i;
            if (ref < 0 || i - ref > WINDOW || readInt(src, ref) != seq) {
                i++;
                continue;
            }
            int length = MIN_MATCH;
            while (i + length < n - LAST_LITERALS && src[ref + length] == src[i + length]) {
                length++;
            }
            out = sequence(src, anchor, i - anchor, i - ref, length, dst, out);
            i += length;
            anchor = i;
        }
        return lastLiterals(src, anchor, n - anchor, dst, out);
    }

    private static int sequence(byte[] src, int literalsAt, int literals, int offset,
            int matchLength, byte[] dst, int out) {
        int token = out++;
        int m = matchLength - MIN_MATCH;
        dst[token] = (byte) ((Math.min(literals, 15) << 4) | Math.min(m, 15));
        out = extraLength(literals, dst, out);
        System.arraycopy(src, literalsAt, dst, out, literals);
        out += literals;
        dst[out++] = (byte) offset;
        dst[out++] = (byte) (offset >>> 8);
        return extraLength(m, dst, out);
    }

    private static int lastLiterals(byte[] src, int at, int literals, byte[] dst, int out) {
        dst[out++] = (byte) (Math.min(literals, 15) << 4);
        out = extraLength(literals, dst, out);
        System.arraycopy(src, at, dst, out, literals);
        return out + literals;
    }

    private static int extraLength(int length, byte[] dst, int out) {
        if (length < 15) {
            return out;
        }
        int rest = length - 15;
        while (rest >= 255) {
            dst[out++] = (byte) 255;
            rest -= 255;
        }
        dst[out++] = (byte) rest;
        return out;
    }

    /** Decompresses src[0, n) into exactly dst[0, dstLength). */
    static void decompress(byte[] src, int n, byte[] dst, int dstLength, Path file, long offset)
            throws CorruptionException {
        int in = 0;
        int out = 0;
        while (true) {
            if (in >= n) {
                throw bad(file, offset, "truncated sequence");
            }
            int token = src[in++] & 0xFF;
            long literals = token >>> 4;
            if (literals == 15) {
                long[] r = readLength(src, in, n, file, offset);
                literals += r[0];
                in = (int) r[1];
            }
            if (literals > n - in || literals > dstLength - out) {
                throw bad(file, offset, "literals run past the block");
            }
            System.arraycopy(src, in, dst, out, (int) literals);
            in += (int) literals;
            out += (int) literals;
            if (in == n) {
                break; // the last sequence has no match
            }
            if (n - in < 2) {
                throw bad(file, offset, "truncated match offset");
            }
            int matchOffset = (src[in] & 0xFF) | (src[in + 1] & 0xFF) << 8;
            in += 2;
            long length = (token & 15);
            if (length == 15) {
                long[] r = readLength(src, in, n, file, offset);
                length += r[0];
                in = (int) r[1];
            }
            length += MIN_MATCH;
            if (matchOffset == 0 || matchOffset > out || length > dstLength - out) {
                throw bad(file, offset, "match outside the output");
            }
            for (int k = 0; k < length; k++) { // byte by byte: matches may overlap
                dst[out] = dst[out - matchOffset];
                out++;
            }
        }
        if (out != dstLength) {
            throw bad(file, offset, "decompressed to " + out + " bytes, expected " + dstLength);
        }
    }

    private static long[] readLength(byte[] src, int in, int n, Path file, long offset)
            throws CorruptionException {
        long sum = 0;
        while (true) {
            if (in >= n) {
                throw bad(file, offset, "truncated length");
            }
            int b = src[in++] & 0xFF;
            sum += b;
            if (sum > Integer.MAX_VALUE) {
                throw bad(file, offset, "length overflows");
            }
            if (b != 255) {
                return new long[] {sum, in};
            }
        }
    }

    private static CorruptionException bad(Path file, long offset, String what) {
        return new CorruptionException(file, offset, "bad lz4 block: " + what);
    }

    private static int readInt(byte[] b, int at) {
        return ByteSink.getInt(b, at);
    }
}
