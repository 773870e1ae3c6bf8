package dev.cutaway.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.RealFileSystem;
import dev.cutaway.sql.types.Bytea;
import dev.cutaway.sql.types.Interval;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spill records: every SQL value class round-trips exactly, through bytes and real files. */
class SpillCodecTest {

    static Object[] everyType() {
        return new Object[] {null, (short) -7, Integer.MIN_VALUE, Long.MAX_VALUE, -0.0f,
                Float.NaN, Double.NEGATIVE_INFINITY, 1.0 / 3, true, false,
                LocalDate.of(-4712, 1, 1), LocalDate.of(294276, 12, 31),
                LocalTime.of(23, 59, 59, 999_999_000), LocalDateTime.of(1999, 12, 31, 23, 59,
                        59, 123_456_000), Instant.parse("2262-04-11T23:47:16.854775Z"),
                new Interval(-14, 3, -86_400_000_000L), new BigDecimal("-12345.67800"),
                new BigDecimal(BigInteger.TEN.pow(120), -3), "", "héllo ☃ 𝄞",
                "broken \uD800 surrogate", Bytea.of(new byte[] {0, -1, 127}), null};
    }

    @Test
    void everyValueRoundTripsThroughBytes() {
        Object[] row = everyType();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SpillCodec.write(out, row);
        SpillCodec.write(out, new Object[0]);
        ByteBuffer in = ByteBuffer.wrap(out.toByteArray());
        int length = in.getInt();
        Object[] back = SpillCodec.read(in.slice(in.position(), length));
        assertThat(back).containsExactly(row);
        in.position(in.position() + length);
        assertThat(SpillCodec.read(in.slice(in.position() + 4, in.getInt()))).isEmpty();
    }

    @Test
    void runsOnRealFilesReadBackAndAreDeleted(@TempDir Path dir) throws Exception {
        SpillArea area = SpillArea.open(new RealFileSystem(), dir);
        long seed = Long.getLong("cutaway.seed", 11);
        System.out.println("SpillCodecTest seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            Object[] row = everyType();
            row[random.nextInt(row.length)] = "x".repeat(random.nextInt(300));
            rows.add(row);
        }
        try (Spill spill = area.statement()) {
            Spill.Run run = spill.write(rows);
            assertThat(run.rows()).isEqualTo(rows.size());
            assertThat(spill.bytesWritten()).isEqualTo(run.bytes()).isGreaterThan(64 << 10);
            for (int pass = 0; pass < 2; pass++) {
                List<Object[]> back = Spill.drain(spill.read(run));
                assertThat(back).hasSize(rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    assertThat(back.get(i)).containsExactly(rows.get(i));
                }
            }
            RowCursor unfinished = spill.read(run);
            unfinished.next();
            spill.writer().add(new Object[] {1});
            assertThat(area.files()).hasSize(2);
        }
        assertThat(area.files()).isEmpty();
        assertThat(area.filesWritten()).isEqualTo(2);
    }
}
