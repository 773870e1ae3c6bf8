package dev.cutaway.kv.btree;

import dev.cutaway.check.Invariants;
import dev.cutaway.io.CorruptionException;
import dev.cutaway.io.FileHandle;
import dev.cutaway.kv.buffer.PageStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The B+tree's page file: page {@code n} lives at byte offset {@code n * pageSize}. Every page
 * read is verified (checksum, page id, known type) and every page written is sealed first, so
 * what the writer checks, the reader checks again.
 *
 * <p>Invariants: (1) tree, overflow and free-list pages are never written to slots 0 and 1 (the
 * meta pages); (2) a page written carries its own id in its header; (3) shadow paging: a page
 * written through the buffer pool carries an LSN newer than the last durable checkpoint, so it
 * was changed in this epoch (fresh) and is not part of the checkpoint image, whose pages all
 * carry older LSNs.
 */
final class PageFile implements PageStore {
    private final FileHandle handle;
    private final int pageSizeBytes;
    /** LSN of the durable image; pages written must be newer (invariant 3). -1: no check. */
    private volatile long imageLsn = -1;

    PageFile(FileHandle handle, int pageSizeBytes) {
        this.handle = handle;
        this.pageSizeBytes = pageSizeBytes;
    }

    void imageLsn(long lsn) {
        imageLsn = lsn;
    }

    Path path() {
        return handle.path();
    }

    int pageSizeBytes() {
        return pageSizeBytes;
    }

    @Override
    public void read(long pageId, byte[] page) throws IOException {
        long offset = pageId * pageSizeBytes;
        try {
            handle.readFully(ByteBuffer.wrap(page, 0, pageSizeBytes), offset);
        } catch (CorruptionException e) {
            throw new CorruptionException(path(), offset,
                    "page " + pageId + " is past the end of the file (" + e.getMessage() + ")");
        }
        String problem = PageFormat.problem(page, pageId);
        if (problem != null) {
            throw new CorruptionException(path(), offset, problem);
        }
    }

    /**
     * Reads {@code count} consecutive pages from {@code firstPageId} with one read call into
     * {@code run} (at least count pages long), then copies each into {@code pagesOut[k]} and
     * verifies it as {@link #read} does.
     */
    void readRun(long firstPageId, int count, byte[] run, byte[][] pagesOut) throws IOException {
        long offset = firstPageId * pageSizeBytes;
        try {
            handle.readFully(ByteBuffer.wrap(run, 0, count * pageSizeBytes), offset);
        } catch (CorruptionException e) {
            throw new CorruptionException(path(), offset, "pages " + firstPageId + ".."
                    + (firstPageId + count - 1) + " run past the end of the file ("
                    + e.getMessage() + ")");
        }
        for (int k = 0; k < count; k++) {
            System.arraycopy(run, k * pageSizeBytes, pagesOut[k], 0, pageSizeBytes);
            String problem = PageFormat.problem(pagesOut[k], firstPageId + k);
            if (problem != null) {
                throw new CorruptionException(path(), offset + (long) k * pageSizeBytes, problem);
            }
        }
    }

    /** Reads a page without verifying it (for the inspector, which reports problems itself). */
    void readRaw(long pageId, byte[] page) throws IOException {
        handle.readFully(ByteBuffer.wrap(page, 0, pageSizeBytes), pageId * pageSizeBytes);
    }

    @Override
    public void write(long pageId, byte[] page) throws IOException {
        if (!(pageId >= 2)) {
            throw Invariants.violation("PageFile.1 no tree page in a meta slot", pageId);
        }
        if (!(PageFormat.pageId(page) == pageId)) {
            throw Invariants.violation("PageFile.2 page names itself", pageId,
                    PageFormat.pageId(page));
        }
        long lsn = PageFormat.lsn(page);
        if (lsn <= imageLsn) {
            throw Invariants.violation("PageFile.3 write-back never touches the checkpoint image",
                    pageId, lsn, imageLsn);
        }
        PageFormat.seal(page);
        handle.write(ByteBuffer.wrap(page, 0, pageSizeBytes), pageId * pageSizeBytes);
    }

    void writeMeta(MetaPage.Meta meta) throws IOException {
        byte[] p = MetaPage.encode(meta);
        handle.write(ByteBuffer.wrap(p), (meta.sequence() % 2) * pageSizeBytes);
    }

    void writeZeroPage(long pageId) throws IOException {
        handle.write(ByteBuffer.wrap(new byte[pageSizeBytes]), pageId * pageSizeBytes);
    }

    void sync() throws IOException {
        handle.sync();
    }
}
