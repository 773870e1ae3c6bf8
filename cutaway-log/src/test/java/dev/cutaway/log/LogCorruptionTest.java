package dev.cutaway.log;

import static dev.cutaway.log.LogFixtures.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.io.CorruptionException;
import dev.cutaway.io.FaultyFileSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Media corruption of synced data ({@link FaultyFileSystem#flipBits}) is never mistaken for a
 * torn tail when the log can prove the data was synced: a flipped bit anywhere in a segment
 * that has a successor makes {@code open} throw, and a reader over damaged durable records
 * throws too. Seeded; a failure names its seed ({@code -Dcutaway.seed=N} replays it).
 */
class LogCorruptionTest {
    private static final Path DIR = Path.of("/db/log");
    private static final LogOptions OPTIONS = LogOptions.defaults().withSegmentSizeBytes(600);

    private static FaultyFileSystem logWithSegments(long seed, int records) throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(seed);
        try (WriteAheadLog log = WriteAheadLog.open(fs, DIR, OPTIONS)) {
            for (int i = 1; i <= records; i++) {
                log.appendBatch(put("key" + i, "value" + i));
            }
        }
        return fs;
    }

    @Test
    void flippedBitsInAnOlderSegmentAreCorruptionNeverATornTail() throws IOException {
        long base = LogFixtures.seed(new SplittableRandom().nextLong());
        int runs = System.getProperty("cutaway.seed") != null ? 1 : 60;
        for (int run = 0; run < runs; run++) {
            long seed = base + run;
            SplittableRandom random = new SplittableRandom(seed);
            FaultyFileSystem fs = logWithSegments(seed, 80);
            List<Path> segments = fs.list(DIR);
            Path victim = segments.get(random.nextInt(segments.size() - 1));
            long offset = random.nextLong(fs.size(victim));
            fs.flipBits(victim, offset, 1 + random.nextInt(3));
            assertThatThrownBy(() -> WriteAheadLog.open(fs, DIR, OPTIONS))
                    .as("seed %d: flip at %s offset %d", seed, victim, offset)
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(victim.toString());
        }
    }

    @Test
    void readerOverDamagedDurableRecordsThrows() throws IOException {
        FaultyFileSystem fs = logWithSegments(11, 80);
        try (WriteAheadLog log = WriteAheadLog.open(fs, DIR, OPTIONS)) {
            Path first = fs.list(DIR).getFirst();
            fs.flipBits(first, SegmentFile.HEADER_BYTES + 30, 2);
            assertThatThrownBy(() -> LogFixtures.readAll(log, 1))
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(first.toString())
                    .hasMessageContaining("LSN 1");
            assertThat(LogFixtures.readAll(log, 40)).hasSize(41);
        }
    }
}
