package dev.cutaway.kv.lsm;

/**
 * A registered read point of an {@link LsmEngine}: while it is open, flushes and compactions
 * keep the newest version of every key as of {@link #lsn()}, so
 * {@link LsmEngine#get(byte[], LsmSnapshot)} and
 * {@link LsmEngine#cursor(byte[], byte[], boolean, LsmSnapshot)} read the engine exactly as it
 * was after that batch. Close it promptly: an open snapshot keeps old versions alive
 * (space amplification). Closing twice is harmless.
 */
public final class LsmSnapshot implements AutoCloseable {
    private final LsmEngine engine;
    private final long lsn;
    final long seq;
    private boolean closed;

    LsmSnapshot(LsmEngine engine, long lsn) {
        this.engine = engine;
        this.lsn = lsn;
        this.seq = Sequences.lastOf(lsn);
        synchronized (this) {
            // Pairs with isClosed(), which every read at this snapshot calls: a reader on
            // another thread then sees every write up to lsn (the memtable's key filter relies
            // on it, Memtable invariant 4).
            closed = false;
        }
    }

    /** The LSN of the last batch this snapshot sees. */
    public long lsn() {
        return lsn;
    }

    LsmEngine engine() {
        return engine;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        engine.releaseSnapshot(this);
    }

    @Override
    public String toString() {
        return "LsmSnapshot[lsn " + lsn + (closed ? ", closed]" : "]");
    }
}
