package dev.cutaway.kv.lsm;

import dev.cutaway.check.Invariants;
import dev.cutaway.io.Checksums;
import dev.cutaway.io.CorruptionException;
import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The manifest: an append-only log of {@link VersionEdit}s, the durable record of which
 * SSTables are live at which level and up to which LSN they cover the node's log.
 *
 * <p>Files: {@code MANIFEST-NNNNNN} holds records {@code int32 payload length · int32 crc32c of
 * payload · payload}; {@code CURRENT} holds the name of the live manifest followed by a newline.
 * A new manifest is started at every open (its first record is a snapshot of the whole state),
 * then made live by writing {@code CURRENT.tmp}, syncing it, renaming it over {@code CURRENT}
 * and syncing the directory: the switch is atomic.
 *
 * <p>Invariants: (1) an edit is synced before the state it describes is used; (2) a torn or
 * corrupt record ends the manifest: recovery stops at the last good edit (a record is only
 * torn if its append never returned, so no acknowledged state follows it).
 */
final class Manifest implements AutoCloseable {
    static final String CURRENT = "CURRENT";
    private static final int HEADER_BYTES = 8;
    /** A bound on one edit; a longer length field is treated as a torn tail. */
    private static final int RECORD_BYTES_MAX = 64 << 20;

    private final FileHandle file;
    private long endOffset;

    private Manifest(FileHandle file, long endOffset) {
        this.file = file;
        this.endOffset = endOffset;
    }

    static String fileName(long number) {
        return String.format("MANIFEST-%06d", number);
    }

    /** The edits of the live manifest, or null if the directory holds no CURRENT file. */
    static Recovered read(FileSystem fs, Path dir) throws IOException {
        Path current = dir.resolve(CURRENT);
        if (!fs.exists(current)) {
            return null;
        }
        String name = new String(readAll(fs, current), StandardCharsets.UTF_8);
        if (!name.endsWith("\n") || !name.startsWith("MANIFEST-")) {
            throw new CorruptionException(current, 0, "CURRENT does not name a manifest");
        }
        Path path = dir.resolve(name.strip());
        if (!fs.exists(path)) {
            throw new CorruptionException(current, 0, "CURRENT names missing " + path);
        }
        byte[] bytes = readAll(fs, path);
        List<VersionEdit> edits = new ArrayList<>();
        int at = 0;
        while (bytes.length - at >= HEADER_BYTES) {
            int length = ByteSink.getInt(bytes, at);
            int crc = ByteSink.getInt(bytes, at + 4);
            if (length < 0 || length > RECORD_BYTES_MAX
                    || length > bytes.length - at - HEADER_BYTES
                    || crc != Checksums.crc32c(bytes, at + HEADER_BYTES, length)) {
                break;
            }
            byte[] payload = java.util.Arrays.copyOfRange(bytes, at + HEADER_BYTES,
                    at + HEADER_BYTES + length);
            edits.add(VersionEdit.decode(path, at, payload));
            at += HEADER_BYTES + length;
        }
        if (edits.isEmpty()) {
            throw new CorruptionException(path, 0, "manifest holds no complete edit");
        }
        return new Recovered(path, edits, at, bytes.length - at);
    }

    /** A manifest's good edits, where they end, and how many tail bytes were dropped. */
    record Recovered(Path path, List<VersionEdit> edits, long goodBytes, long droppedBytes) {}

    private static byte[] readAll(FileSystem fs, Path path) throws IOException {
        try (FileHandle h = fs.openReadOnly(path)) {
            long size = h.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new CorruptionException(path, 0, "file of " + size + " bytes is too big");
            }
            byte[] bytes = new byte[(int) size];
            h.readFully(ByteBuffer.wrap(bytes), 0);
            return bytes;
        }
    }

    /**
     * Writes a new manifest whose first edit is {@code snapshot}, syncs it and makes it live
     * through CURRENT. The caller deletes older manifests afterwards.
     */
    static Manifest create(FileSystem fs, Path dir, long number, VersionEdit snapshot)
            throws IOException {
        Path path = dir.resolve(fileName(number));
        FileHandle file = fs.open(path, true);
        try {
            file.truncate(0);
            Manifest m = new Manifest(file, 0);
            m.append(snapshot);
            Path tmp = dir.resolve(CURRENT + ".tmp");
            try (FileHandle t = fs.open(tmp, true)) {
                t.truncate(0);
                byte[] name = (fileName(number) + "\n").getBytes(StandardCharsets.UTF_8);
                t.write(ByteBuffer.wrap(name), 0);
                t.sync();
            }
            fs.rename(tmp, dir.resolve(CURRENT));
            fs.syncDirectory(dir);
            return m;
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Appends one edit and syncs it (invariant 1). */
    void append(VersionEdit edit) throws IOException {
        byte[] payload = edit.encode();
        Invariants.check(payload.length <= RECORD_BYTES_MAX, "Manifest: edit too large",
                payload.length);
        ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        byte[] header = new byte[HEADER_BYTES];
        ByteSink.setInt(header, 0, payload.length);
        ByteSink.setInt(header, 4, Checksums.crc32c(payload, 0, payload.length));
        record.put(header).put(payload).flip();
        file.write(record, endOffset);
        file.sync();
        endOffset += HEADER_BYTES + payload.length;
    }

    long sizeBytes() {
        return endOffset;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
