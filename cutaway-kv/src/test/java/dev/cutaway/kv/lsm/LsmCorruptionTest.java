package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.io.CorruptionException;
import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.io.FileHandle;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Bad data on disk is a CorruptionException naming the file and where, never a wrong answer. */
class LsmCorruptionTest {
    private static final Path DIR = Path.of("/db/lsm");

    private static FaultyFileSystem loaded(LsmModel m) throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem(21);
        fs.createDirectories(DIR);
        SplittableRandom random = new SplittableRandom(21);
        try (LsmEngine engine = LsmModel.open(fs, DIR, LsmOptions.tiny())) {
            for (int i = 0; i < 400; i++) {
                m.apply(engine, m.randomBatch(random));
            }
            engine.checkpoint();
        }
        return fs;
    }

    private static Path someTable(FaultyFileSystem fs) throws Exception {
        return fs.list(DIR).stream().filter(p -> p.toString().endsWith(".sst")).findFirst()
                .orElseThrow();
    }

    @Test
    void aBadDataBlockFailsReadsAndTheCheckWithFileAndOffset() throws Exception {
        LsmModel m = new LsmModel(200);
        FaultyFileSystem fs = loaded(m);
        Path table = someTable(fs);
        fs.flipBits(table, 3, 2);
        try (LsmEngine engine = LsmModel.open(fs, DIR, LsmOptions.tiny())) {
            assertThatThrownBy(engine::checkInvariants)
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(table + " at offset 0")
                    .hasMessageContaining("checksum mismatch");
            assertThatThrownBy(() -> m.assertMatches(engine, m.model, "corrupt"))
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(table.toString());
        }
    }

    @Test
    void aBadFooterFailsOpen() throws Exception {
        FaultyFileSystem fs = loaded(new LsmModel(200));
        Path table = someTable(fs);
        fs.flipBits(table, fs.size(table) - 20, 1);
        assertThatThrownBy(() -> LsmModel.open(fs, DIR, LsmOptions.tiny()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(table.toString());
    }

    @Test
    void aForeignFileInPlaceOfATableFailsOpen() throws Exception {
        FaultyFileSystem fs = loaded(new LsmModel(200));
        Path table = someTable(fs);
        try (FileHandle h = fs.open(table, false)) {
            h.truncate(0);
            h.write(ByteBuffer.wrap("#!/bin/sh\necho not a table\n".repeat(5).getBytes()), 0);
            h.sync();
        }
        assertThatThrownBy(() -> LsmModel.open(fs, DIR, LsmOptions.tiny()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("not an SSTable");
    }

    @Test
    void aMissingLiveTableFailsOpen() throws Exception {
        FaultyFileSystem fs = loaded(new LsmModel(200));
        Path table = someTable(fs);
        fs.delete(table);
        assertThatThrownBy(() -> LsmModel.open(fs, DIR, LsmOptions.tiny()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("listed in the manifest as live")
                .hasMessageContaining("missing");
    }

    @Test
    void orphanFilesOfACrashedFlushAreDeletedAtOpen() throws Exception {
        FaultyFileSystem fs = loaded(new LsmModel(200));
        Path orphan = DIR.resolve("999999.sst");
        try (FileHandle h = fs.open(orphan, true)) {
            h.write(ByteBuffer.wrap(new byte[100]), 0);
        }
        try (LsmEngine engine = LsmModel.open(fs, DIR, LsmOptions.tiny())) {
            assertThat(fs.exists(orphan)).isFalse();
            engine.checkInvariants();
        }
    }

    @Test
    void aTableSwappedForAnotherValidTableFailsOpen() throws Exception {
        FaultyFileSystem fs = loaded(new LsmModel(200));
        List<Path> tables = fs.list(DIR).stream().filter(p -> p.toString().endsWith(".sst"))
                .toList();
        byte[] other = new byte[(int) fs.size(tables.get(1))];
        try (FileHandle h = fs.openReadOnly(tables.get(1))) {
            h.readFully(ByteBuffer.wrap(other), 0);
        }
        try (FileHandle h = fs.open(tables.get(0), false)) {
            h.truncate(0);
            h.write(ByteBuffer.wrap(other), 0);
            h.sync();
        }
        assertThatThrownBy(() -> LsmModel.open(fs, DIR, LsmOptions.tiny()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(tables.get(0).toString())
                .hasMessageContaining("does not match the manifest's record");
    }
}
