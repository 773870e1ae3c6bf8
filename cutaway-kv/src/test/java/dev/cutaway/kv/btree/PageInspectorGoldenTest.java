package dev.cutaway.kv.btree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The inspector's output for a small, deterministic tree, compared with
 * {@code testdata/btree/inspect-pages.txt}. After an intended change, regenerate it with
 * {@code -Dcutaway.rewrite=true} and review the diff.
 */
class PageInspectorGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/testdata/btree/"
            + "inspect-pages.txt");

    @Test
    void inspectOutputMatchesTheGoldenFile() throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(1);
        fs.createDirectories(Path.of("/db"));
        Path file = Path.of("/db/btree.db");
        try (BTreeEngine e = BTreeEngine.open(fs, file, BTreeOptions.defaults())) {
            long lsn = 0;
            for (int i = 0; i < 600; i++) {
                byte[] key = String.format("key%04d", i).getBytes(StandardCharsets.US_ASCII);
                e.apply(new WriteBatch().put(key, new byte[100]), ++lsn);
            }
            e.apply(new WriteBatch().put("big".getBytes(StandardCharsets.US_ASCII),
                    new byte[20_000]), ++lsn);
            e.checkpoint();
            for (int i = 0; i < 600; i += 3) {
                byte[] key = String.format("key%04d", i).getBytes(StandardCharsets.US_ASCII);
                e.apply(new WriteBatch().delete(key), ++lsn);
            }
            e.checkpoint();
        }
        StringWriter out = new StringWriter();
        PageInspector.dump(fs, file, new PrintWriter(out));
        String actual = out.toString();
        if (Boolean.getBoolean("cutaway.rewrite")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(GOLDEN));
    }
}
