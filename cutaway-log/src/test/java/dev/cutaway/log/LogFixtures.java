package dev.cutaway.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Small helpers shared by the log tests: batches from strings, records as comparable text. */
final class LogFixtures {
    private LogFixtures() {}

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A batch of one put of {@code key=value} in space 0. */
    static WriteBatch put(String key, String value) {
        return new WriteBatch().put(bytes(key), bytes(value));
    }

    /** A record rendered as text, so records compare with equals (byte arrays do not). */
    static String describe(LogRecord record) {
        return switch (record) {
            case LogRecord.Batch b -> b.lsn() + " batch " + describe(b.batch());
            case LogRecord.Part p -> p.lsn() + " part " + describe(p.batch());
            case LogRecord.PartsCommit c -> c.lsn() + " parts-commit from=" + c.firstPartLsn()
                    + " " + describe(c.batch());
            case LogRecord.Checkpoint c -> c.lsn() + " checkpoint space=" + c.space()
                    + " upTo=" + c.checkpointLsn();
        };
    }

    static String describe(WriteBatch batch) {
        StringBuilder text = new StringBuilder("[");
        HexFormat hex = HexFormat.of();
        for (WriteBatch.Mutation m : batch.mutations()) {
            text.append(m.space()).append(':').append(hex.formatHex(m.key()));
            text.append(m.isDelete() ? "=DEL" : "=" + hex.formatHex(m.value())).append(' ');
        }
        return text.append(']').toString();
    }

    /** Every record the reader yields, described. */
    static List<String> readAll(WriteAheadLog log, long fromLsn) throws IOException {
        List<String> records = new ArrayList<>();
        try (LogReader reader = log.read(fromLsn)) {
            for (LogRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(describe(r));
            }
        }
        return records;
    }

    /** The seed for a randomized test: {@code -Dcutaway.seed=N} replays one run. */
    static long seed(long fallback) {
        String fixed = System.getProperty("cutaway.seed");
        return fixed == null ? fallback : Long.parseLong(fixed);
    }
}
