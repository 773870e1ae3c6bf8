package dev.cutaway.sql.exec;

import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileSystem;
import dev.cutaway.sql.SqlException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The temporary files of one statement: operators that outgrow the row budget write runs of
 * rows here ({@link Writer}), read them back ({@link #read}) and delete them when consumed;
 * {@link #close()} deletes whatever is left, and the statement runner calls it when the
 * statement ends — normally, by error or by cancellation. Files go through the
 * {@link FileSystem} abstraction into the database's temp directory ({@link SpillArea}).
 *
 * <p>File layout: a sequence of {@link SpillCodec} records, nothing else — no header, no
 * checksum: a spill file is written and read by the same statement of the same process, and
 * is never synced (a crash deletes it at the next open). Names are
 * {@code <statement prefix><number>.run}, unique per database open.
 *
 * <p>Counters: {@link #filesWritten()} and {@link #bytesWritten()} grow monotonically over
 * the statement (EXPLAIN ANALYZE shows them). Not thread-safe: one statement runs on one thread.
 */
public final class Spill implements AutoCloseable {
    /** SQLSTATE io_error: a temporary file could not be written or read. */
    static final String IO_ERROR = "58030";
    static final int BUFFER_BYTES = 64 << 10;

    private final FileSystem fs;
    private final Path dir;
    /** The statement's number in its {@link SpillArea}; names start {@code s<number>-}. */
    private final long statement;
    private final Set<Path> live = new LinkedHashSet<>();
    /** Handles not yet closed (writers not finished, readers not at their end). */
    private final Set<FileHandle> open = new LinkedHashSet<>();
    private long nextFile;
    private long filesWritten;
    private long bytesWritten;

    private final SpillArea area;
    private boolean closed;

    Spill(FileSystem fs, Path dir, long statement, SpillArea area) {
        this.area = area;
        this.fs = fs;
        this.dir = dir;
        this.statement = statement;
    }

    /** A finished run file: its rows can be read any number of times until deleted. */
    public record Run(Path path, long rows, long bytes) {}

    public long filesWritten() {
        return filesWritten;
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    /** Files of this statement that still exist. */
    public int liveFiles() {
        return live.size();
    }

    /** Starts a new run file. */
    public Writer writer() {
        // the name is built here, not per statement: most statements never spill
        Path path = dir.resolve("s" + statement + "-" + (nextFile++) + ".run");
        try {
            FileHandle h = fs.open(path, true);
            live.add(path);
            open.add(h);
            filesWritten++;
            return new Writer(h);
        } catch (IOException e) {
            throw ioError("could not create temporary file " + path, e);
        }
    }

    /** Writes all of {@code rows} into one run. */
    public Run write(Iterable<Object[]> rows) {
        Writer w = writer();
        for (Object[] row : rows) {
            w.add(row);
        }
        return w.finish();
    }

    /** A cursor over the rows of {@code run}, in the order they were written. */
    public RowCursor read(Run run) {
        try {
            FileHandle h = fs.openReadOnly(run.path());
            open.add(h);
            return new Reader(h);
        } catch (IOException e) {
            throw ioError("could not open temporary file " + run.path(), e);
        }
    }

    /** Deletes a run that is no longer needed (idempotent). */
    public void delete(Run run) {
        if (live.remove(run.path())) {
            try {
                fs.delete(run.path());
            } catch (IOException e) {
                throw ioError("could not delete temporary file " + run.path(), e);
            }
        }
    }

    /**
     * Deletes every file of this statement that still exists. Never throws (it runs in the
     * statement's finally block and must not hide the statement's own error); a file it could
     * not delete is removed at the next open of the database.
     */
    @Override
    public void close() {
        if (!closed && area != null) {
            closed = true;
            area.account(filesWritten, bytesWritten);
        }
        for (FileHandle h : new ArrayList<>(open)) {
            try {
                h.close();
            } catch (IOException | RuntimeException e) {
                // closing only to release it; the file is deleted next
            }
        }
        open.clear();
        for (Path p : new ArrayList<>(live)) {
            try {
                fs.delete(p);
            } catch (IOException | RuntimeException e) {
                // left for SpillArea's cleanup at the next open
            }
        }
        live.clear();
    }

    static SqlException ioError(String message, IOException e) {
        return new SqlException(IO_ERROR, message + ": " + e.getMessage());
    }

    /** Appends rows to one run file through a buffer of {@link #BUFFER_BYTES}. */
    public final class Writer {
        private final FileHandle handle;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(BUFFER_BYTES);
        private long position;
        private long rows;

        private Writer(FileHandle handle) {
            this.handle = handle;
        }

        public void add(Object[] row) {
            SpillCodec.write(buffer, row);
            rows++;
            if (buffer.size() >= BUFFER_BYTES) {
                flush();
            }
        }

        public long rows() {
            return rows;
        }

        private void flush() {
            if (buffer.size() == 0) {
                return;
            }
            try {
                handle.write(ByteBuffer.wrap(buffer.toByteArray()), position);
            } catch (IOException e) {
                throw ioError("could not write temporary file " + handle.path(), e);
            }
            position += buffer.size();
            bytesWritten += buffer.size();
            buffer.reset();
        }

        /** Flushes and closes the file; the run can be read from now on. */
        public Run finish() {
            flush();
            closeHandle(handle);
            return new Run(handle.path(), rows, position);
        }
    }

    private void closeHandle(FileHandle h) {
        if (open.remove(h)) {
            try {
                h.close();
            } catch (IOException e) {
                throw ioError("could not close temporary file " + h.path(), e);
            }
        }
    }

    /** Reads records back through a buffer; closes the file at the end or on close. */
    private final class Reader implements RowCursor {
        private final FileHandle handle;
        private ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).flip();
        private long position;
        private boolean closed;

        Reader(FileHandle handle) {
            this.handle = handle;
        }

        @Override
        public Object[] next() {
            if (closed) {
                return null;
            }
            if (!fill(4)) {
                boolean torn = buffer.hasRemaining();
                close();
                if (torn) {
                    throw new SqlException(IO_ERROR, "temporary file " + handle.path()
                            + " ends inside a record length");
                }
                return null;
            }
            int length = buffer.getInt();
            if (!fill(length)) {
                throw new SqlException(IO_ERROR, "temporary file " + handle.path()
                        + " ends inside a record");
            }
            ByteBuffer body = buffer.slice(buffer.position(), length);
            buffer.position(buffer.position() + length);
            return SpillCodec.read(body);
        }

        /** Makes {@code n} bytes available; false at a clean end of file. */
        private boolean fill(int n) {
            if (buffer.remaining() >= n) {
                return true;
            }
            if (n > buffer.capacity()) {
                buffer = ByteBuffer.allocate(Math.max(n, buffer.capacity() * 2)).put(buffer)
                        .flip();
            }
            buffer.compact();
            try {
                while (buffer.position() < n) {
                    int read = handle.read(buffer, position);
                    if (read <= 0) {
                        break;
                    }
                    position += read;
                }
            } catch (IOException e) {
                throw ioError("could not read temporary file " + handle.path(), e);
            }
            buffer.flip();
            return buffer.remaining() >= n;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                closeHandle(handle);
            }
        }
    }

    /** Rows of {@code cursor}, all of them, as a list (for tests and small runs). */
    static List<Object[]> drain(RowCursor cursor) {
        List<Object[]> rows = new ArrayList<>();
        try (cursor) {
            for (Object[] row = cursor.next(); row != null; row = cursor.next()) {
                rows.add(row);
            }
        }
        return rows;
    }
}
