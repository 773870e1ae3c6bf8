package dev.cutaway.kv;

import dev.cutaway.io.CorruptionException;
import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file {@code DIR/SPACES}: which key spaces beyond the default space 0 exist and which
 * engine each has. Text, so that a person can read it:
 * <pre>
 *   cutaway-spaces 1
 *   1 lsm
 *   2 btree
 * </pre>
 * It is replaced atomically (write {@code SPACES.tmp}, fsync, rename, fsync the directory), and
 * a space is added to it only after its engine's files exist durably, so after a crash every
 * space it names can be opened, and no log record names a space it does not.
 */
final class SpaceRegistry {
    static final String FILE = "SPACES";
    private static final String HEADER = "cutaway-spaces 1";
    private static final int BYTES_MAX = 1 << 20;

    private SpaceRegistry() {}

    /** Space id → engine kind, without space 0; empty if the file does not exist. */
    static Map<Integer, NodeOptions.EngineKind> read(FileSystem fs, Path dir) throws IOException {
        Path path = dir.resolve(FILE);
        Map<Integer, NodeOptions.EngineKind> out = new TreeMap<>();
        if (!fs.exists(path)) {
            return out;
        }
        long size = fs.size(path);
        if (size > BYTES_MAX) {
            throw new CorruptionException(path, 0, "spaces file of " + size + " bytes");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        try (FileHandle h = fs.openReadOnly(path)) {
            h.readFully(buf, 0);
        }
        String[] lines = new String(buf.array(), StandardCharsets.UTF_8).split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new CorruptionException(path, "line 1", "expected '" + HEADER + "'");
        }
        for (int i = 1; i < lines.length; i++) {
            String[] parts = lines[i].split(" ");
            try {
                int id = Integer.parseInt(parts[0]);
                NodeOptions.EngineKind kind =
                        NodeOptions.EngineKind.valueOf(parts[1].toUpperCase(Locale.ROOT));
                if (parts.length != 2 || id <= 0 || out.put(id, kind) != null) {
                    throw new IllegalArgumentException("bad or repeated space");
                }
            } catch (RuntimeException e) {
                throw new CorruptionException(path, "line " + (i + 1),
                        "expected '<id> btree|lsm', found '" + lines[i] + "'");
            }
        }
        return out;
    }

    /** Replaces the file with {@code spaces} (space 0 left out), durably. */
    static void write(FileSystem fs, Path dir, Map<Integer, NodeOptions.EngineKind> spaces)
            throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        spaces.forEach((id, kind) -> {
            if (id != Node.DEFAULT_SPACE) {
                text.append(id).append(' ').append(kind.name().toLowerCase(Locale.ROOT))
                        .append('\n');
            }
        });
        Path tmp = dir.resolve(FILE + ".tmp");
        if (fs.exists(tmp)) {
            fs.delete(tmp);
        }
        try (FileHandle h = fs.open(tmp, true)) {
            h.truncate(0);
            h.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), 0);
            h.sync();
        }
        fs.rename(tmp, dir.resolve(FILE));
        fs.syncDirectory(dir);
    }
}
