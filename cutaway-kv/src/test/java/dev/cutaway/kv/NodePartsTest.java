package dev.cutaway.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.kv.NodeOptions.EngineKind;
import dev.cutaway.log.LogReader;
import dev.cutaway.log.LogRecord;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Parted writes ({@link Node#writePartsNoWait}, ADR 0029) at the node: parts and their commit
 * record are consecutive LSNs and are applied together; a run of parts that never got its
 * commit record (a part refused half-way, or a crash) is ignored by replay; a run whose commit
 * record is durable is replayed whole from the log.
 */
class NodePartsTest {
    private static final Path DIR = Path.of("/node");

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Parts of {@code per} puts each: part i holds keys "p{i}-{j}" = "v". */
    private static Node.Parts parts(int count, int per, int badPart) {
        return new Node.Parts() {
            @Override
            public int count() {
                return count;
            }

            @Override
            public WriteBatch part(int index) {
                WriteBatch batch = new WriteBatch();
                for (int j = 0; j < per; j++) {
                    batch.put(index == badPart ? 77 : 0, b("p" + index + "-" + j), b("v"));
                }
                return batch;
            }
        };
    }

    private static NodeOptions options(EngineKind engine) {
        return NodeOptions.defaults().withEngine(engine).withSynchronousCommit(false);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void partsAndTheirCommitAreConsecutiveAndAppliedTogether(EngineKind engine)
            throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(1);
        Node node = Node.open(fs, DIR, options(engine));
        node.write(new WriteBatch().put(b("before"), b("1")));
        long lsn = node.writePartsNoWait(parts(4, 10, -1),
                new WriteBatch().put(b("commit"), b("c")));
        node.awaitCommit(lsn);
        assertThat(node.log().durableLsn()).as("durable before applied").isEqualTo(lsn);
        assertThat(node.get(b("p3-9"))).isEqualTo(b("v"));
        assertThat(node.get(b("commit"))).isEqualTo(b("c"));
        assertThat(kinds(node)).containsExactly("Batch", "Part", "Part", "Part", "Part",
                "PartsCommit");
        // A crash (no shutdown checkpoint) keeping only what was synced: the parted write is
        // durable although synchronous commit is off, and is replayed from the log.
        FaultyFileSystem after = fs.crash(FaultyFileSystem.CrashMode.LOSE_UNSYNCED);
        try (Node reopened = Node.open(after, DIR, options(engine))) {
            assertThat(reopened.recovery().recordsReplayed()).as("before, 4 parts, commit")
                    .isEqualTo(6);
            assertThat(reopened.get(b("p0-0"))).isEqualTo(b("v"));
            assertThat(reopened.get(b("p3-9"))).isEqualTo(b("v"));
            assertThat(reopened.get(b("commit"))).isEqualTo(b("c"));
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aRunCutOffBeforeItsCommitIsIgnored(EngineKind engine) throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(2);
        try (Node node = Node.open(fs, DIR, options(engine).withCheckpointLogBytes(0))) {
            assertThatThrownBy(() -> node.writePartsNoWait(parts(3, 5, 2),
                    new WriteBatch().put(b("commit"), b("c"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown key space 77");
            assertThat(node.get(b("p0-0"))).as("nothing applied").isNull();
            node.write(new WriteBatch().put(b("after"), b("a")));   // the node still works
            node.flush();
            assertThat(kinds(node)).containsExactly("Part", "Part", "Batch");
        }
        FaultyFileSystem after = fs.crash(FaultyFileSystem.CrashMode.LOSE_UNSYNCED);
        try (Node node = Node.open(after, DIR, options(engine))) {
            assertThat(node.get(b("p0-0"))).as("orphan parts are not replayed").isNull();
            assertThat(node.get(b("p1-4"))).isNull();
            assertThat(node.get(b("after"))).isEqualTo(b("a"));
        }
    }

    /** The kinds of the log's records from its first LSN, in order (checkpoints left out). */
    private static List<String> kinds(Node node) throws IOException {
        List<String> kinds = new ArrayList<>();
        try (LogReader reader = node.log().read(node.log().firstLsn())) {
            for (LogRecord r = reader.next(); r != null; r = reader.next()) {
                if (!(r instanceof LogRecord.Checkpoint)) {
                    kinds.add(r.getClass().getSimpleName());
                }
            }
        }
        return kinds;
    }
}
