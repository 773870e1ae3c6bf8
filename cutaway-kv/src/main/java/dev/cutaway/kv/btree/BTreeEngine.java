package dev.cutaway.kv.btree;

import dev.cutaway.check.Invariants;
import dev.cutaway.io.CorruptionException;
import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileSystem;
import dev.cutaway.kv.EngineStats;
import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.KvEngine;
import dev.cutaway.kv.buffer.BufferPool;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The B+tree storage engine: one page file, a buffer pool, and copy-on-write shadow paging per
 * checkpoint epoch (docs/adr/0003-btree-shadow-paging.md).
 *
 * <p>Durability without undo: pages reachable from the newest durable meta page are never
 * overwritten until a newer meta is durable. A checkpoint writes the free list into fresh pages,
 * writes every dirty (fresh) page, syncs, writes the meta into slot {@code sequence % 2}, and
 * syncs again. After a crash the engine opens at its last checkpoint; the node replays the log
 * from {@link #checkpointLsn()} + 1.
 *
 * <p>Invariants: (1) applies are serialised by the writer lock, in increasing LSN order;
 * (2) checkpoints hold the writer lock, so the image they write is the state at
 * {@link #appliedLsn()}; (3) after any failure during an apply or a checkpoint the engine
 * refuses further changes (its in-memory state may be half-changed; reopen to recover).
 *
 * <p>Concurrency: one writer, any number of readers, no lock on the read path beyond per-page
 * latches (see {@link TreeReader}, {@link TreeWriter}).
 */
public final class BTreeEngine implements KvEngine {
    private final FileSystem fs;
    private final Path file;
    private final FileHandle handle;
    private final PageFile pageFile;
    private final BufferPool pool;
    private final PageAllocator allocator;
    private final Tree tree;
    private final TreeWriter writer;
    private final ReentrantLock writerLock = new ReentrantLock();

    private volatile long appliedLsn;
    private volatile long checkpointLsn;
    private long metaSequence;
    private boolean changedSinceCheckpoint;
    private long checkpoints;
    private long checkpointPagesWritten;
    private volatile Throwable failure;
    private volatile boolean closed;

    private BTreeEngine(FileSystem fs, Path file, FileHandle handle, MetaPage.Meta meta,
            BTreeOptions options) throws IOException {
        this.fs = fs;
        this.file = file;
        this.handle = handle;
        int pageSize = meta.pageSizeBytes();
        this.pageFile = new PageFile(handle, pageSize);
        this.pool = new BufferPool(pageFile, pageSize, options.bufferPoolFrames());
        this.allocator = new PageAllocator(meta.pageCount());
        this.tree = new Tree(pool, pageFile, file, pageSize);
        tree.rootPageId = meta.rootPageId();
        tree.height = meta.height();
        tree.entries = meta.entryCount();
        tree.overflowPages = meta.overflowPages();
        this.writer = new TreeWriter(tree, allocator);
        this.metaSequence = meta.sequence();
        this.appliedLsn = meta.checkpointLsn();
        this.checkpointLsn = meta.checkpointLsn();
        FreeListChain.load(pageFile, meta, allocator);
        pageFile.imageLsn(meta.checkpointLsn());
    }

    /**
     * Opens the B+tree in {@code file}, creating it if it does not exist or is empty. An existing
     * file keeps its page size. Throws {@link CorruptionException} for a file that is not a
     * Cutaway B+tree or whose meta pages are both corrupt.
     */
    public static BTreeEngine open(FileSystem fs, Path file, BTreeOptions options)
            throws IOException {
        if (!fs.exists(file) || fs.size(file) == 0) {
            create(fs, file, options.pageSizeBytes());
        }
        FileHandle handle = fs.open(file, false);
        try {
            MetaPage.Meta meta = MetaPage.newestOrThrow(MetaPage.read(handle), file);
            return new BTreeEngine(fs, file, handle, meta, options);
        } catch (IOException | RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    /** Writes an empty tree (root leaf at page 2, meta 1 in slot 1) and renames it in place. */
    private static void create(FileSystem fs, Path file, int pageSize) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".creating");
        fs.delete(temp);
        try (FileHandle h = fs.open(temp, true)) {
            PageFile pf = new PageFile(h, pageSize);
            pf.writeZeroPage(0);
            byte[] root = new byte[pageSize];
            PageFormat.format(root, 2, PageFormat.TYPE_LEAF, 0);
            pf.write(2, root);
            pf.writeMeta(new MetaPage.Meta(1, 0, 2, 1, 3, 0, 0, 0, 0, pageSize));
            pf.sync();
        }
        fs.rename(temp, file);
        if (file.getParent() != null) {
            fs.syncDirectory(file.getParent());
        }
    }

    @Override
    public byte[] get(byte[] key) throws IOException {
        ensureOpen();
        return TreeReader.get(tree, key);
    }

    @Override
    public Entry ceiling(byte[] lowInclusive, byte[] highExclusive) throws IOException {
        ensureOpen();
        byte[] low = lowInclusive == null ? new byte[0] : lowInclusive;
        Entry inLeaf = TreeReader.ceilingInLeaf(tree, low, highExclusive);
        if (inLeaf != TreeReader.NEXT_LEAF) {
            return inLeaf;
        }
        return KvEngine.super.ceiling(lowInclusive, highExclusive);   // past the leaf's end
    }

    @Override
    public KvCursor cursor(byte[] lowInclusive, byte[] highExclusive, boolean ascending)
            throws IOException {
        ensureOpen();
        return new BTreeCursor(tree, lowInclusive, highExclusive, ascending, () -> { });
    }

    @Override
    public void apply(WriteBatch batch, long lsn) throws IOException {
        writerLock.lock();
        try {
            ensureWritable();
            if (lsn <= appliedLsn) {
                throw new IllegalArgumentException("LSN " + lsn
                        + " is not after the last applied LSN " + appliedLsn);
            }
            tree.version = tree.version + 1; // odd: changing (Tree invariant 3)
            try {
                for (WriteBatch.Mutation m : batch.mutations()) {
                    if (m.isDelete()) {
                        writer.delete(m.key(), lsn);
                    } else {
                        writer.put(m.key(), m.value(), lsn);
                    }
                }
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
                throw e;
            } finally {
                tree.version = tree.version + 1; // even: stable again
            }
            appliedLsn = lsn;
            changedSinceCheckpoint = true;
        } finally {
            writerLock.unlock();
        }
    }

    @Override
    public long appliedLsn() {
        return appliedLsn;
    }

    @Override
    public long checkpoint() throws IOException {
        writerLock.lock();
        try {
            ensureWritable();
            if (!changedSinceCheckpoint) {
                return checkpointLsn;
            }
            try {
                writeCheckpoint();
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
                throw e;
            }
            return checkpointLsn;
        } finally {
            writerLock.unlock();
        }
    }

    private void writeCheckpoint() throws IOException {
        if (Invariants.EXPENSIVE) { // -Dcutaway.invariants=true: never write a broken image
            allocator.checkInvariants();
            TreeCheck.checkLive(tree, allocator);
        }
        long[] chain = allocator.allocateChain(
                PageFormat.freeListEntriesMax(tree.pageSizeBytes));
        long[] freeAfter = allocator.freeAfterCheckpoint();
        FreeListChain.write(pool, tree.pageSizeBytes, chain, freeAfter, appliedLsn);
        long written = pool.flushDirty();
        pageFile.sync();
        long sequence = metaSequence + 1;
        pageFile.writeMeta(new MetaPage.Meta(sequence, appliedLsn, tree.rootPageId, tree.height,
                allocator.pageCount(), chain.length == 0 ? 0 : chain[0], freeAfter.length,
                tree.entries, tree.overflowPages, tree.pageSizeBytes));
        pageFile.sync();
        allocator.checkpointDone(chain);
        pageFile.imageLsn(appliedLsn);
        metaSequence = sequence;
        checkpointLsn = appliedLsn;
        changedSinceCheckpoint = false;
        checkpoints++;
        checkpointPagesWritten += written + 1;
    }

    @Override
    public long checkpointLsn() {
        return checkpointLsn;
    }

    @Override
    public EngineStats stats() {
        Map<String, Long> c = new LinkedHashMap<>(pool.counters());
        writerLock.lock();
        try {
            c.put("scan_pages_read", tree.scanPagesRead.sum());
            c.put("optimistic_retries", tree.optimisticRetries.sum());
            c.put("tree_height", (long) tree.height);
            c.put("page_count", allocator.pageCount());
            c.put("free_pages", allocator.freeCount());
            c.put("pending_free_pages", allocator.pendingCount());
            c.put("entries", tree.entries);
            c.put("splits", tree.splits);
            c.put("in_place_changes", tree.inPlaceChanges);
            c.put("merges", tree.merges);
            c.put("checkpoints", checkpoints);
            c.put("checkpoint_pages_written", checkpointPagesWritten);
            c.put("overflow_pages", tree.overflowPages);
            c.put("applied_lsn", appliedLsn);
            c.put("checkpoint_lsn", checkpointLsn);
            c.put("page_size_bytes", (long) tree.pageSizeBytes);
        } finally {
            writerLock.unlock();
        }
        return new EngineStats("btree", c);
    }

    @Override
    public void checkInvariants() throws IOException {
        writerLock.lock();
        try {
            ensureOpen();
            allocator.checkInvariants();
            TreeCheck.checkLive(tree, allocator);
        } finally {
            writerLock.unlock();
        }
    }

    /** The current root page (for tests and inspect tools). */
    long rootPageId() {
        return tree.rootPageId;
    }

    /** The page file's path (for inspect tools and messages). */
    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        writerLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            Invariants.check(fs != null, "BTreeEngine open");
            handle.close();
        } finally {
            writerLock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("B+tree engine on " + file + " is closed");
        }
    }

    private void ensureWritable() {
        ensureOpen();
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("B+tree engine on " + file
                    + " failed earlier and must be reopened: " + f, f);
        }
    }
}
