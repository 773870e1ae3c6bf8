package dev.cutaway.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.io.FileLockedException;
import dev.cutaway.io.RealFileSystem;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory has one owner at a time; a second open fails at once and harms nothing. */
class NodeLockTest {

    @Test
    void secondOpenOfADataDirectoryIsRefused(@TempDir Path dir) throws IOException {
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        try (Node node = Node.open(new RealFileSystem(), dir, NodeOptions.defaults())) {
            node.write(new WriteBatch().put(key, key));
            assertThatThrownBy(() -> Node.open(new RealFileSystem(), dir, NodeOptions.defaults()))
                    .isInstanceOf(FileLockedException.class)
                    .hasMessageContaining("in use by another process");
            assertThat(node.get(key)).isEqualTo(key);   // the refused open changed nothing
        }
        try (Node again = Node.open(new RealFileSystem(), dir, NodeOptions.defaults())) {
            assertThat(again.get(key)).isEqualTo(key);
        }
    }
}
