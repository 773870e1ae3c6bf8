package dev.cutaway.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FileSystem} does, checked against each implementation: one subclass per
 * implementation, so the in-memory fake cannot drift from the real thing.
 */
abstract class FileSystemContractTest {
    private FileSystem fs;
    private Path dir;

    /** A fresh file system and an existing, empty directory inside it. */
    abstract FileSystem newFileSystem() throws IOException;

    abstract Path newDirectory(FileSystem fs) throws IOException;

    @BeforeEach
    void setUp() throws IOException {
        fs = newFileSystem();
        dir = newDirectory(fs);
    }

    @Test
    void exclusiveLockRefusesASecondHolderUntilReleased() throws IOException {
        Path lockPath = dir.resolve("LOCK");
        java.io.Closeable first = fs.lockExclusive(lockPath);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fs.lockExclusive(lockPath))
                .isInstanceOf(FileLockedException.class).hasMessageContaining("LOCK");
        first.close();
        fs.lockExclusive(lockPath).close();
    }

    @Test
    void writeThenReadBack() throws IOException {
        try (FileHandle h = fs.open(dir.resolve("a"), true)) {
            h.write(bytes("hello world"), 0);
            h.write(bytes("WORLD"), 6);
            assertThat(read(h, 0, 11)).isEqualTo("hello WORLD");
            assertThat(h.size()).isEqualTo(11);
        }
        assertThat(fs.size(dir.resolve("a"))).isEqualTo(11);
        try (FileHandle h = fs.openReadOnly(dir.resolve("a"))) {
            assertThat(read(h, 6, 5)).isEqualTo("WORLD");
        }
    }

    @Test
    void writePastEndFillsGapWithZeros() throws IOException {
        try (FileHandle h = fs.open(dir.resolve("a"), true)) {
            h.write(bytes("ab"), 0);
            h.write(bytes("cd"), 6);
            ByteBuffer all = ByteBuffer.allocate(8);
            h.readFully(all, 0);
            assertThat(all.array()).containsExactly('a', 'b', 0, 0, 0, 0, 'c', 'd');
        }
    }

    @Test
    void readStopsAtEndOfFile() throws IOException {
        try (FileHandle h = fs.open(dir.resolve("a"), true)) {
            h.write(bytes("abc"), 0);
            ByteBuffer dst = ByteBuffer.allocate(10);
            assertThat(h.read(dst, 1)).isEqualTo(2);
            assertThat(h.read(ByteBuffer.allocate(4), 3)).isEqualTo(-1);
            assertThat(h.read(ByteBuffer.allocate(4), 100)).isEqualTo(-1);
            assertThat(h.read(ByteBuffer.allocate(0), 1)).isZero();
            assertThatThrownBy(() -> h.readFully(ByteBuffer.allocate(5), 0))
                    .isInstanceOf(CorruptionException.class);
        }
    }

    @Test
    void truncateShrinksButNeverGrows() throws IOException {
        try (FileHandle h = fs.open(dir.resolve("a"), true)) {
            h.write(bytes("abcdef"), 0);
            h.truncate(2);
            assertThat(h.size()).isEqualTo(2);
            h.truncate(10);
            assertThat(h.size()).isEqualTo(2);
            h.write(bytes("z"), 4);
            assertThat(read(h, 0, 5)).isEqualTo("ab\0\0z");
        }
    }

    @Test
    void openingExistingFileKeepsItsContent() throws IOException {
        try (FileHandle h = fs.open(dir.resolve("a"), true)) {
            h.write(bytes("abc"), 0);
        }
        try (FileHandle h = fs.open(dir.resolve("a"), true)) {
            assertThat(read(h, 0, 3)).isEqualTo("abc");
        }
        try (FileHandle h = fs.open(dir.resolve("a"), false)) {
            assertThat(h.size()).isEqualTo(3);
        }
    }

    @Test
    void missingFilesAndDirectoriesAreReported() {
        assertThatThrownBy(() -> fs.open(dir.resolve("missing"), false))
                .isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> fs.openReadOnly(dir.resolve("missing")))
                .isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> fs.open(dir.resolve("no-dir").resolve("a"), true))
                .isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> fs.size(dir.resolve("missing")))
                .isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> fs.rename(dir.resolve("missing"), dir.resolve("b")))
                .isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> fs.syncDirectory(dir.resolve("no-dir")))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(fs.exists(dir.resolve("missing"))).isFalse();
    }

    @Test
    void readOnlyHandleRejectsChanges() throws IOException {
        try (FileHandle h = fs.open(dir.resolve("a"), true)) {
            h.write(bytes("abc"), 0);
        }
        try (FileHandle h = fs.openReadOnly(dir.resolve("a"))) {
            assertThatThrownBy(() -> h.write(bytes("x"), 0))
                    .isInstanceOf(NonWritableChannelException.class);
            assertThatThrownBy(() -> h.truncate(0))
                    .isInstanceOf(NonWritableChannelException.class);
            assertThat(read(h, 0, 3)).isEqualTo("abc");
        }
    }

    @Test
    void closedHandleRejectsUse() throws IOException {
        FileHandle h = fs.open(dir.resolve("a"), true);
        h.close();
        h.close();
        assertThatThrownBy(() -> h.write(bytes("x"), 0))
                .isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(() -> h.read(ByteBuffer.allocate(1), 0))
                .isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void listReturnsFilesDirectlyInsideSorted() throws IOException {
        for (String name : new String[] {"c", "a", "b"}) {
            fs.open(dir.resolve(name), true).close();
        }
        fs.createDirectories(dir.resolve("sub"));
        fs.open(dir.resolve("sub").resolve("inner"), true).close();
        assertThat(fs.list(dir))
                .containsExactly(dir.resolve("a"), dir.resolve("b"), dir.resolve("c"));
        assertThat(fs.list(dir.resolve("sub"))).containsExactly(dir.resolve("sub/inner"));
        assertThat(fs.list(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void renameMovesContentAndReplacesTarget() throws IOException {
        write(dir.resolve("a"), "new");
        write(dir.resolve("b"), "old content");
        fs.rename(dir.resolve("a"), dir.resolve("b"));
        assertThat(fs.exists(dir.resolve("a"))).isFalse();
        assertThat(readAll(dir.resolve("b"))).isEqualTo("new");
        fs.createDirectories(dir.resolve("sub"));
        fs.rename(dir.resolve("b"), dir.resolve("sub/c"));
        assertThat(readAll(dir.resolve("sub/c"))).isEqualTo("new");
        assertThat(fs.list(dir)).isEmpty();
    }

    @Test
    void openHandleFollowsTheFileThroughRenameAndDelete() throws IOException {
        try (FileHandle h = fs.open(dir.resolve("a"), true)) {
            h.write(bytes("abc"), 0);
            fs.rename(dir.resolve("a"), dir.resolve("b"));
            h.write(bytes("d"), 3);
            assertThat(readAll(dir.resolve("b"))).isEqualTo("abcd");
            fs.delete(dir.resolve("b"));
            assertThat(read(h, 0, 4)).isEqualTo("abcd");
        }
    }

    @Test
    void deleteRemovesFileAndIgnoresMissing() throws IOException {
        write(dir.resolve("a"), "x");
        assertThat(fs.exists(dir.resolve("a"))).isTrue();
        fs.delete(dir.resolve("a"));
        assertThat(fs.exists(dir.resolve("a"))).isFalse();
        fs.delete(dir.resolve("a"));
        assertThat(fs.list(dir)).isEmpty();
    }

    @Test
    void directoriesAreCreatedWithParentsOnce() throws IOException {
        Path deep = dir.resolve("x/y/z");
        fs.createDirectories(deep);
        fs.createDirectories(deep);
        assertThat(fs.exists(dir.resolve("x/y"))).isTrue();
        write(deep.resolve("f"), "1");
        fs.syncDirectory(deep);
        fs.syncDirectory(dir);
        assertThat(fs.list(dir)).isEmpty();
        assertThatThrownBy(() -> fs.createDirectories(deep.resolve("f")))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> fs.delete(deep)).isInstanceOf(DirectoryNotEmptyException.class);
        fs.delete(deep.resolve("f"));
        fs.delete(deep);
        assertThat(fs.exists(deep)).isFalse();
    }

    @Test
    void syncedWritesReadBack() throws IOException {
        try (FileHandle h = fs.open(dir.resolve("a"), true)) {
            h.write(bytes("abc"), 0);
            h.sync();
            h.truncate(1);
            h.sync();
        }
        fs.syncDirectory(dir);
        assertThat(readAll(dir.resolve("a"))).isEqualTo("a");
    }

    private void write(Path path, String content) throws IOException {
        try (FileHandle h = fs.open(path, true)) {
            h.write(bytes(content), 0);
        }
    }

    private String readAll(Path path) throws IOException {
        try (FileHandle h = fs.openReadOnly(path)) {
            return read(h, 0, (int) h.size());
        }
    }

    private static String read(FileHandle h, long position, int length) throws IOException {
        ByteBuffer dst = ByteBuffer.allocate(length);
        h.readFully(dst, position);
        return new String(dst.array(), UTF_8);
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(UTF_8));
    }
}
