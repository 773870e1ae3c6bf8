package dev.cutaway.io;

import dev.cutaway.check.Invariants;
import dev.cutaway.io.FaultyFileSystem.CrashMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The bytes of one file inside {@link FaultyFileSystem}, as a disk with a volatile cache holds
 * them: the durable content (what the platter has after the last {@code sync}), the current
 * content (what reads see: durable plus everything written since), and the ordered list of
 * changes (writes and truncates) that lead from the first to the second.
 *
 * <p>A crash keeps the durable content and replays some of the pending changes, in program
 * order, according to the {@link CrashMode}: none, all but a torn last one, a random subset
 * with random tears, or all with a few flipped bits in the last one. Replaying a subset in order
 * gives every byte one of the values it had since the last sync, and a file size that the kept
 * writes and truncates explain; a lost write that extended the file does not extend it, and a
 * gap left before a later kept write reads as zeros.
 *
 * <p>Invariants (checked by {@link #checkInvariants()}):
 * <ol>
 *   <li>I1: {@code 0 <= size <= FILE_SIZE_BYTES_MAX}, for durable and current content.</li>
 *   <li>I2: replaying every pending change over the durable content gives the current content
 *       exactly (expensive check).</li>
 *   <li>I3: bytes of the current buffer past its size are zero, so growing a file exposes
 *       zeros, never stale bytes (expensive check).</li>
 *   <li>I4: write sequence numbers in the pending list increase.</li>
 * </ol>
 *
 * <p>Not thread-safe: {@link FaultyFileSystem} calls it under its lock.
 */
final class Inode {
    /** A bound on one in-memory file, so a runaway test fails clearly instead of with OOM. */
    static final int FILE_SIZE_BYTES_MAX = 1 << 30;
    static final int SECTOR_SIZE_BYTES = 512;

    /** A change made since the last sync. */
    sealed interface Change permits Write, Truncate {}

    /** {@code bytes} written at {@code offsetBytes}; {@code sequence} orders writes globally. */
    record Write(int offsetBytes, byte[] bytes, long sequence) implements Change {}

    /** The file shrunk to {@code sizeBytes}. */
    record Truncate(int sizeBytes) implements Change {}

    private byte[] durable;
    private final Content current;
    private final List<Change> pending = new ArrayList<>();

    Inode() {
        this(new byte[0]);
    }

    /** A file whose content is {@code durableContent}, all of it durable. */
    Inode(byte[] durableContent) {
        this.durable = durableContent.clone();
        this.current = new Content(durableContent);
    }

    long size() {
        return current.size;
    }

    long durableSize() {
        return durable.length;
    }

    int pendingChangeCount() {
        return pending.size();
    }

    /** Same contract as {@link java.nio.channels.FileChannel#read(ByteBuffer, long)}. */
    int read(ByteBuffer dst, long position) {
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (position >= current.size) {
            return -1;
        }
        int at = (int) position;
        int n = Math.min(dst.remaining(), current.size - at);
        dst.put(current.bytes, at, n);
        return n;
    }

    /** Writes all of {@code src} at {@code position}; the caller checked the size bound. */
    void write(ByteBuffer src, long position, long sequence) {
        int length = src.remaining();
        if (length == 0) {
            return;
        }
        Invariants.check(position >= 0 && position + length <= FILE_SIZE_BYTES_MAX,
                "Inode I1: write within the size bound", position, length);
        byte[] bytes = new byte[length];
        src.get(bytes);
        int offset = (int) position;
        current.write(offset, bytes, length);
        pending.add(new Write(offset, bytes, sequence));
    }

    /** Shrinks the file; like {@code FileChannel.truncate}, a larger size changes nothing. */
    void truncate(long sizeBytes) {
        if (sizeBytes >= current.size) {
            return;
        }
        current.truncate((int) sizeBytes);
        pending.add(new Truncate((int) sizeBytes));
    }

    /** Makes every pending change durable. */
    void sync() {
        durable = current.toArray();
        pending.clear();
    }

    /** Sequence number of the last pending write, or 0 when no write is pending. */
    long lastPendingWriteSequence() {
        int index = lastPendingWriteIndex();
        return index < 0 ? 0 : ((Write) pending.get(index)).sequence();
    }

    /**
     * The content a crash leaves. {@code isLastWritten} marks the file holding the most recent
     * unsynced write, which the tearing and bit-flipping modes damage.
     */
    byte[] contentAfterCrash(CrashMode mode, RandomGenerator random, boolean isLastWritten) {
        if (mode == CrashMode.LOSE_UNSYNCED) {
            return durable.clone();
        }
        Content image = new Content(durable);
        int damagedIndex = isLastWritten ? lastPendingWriteIndex() : -1;
        for (int i = 0; i < pending.size(); i++) {
            switch (pending.get(i)) {
                case Write w -> replayWrite(image, w, mode, random, i == damagedIndex);
                case Truncate t -> {
                    if (mode != CrashMode.RANDOM_UNSYNCED || random.nextBoolean()) {
                        image.truncate(Math.min(image.size, t.sizeBytes()));
                    }
                }
            }
        }
        return image.toArray();
    }

    private static void replayWrite(Content image, Write w, CrashMode mode,
            RandomGenerator random, boolean damaged) {
        int length = w.bytes().length;
        switch (mode) {
            case LOSE_UNSYNCED -> { }
            case TEAR_LAST_UNSYNCED -> image.write(w.offsetBytes(), w.bytes(),
                    damaged ? tornLength(w.offsetBytes(), length, random) : length);
            case RANDOM_UNSYNCED -> {
                switch (random.nextInt(3)) {
                    case 0 -> { }
                    case 1 -> image.write(w.offsetBytes(), w.bytes(), length);
                    default -> image.write(w.offsetBytes(), w.bytes(),
                            tornLength(w.offsetBytes(), length, random));
                }
            }
            case FLIP_BITS_LAST_UNSYNCED -> image.write(w.offsetBytes(),
                    damaged ? withFlippedBits(w.bytes(), random) : w.bytes(), length);
        }
    }

    /**
     * How many bytes of a torn write reach the disk: always fewer than {@code length}. Half the
     * time the prefix ends on a sector boundary of the file (whole sectors kept, as a disk with
     * atomic sectors tears), otherwise it is an arbitrary byte count.
     */
    static int tornLength(int offset, int length, RandomGenerator random) {
        Invariants.check(length > 0, "torn write has bytes", length);
        if (random.nextBoolean()) {
            return random.nextInt(length);
        }
        // Keep k bytes where offset + k is a sector boundary (0 <= k < length), or none.
        int first = (SECTOR_SIZE_BYTES - offset % SECTOR_SIZE_BYTES) % SECTOR_SIZE_BYTES;
        if (first >= length) {
            return 0;
        }
        int aligned = (length - 1 - first) / SECTOR_SIZE_BYTES + 1;
        if (first == 0) {
            return SECTOR_SIZE_BYTES * random.nextInt(aligned);
        }
        int choice = random.nextInt(aligned + 1);
        return choice == 0 ? 0 : first + SECTOR_SIZE_BYTES * (choice - 1);
    }

    /** A copy of {@code bytes} with one to three distinct bits flipped. */
    static byte[] withFlippedBits(byte[] bytes, RandomGenerator random) {
        byte[] damaged = bytes.clone();
        long bits = 8L * bytes.length;
        int count = (int) Math.min(bits, 1 + random.nextInt(3));
        long[] chosen = new long[count];
        for (int i = 0; i < count; i++) {
            long bit;
            do {
                bit = random.nextLong(bits);
            } while (contains(chosen, i, bit));
            chosen[i] = bit;
            damaged[(int) (bit >>> 3)] ^= (byte) (1 << (bit & 7));
        }
        return damaged;
    }

    private static boolean contains(long[] values, int count, long value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    /**
     * Flips {@code bitCount} consecutive bits starting at the lowest bit of the byte at
     * {@code offset}, in the durable and in the current content wherever they reach.
     * @return whether any content covered the range
     */
    boolean flipBits(long offset, int bitCount) {
        long lastByte = offset + (bitCount - 1) / 8;
        boolean flipped = false;
        if (lastByte < durable.length) {
            for (int i = 0; i < bitCount; i++) {
                long bit = offset * 8 + i;
                durable[(int) (bit >>> 3)] ^= (byte) (1 << (bit & 7));
            }
            flipped = true;
        }
        if (lastByte < current.size) {
            for (int i = 0; i < bitCount; i++) {
                long bit = offset * 8 + i;
                current.bytes[(int) (bit >>> 3)] ^= (byte) (1 << (bit & 7));
            }
            flipped = true;
        }
        return flipped;
    }

    private int lastPendingWriteIndex() {
        for (int i = pending.size() - 1; i >= 0; i--) {
            if (pending.get(i) instanceof Write) {
                return i;
            }
        }
        return -1;
    }

    void checkInvariants() {
        Invariants.check(durable.length <= FILE_SIZE_BYTES_MAX, "Inode I1: durable size bound",
                durable.length);
        Invariants.check(current.size >= 0 && current.size <= FILE_SIZE_BYTES_MAX,
                "Inode I1: current size bound", current.size);
        long previous = Long.MIN_VALUE;
        for (Change change : pending) {
            if (change instanceof Write w) {
                Invariants.check(w.sequence() > previous, "Inode I4: write sequence increases",
                        previous, w.sequence());
                previous = w.sequence();
            }
        }
        if (!Invariants.EXPENSIVE) {
            return;
        }
        Content replayed = new Content(durable);
        for (Change change : pending) {
            switch (change) {
                case Write w -> replayed.write(w.offsetBytes(), w.bytes(), w.bytes().length);
                case Truncate t -> replayed.truncate(Math.min(replayed.size, t.sizeBytes()));
            }
        }
        Invariants.check(Arrays.equals(replayed.toArray(), current.toArray()),
                "Inode I2: pending changes over durable content give current content",
                replayed.size, current.size);
        for (int i = current.size; i < current.bytes.length; i++) {
            Invariants.check(current.bytes[i] == 0, "Inode I3: zeros past the end", i);
        }
    }

    /** Checks a write against the per-file size bound before anything changes. */
    static void checkWriteBound(Path path, long position, int length) throws IOException {
        if (position > FILE_SIZE_BYTES_MAX - length) {
            throw new IOException("File too large: " + path + " would reach "
                    + (position + length) + " bytes; FaultyFileSystem holds files up to "
                    + FILE_SIZE_BYTES_MAX + " bytes in memory");
        }
    }

    /** A growable byte array; bytes past {@code size} are kept zero (invariant I3). */
    private static final class Content {
        private byte[] bytes;
        private int size;

        Content(byte[] initial) {
            this.bytes = initial.clone();
            this.size = initial.length;
        }

        void write(int offset, byte[] src, int length) {
            if (length == 0) {
                return;
            }
            int end = offset + length;
            if (end > bytes.length) {
                int grown = (int) Math.min(FILE_SIZE_BYTES_MAX, Math.max(end, 2L * bytes.length));
                bytes = Arrays.copyOf(bytes, grown);
            }
            System.arraycopy(src, 0, bytes, offset, length);
            size = Math.max(size, end);
        }

        void truncate(int newSize) {
            Arrays.fill(bytes, newSize, size, (byte) 0);
            size = newSize;
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
