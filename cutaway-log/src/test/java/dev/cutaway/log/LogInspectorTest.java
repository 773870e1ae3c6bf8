package dev.cutaway.log;

import static dev.cutaway.log.LogFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.FileSystem;
import dev.cutaway.io.RealFileSystem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inspector's output against a golden file,
 * {@code src/test/resources/testdata/log/inspect.txt}; run with {@code -Dcutaway.rewrite=true}
 * to regenerate it after an intended change, and review the diff.
 */
class LogInspectorTest {
    private static final Path GOLDEN = Path.of("src/test/resources/testdata/log/inspect.txt");
    private final FileSystem fs = new RealFileSystem();
    @TempDir
    Path dir;

    private void writeSampleLog() throws IOException {
        LogOptions options = LogOptions.defaults().withSegmentSizeBytes(256);
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir, options)) {
            log.appendBatch(new WriteBatch()
                    .put(bytes("apple"), bytes("red"))
                    .put(2, new byte[] {0, 1, (byte) 0xfe}, bytes("binary key"))
                    .delete(bytes("banana")));
            log.appendCheckpoint(2, 1);
            for (int i = 3; i <= 8; i++) {
                log.appendBatch(new WriteBatch().put(bytes("key" + i),
                        bytes("value " + "x".repeat(i * 8))));
            }
        }
        Files.write(fs.list(dir).getLast(), new byte[] {9, 0, 0, 0, 1, 2},
                StandardOpenOption.APPEND);
    }

    private String dump(long fromLsn) throws IOException {
        StringWriter text = new StringWriter();
        LogInspector.dump(fs, dir, fromLsn, new PrintWriter(text));
        return text.toString();
    }

    @Test
    void dumpShowsEveryRecordWithLsnTypeAndKeys() throws IOException {
        writeSampleLog();
        String output = dump(1);
        assertThat(output)
                .contains("lsn=1 offset=20")
                .contains("type=batch mutations=3")
                .contains("put space=0 key=\"apple\" value=\"red\"")
                .contains("put space=2 key=0x0001fe value=\"binary key\"")
                .contains("delete space=0 key=\"banana\"")
                .contains("type=checkpoint space=2 checkpoint_lsn=1")
                .contains("...(")
                .contains("problem=\"short read")
                .contains("summary segments=");
        if (Boolean.getBoolean("cutaway.rewrite")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, output, StandardCharsets.UTF_8);
        }
        assertThat(output).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void dumpFromLaterLsnSkipsEarlierRecordsAndSegments() throws IOException {
        writeSampleLog();
        String output = dump(7);
        assertThat(output).doesNotContain("  lsn=1 ").doesNotContain("  lsn=6 ")
                .contains("lsn=7 ").contains("lsn=8 ").contains("records_shown=2");
        assertThat(output).doesNotContain("00000000000000000001.wal");
    }

    @Test
    void dumpReportsForeignFilesAndGoesOn() throws IOException {
        writeSampleLog();
        Files.writeString(dir.resolve("zz-notes.txt"), "hello");
        assertThat(dump(1)).contains("file zz-notes.txt problem=\"not a segment name\"")
                .contains("lsn=8 ");
    }
}
