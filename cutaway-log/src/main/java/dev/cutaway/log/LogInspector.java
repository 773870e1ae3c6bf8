package dev.cutaway.log;

import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileSystem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a log directory as text, record by record, like PostgreSQL's pg_waldump: the tool
 * behind {@code ./cutaway inspect log DIR}. Read-only: unlike {@link WriteAheadLog#open} it
 * truncates nothing; it reports a torn tail or a foreign file and goes on.
 *
 * <p>Output, one line per item:
 * <pre>
 * segment 00000000000000000001.wal first_lsn=1 size_bytes=94
 *   lsn=1 offset=20 bytes=45 type=batch mutations=2
 *     put space=0 key="k1" value="v1"
 *     delete space=0 key=0x00ff
 *   lsn=2 offset=65 bytes=29 type=checkpoint space=3 checkpoint_lsn=1
 *   end offset=94 clean
 * summary segments=1 records_shown=2 last_lsn=2 problems=0
 * </pre>
 * Where records are followed by preallocated space (an open log, or one that crashed), the end
 * line says so instead of "clean": {@code end offset=94 preallocated_bytes=16777122} for zeros
 * never written, {@code end offset=94 stale_bytes=N} when the next bytes are an intact record
 * of the file's earlier life as another segment (recycling). A spare file prints as
 * {@code spare spare.wal size_bytes=N preallocated for the next segment}.
 * Anything else after the records is a problem (a torn tail, or damage).
 * Keys and values print as "text" when they are printable ASCII, else as 0x-hex; both are cut
 * after {@link #SHOWN_BYTES_MAX} bytes.
 */
public final class LogInspector {
    static final int SHOWN_BYTES_MAX = 48;

    private LogInspector() {}

    /** Prints every record with {@code lsn >= fromLsn} in {@code dir}'s segments. */
    public static void dump(FileSystem fs, Path dir, long fromLsn, PrintWriter out)
            throws IOException {
        List<Path> files = new ArrayList<>(fs.list(dir));
        boolean spare = files.removeIf(SpareSegment::isSpare);
        int segments = 0;
        long shown = 0;
        long lastLsn = 0;
        int problems = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            long firstLsn = SegmentFile.firstLsnFromName(file);
            if (firstLsn < 0) {
                out.println("file " + file.getFileName() + " problem=\"not a segment name\"");
                problems++;
                continue;
            }
            long nextFirstLsn = i + 1 < files.size()
                    ? SegmentFile.firstLsnFromName(files.get(i + 1)) : -1;
            if (nextFirstLsn > 0 && nextFirstLsn <= fromLsn) {
                continue;
            }
            segments++;
            SegmentFile segment = new SegmentFile(firstLsn, file);
            try (FileHandle handle = fs.openReadOnly(file)) {
                out.println("segment " + file.getFileName() + " first_lsn=" + firstLsn
                        + " size_bytes=" + handle.size());
                String problem = segment.checkHeader(handle);
                if (problem != null) {
                    out.println("  bad_header problem=\"" + problem + "\"");
                    problems++;
                    continue;
                }
                SegmentScanner scanner = new SegmentScanner(handle, handle.size(), firstLsn);
                for (LogRecord r = scanner.next(); r != null; r = scanner.next()) {
                    lastLsn = r.lsn();
                    if (r.lsn() >= fromLsn) {
                        printRecord(out, r, scanner);
                        shown++;
                    }
                }
                problems += printEnd(out, scanner, i == files.size() - 1) ? 0 : 1;
            }
        }
        if (spare) {
            Path file = SpareSegment.path(dir);
            out.println("spare " + file.getFileName() + " size_bytes=" + fs.size(file)
                    + " preallocated for the next segment");
        }
        out.println("summary segments=" + segments + " records_shown=" + shown + " last_lsn="
                + lastLsn + " problems=" + problems);
        out.flush();
    }

    /**
     * Prints where the records end and what follows; false if that is a problem. Only the last
     * segment may have preallocated or stale bytes: a sealed one is trimmed to its records.
     */
    private static boolean printEnd(PrintWriter out, SegmentScanner scanner, boolean last) {
        String end = "  end offset=" + scanner.offset();
        long restBytes = scanner.fileSizeBytes() - scanner.offset();
        if (scanner.stopReason() == null) {
            out.println(end + " clean");
        } else if (last && scanner.stoppedAtZeroTail()) {
            out.println(end + " preallocated_bytes=" + restBytes);
        } else if (last && scanner.stoppedAtStaleRecord()) {
            out.println(end + " stale_bytes=" + restBytes + " (" + scanner.stopReason()
                    + ": a record of the file's earlier use)");
        } else {
            out.println(end + " stopped_at_lsn=" + scanner.expectedLsn() + " problem=\""
                    + scanner.stopReason() + "\"");
            return false;
        }
        return true;
    }

    private static void printRecord(PrintWriter out, LogRecord record, SegmentScanner scanner) {
        long offset = scanner.lastRecordOffset();
        long bytes = scanner.offset() - offset;
        String head = "  lsn=" + record.lsn() + " offset=" + offset + " bytes=" + bytes;
        switch (record) {
            case LogRecord.Batch b -> printMutations(out, head + " type=batch", b.batch());
            case LogRecord.Part p -> printMutations(out, head + " type=part", p.batch());
            case LogRecord.PartsCommit c -> printMutations(out, head
                    + " type=parts_commit first_part_lsn=" + c.firstPartLsn(), c.batch());
            case LogRecord.Checkpoint c -> out.println(head + " type=checkpoint space="
                    + c.space() + " checkpoint_lsn=" + c.checkpointLsn());
        }
    }

    private static void printMutations(PrintWriter out, String head, WriteBatch batch) {
        out.println(head + " mutations=" + batch.size());
        for (WriteBatch.Mutation m : batch.mutations()) {
            out.println(m.isDelete()
                    ? "    delete space=" + m.space() + " key=" + show(m.key())
                    : "    put space=" + m.space() + " key=" + show(m.key())
                            + " value=" + show(m.value()));
        }
    }

    /** "text" for printable ASCII, else 0x-hex; at most {@link #SHOWN_BYTES_MAX} bytes. */
    static String show(byte[] bytes) {
        int shown = Math.min(bytes.length, SHOWN_BYTES_MAX);
        boolean printable = true;
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xff;
            printable &= b >= 0x20 && b < 0x7f && b != '"' && b != '\\';
        }
        StringBuilder text = new StringBuilder(printable ? "\"" : "0x");
        for (int i = 0; i < shown; i++) {
            if (printable) {
                text.append((char) bytes[i]);
            } else {
                text.append(Character.forDigit((bytes[i] >> 4) & 0xf, 16))
                        .append(Character.forDigit(bytes[i] & 0xf, 16));
            }
        }
        if (printable) {
            text.append('"');
        }
        if (shown < bytes.length) {
            text.append("...(").append(bytes.length).append(" bytes)");
        }
        return text.toString();
    }
}
