package dev.cutaway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.Node;
import dev.cutaway.kv.NodeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: shell commands, inspect tools, and clear errors. */
class CliTest {

    record Run(int status, String out, String err) {}

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    static String shell(Node node, String... lines) throws IOException {
        StringWriter out = new StringWriter();
        try (PrintWriter w = new PrintWriter(out)) {
            for (String line : lines) {
                KvCommand.execute(node, line, w);
            }
        }
        return out.toString();
    }

    /** Synchronous commit off: thousands of puts without an fsync each; close still syncs. */
    static NodeOptions unsynced() {
        return NodeOptions.defaults().withSynchronousCommit(false);
    }

    @Test
    void shellWritesReadsScansAndSurvivesReopen(@TempDir Path dir) throws IOException {
        try (Node node = Node.open(new RealFileSystem(), dir, NodeOptions.defaults())) {
            String out = shell(node, "put b 2", "put a 1", "put 0x00ff x", "delete b",
                    "get a", "get b", "scan", "rscan", "bogus", "put onlykey");
            assertThat(out).contains("PUT (lsn 1)", "DELETE (lsn 4)", "(not found)")
                    .contains("0x00ff = x\na = 1\n(2 rows)", "a = 1\n0x00ff = x\n(2 rows)")
                    .contains("error: unknown command bogus", "error: usage: put KEY VALUE");
        }
        try (Node node = Node.open(new RealFileSystem(), dir, NodeOptions.defaults())) {
            assertThat(shell(node, "get a", "check", "stats"))
                    .startsWith("1\nok: every invariant holds\n")
                    .contains("log.fsyncs", "engine.tree_height");
        }
    }

    @Test
    void inspectLogListsRecordsWithKeys(@TempDir Path dir) throws IOException {
        try (Node node = Node.open(new RealFileSystem(), dir, NodeOptions.defaults())) {
            shell(node, "put apple red", "delete apple");
        }
        Run run = cli("inspect", "log", dir.toString());
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("lsn=1", "type=batch", "\"apple\"", "type=checkpoint");
    }

    @Test
    void inspectPagesAndCheckDescribeTheTree(@TempDir Path dir) throws IOException {
        try (Node node = Node.open(new RealFileSystem(), dir, unsynced())) {
            for (int i = 0; i < 2000; i++) {
                shell(node, "put key" + i + " value-" + i);
            }
        }
        Run pages = cli("inspect", "pages", dir.toString());
        assertThat(pages.status()).isZero();
        assertThat(pages.out()).contains("meta 0", "meta 1", "leaf", "level 0", "level 1");
        Run check = cli("inspect", "check", dir.resolve("space-0.btree").toString());
        assertThat(check.status()).isZero();
        assertThat(check.out()).contains("2000 entries", "ok: every invariant holds");
    }

    @Test
    void lsmShellAndInspectToolsShowLevelsAndTables(@TempDir Path dir) throws IOException {
        NodeOptions lsm = unsynced().withEngine(NodeOptions.EngineKind.LSM);
        try (Node node = Node.open(new RealFileSystem(), dir, lsm)) {
            for (int i = 0; i < 500; i++) {
                shell(node, "put key" + i + " value-" + i);
            }
            assertThat(shell(node, "checkpoint", "get key7", "stats"))
                    .contains("value-7", "engine.level0_files", "engine.bloom_checks");
        }
        Run levels = cli("inspect", "lsm", dir.toString());
        assertThat(levels.status()).isZero();
        assertThat(levels.out()).contains("L0: 1 files", "500 entries", "key0");
        Path table;
        try (var files = Files.list(dir.resolve("space-0.lsm"))) {
            table = files.filter(f -> f.toString().endsWith(".sst")).findFirst().orElseThrow();
        }
        Run sst = cli("inspect", "sstable", table.toString());
        assertThat(sst.status()).isZero();
        assertThat(sst.out()).contains("entries 500", "bloom filter", "data blocks");
        // The engine on disk wins over the option: reopening with the default (B+tree) works.
        try (Node node = Node.open(new RealFileSystem(), dir, unsynced())) {
            assertThat(shell(node, "get key499")).isEqualTo("value-499\n");
        }
    }

    @Test
    void corruptPageIsReportedByNameWithoutAStackTrace(@TempDir Path dir) throws IOException {
        try (Node node = Node.open(new RealFileSystem(), dir, unsynced())) {
            for (int i = 0; i < 2000; i++) {
                shell(node, "put key" + i + " value-" + i);
            }
        }
        Path file = dir.resolve("space-0.btree");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0x55, 0x55, 0x55, 0x55}), 3L * 8192 + 100);
        }
        Run check = cli("inspect", "check", file.toString());
        assertThat(check.status()).isNotZero();
        assertThat(check.out() + check.err()).contains("space-0.btree", "page 3")
                .doesNotContain("\tat dev.cutaway");
    }

    @Test
    void shellOnACorruptDirectoryGivesOneClearLine(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        try (Node node = Node.open(new RealFileSystem(), data, unsynced())) {
            shell(node, "put a 1");
        }
        try (FileChannel ch = FileChannel.open(data.resolve("space-0.btree"),
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), 8);
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), 8192 + 8);
        }
        Run run = cli("shell", "--dir", data.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("cutaway: ").contains("space-0.btree", "checksum")
                .doesNotContain("\tat ");
    }

    @Test
    void foreignAndMissingFilesGiveOneClearLine(@TempDir Path dir) throws IOException {
        Path foreign = dir.resolve("notes.txt");
        Files.writeString(foreign, "this is not a database\n".repeat(2000));
        Run pages = cli("inspect", "pages", foreign.toString());
        assertThat(pages.status()).isEqualTo(2);
        assertThat(pages.err()).startsWith("cutaway: ").contains("notes.txt")
                .contains("not a Cutaway B+tree").doesNotContain("\tat ");
        Run missing = cli("inspect", "log", dir.resolve("nope").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file or directory");
        Run wal = cli("inspect", "log", dir.toString());
        assertThat(wal.out() + wal.err()).contains("notes.txt");
    }
}
