package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.io.CorruptionException;
import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.io.FileHandle;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {
    private static final Path DIR = Path.of("/m");

    private static VersionEdit edit(long checkpointLsn, long number) {
        SstMeta meta = new SstMeta(number, 100, new byte[] {1}, new byte[] {2}, 5, 9, 3, 0);
        return new VersionEdit(number + 1, checkpointLsn, List.of(),
                List.of(new VersionEdit.Added(1, meta)));
    }

    @Test
    void editsRoundTrip() throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem(1);
        fs.createDirectories(DIR);
        try (Manifest m = Manifest.create(fs, DIR, 3, edit(10, 4))) {
            m.append(new VersionEdit(-1, 20, List.of(new VersionEdit.Removed(1, 4)), List.of()));
        }
        Manifest.Recovered r = Manifest.read(fs, DIR);
        assertThat(r.path()).isEqualTo(DIR.resolve("MANIFEST-000003"));
        assertThat(r.edits()).hasSize(2);
        assertThat(r.edits().get(0).checkpointLsn()).isEqualTo(10);
        assertThat(r.edits().get(0).added().getFirst().meta().largestKey()).containsExactly(2);
        assertThat(r.edits().get(1).removed()).containsExactly(new VersionEdit.Removed(1, 4));
        assertThat(r.droppedBytes()).isZero();
    }

    @Test
    void aTornTailStopsAtTheLastGoodEdit() throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem(2);
        fs.createDirectories(DIR);
        long goodSize;
        try (Manifest m = Manifest.create(fs, DIR, 3, edit(10, 4))) {
            m.append(edit(11, 5));
            goodSize = m.sizeBytes();
            m.append(edit(12, 6));
        }
        Path file = DIR.resolve("MANIFEST-000003");
        try (FileHandle h = fs.open(file, false)) {
            h.truncate(fs.size(file) - 3);
        }
        Manifest.Recovered r = Manifest.read(fs, DIR);
        assertThat(r.edits()).hasSize(2);
        assertThat(r.goodBytes()).isEqualTo(goodSize);
        assertThat(r.droppedBytes()).isPositive();
        fs.flipBits(file, goodSize - 2, 1);
        assertThat(Manifest.read(fs, DIR).edits()).hasSize(1);
    }

    @Test
    void currentNamingAMissingManifestIsCorruption() throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem(3);
        fs.createDirectories(DIR);
        Manifest.create(fs, DIR, 3, edit(10, 4)).close();
        fs.delete(DIR.resolve("MANIFEST-000003"));
        assertThatThrownBy(() -> Manifest.read(fs, DIR))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("CURRENT names missing");
    }

    @Test
    void aFullManifestRollsOverToANewOneAtomically() throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem(4);
        Path dir = Path.of("/db/lsm");
        fs.createDirectories(dir);
        LsmModel m = new LsmModel(100);
        java.util.SplittableRandom random = new java.util.SplittableRandom(4);
        try (LsmEngine engine = LsmModel.open(fs, dir, LsmOptions.tiny())) {
            engine.versions().manifestRollBytes = 2000;
            for (int i = 0; i < 600; i++) {
                m.apply(engine, m.randomBatch(random));
            }
            engine.checkpoint();
            assertThat(engine.versions().manifestNumber()).isGreaterThan(1);
            assertThat(fs.list(dir)).filteredOn(p -> p.getFileName().toString()
                    .startsWith("MANIFEST-")).hasSize(1);
            engine.checkInvariants();
        }
        try (LsmEngine engine = LsmModel.open(fs, dir, LsmOptions.tiny())) {
            m.assertMatches(engine, m.model, "after the roll and a reopen");
        }
    }
}
