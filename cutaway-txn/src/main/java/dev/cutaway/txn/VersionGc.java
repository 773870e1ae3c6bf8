package dev.cutaway.txn;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Garbage collection of versions no snapshot can read. The horizon is the oldest snapshot of
 * an active transaction (or the newest visible commit if none is active). For each user key,
 * walking its versions newest first, the first version at or below the horizon is the one every
 * present and future snapshot reads instead of anything older: every older version is removed,
 * and that version itself too if it is a tombstone (a reader finds "absent" either way).
 *
 * <p>Removal is an ordinary logged batch of deletes of exact version keys, so a crash in the
 * middle of a pass loses nothing: a replayed or lost delete of an unreadable version changes
 * no answer. Commits only add versions above the horizon, so a pass needs no lock against them.
 * One pass runs at a time; it works in chunks of at most {@value #CHUNK_DELETES_MAX} deletes.
 */
public final class VersionGc {
    static final int CHUNK_DELETES_MAX = 1024;

    /** Counters of garbage collection since the store opened. */
    public record Progress(long passes, long versionsScanned, long versionsRemoved,
            long keysScanned, Timestamp lastHorizon, long lastPassMillis, String lastError) {}

    private final TxnStore store;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicReference<Progress> progress = new AtomicReference<>(
            new Progress(0, 0, 0, 0, Timestamp.ZERO, 0, null));

    VersionGc(TxnStore store) {
        this.store = store;
    }

    Progress progress() {
        return progress.get();
    }

    /** Versions committed when the last background pass started (it saw everything before). */
    private long committedAtLastPass = -1;
    private Timestamp horizonAtLastPass;

    /**
     * Background entry point: skips the pass when nothing was committed and no snapshot was
     * released since the last one (no new garbage can exist); failures are recorded in the
     * counters, never thrown away.
     */
    void runQuietly() {
        try {
            long committed = store.versionsCommitted();
            Timestamp horizon = store.oldestActiveSnapshot();
            if (committed == committedAtLastPass && horizon.equals(horizonAtLastPass)) {
                return;   // no new versions, no snapshot released: nothing new to collect
            }
            committedAtLastPass = committed;
            horizonAtLastPass = horizon;
            runPass();
        } catch (IOException | RuntimeException e) {
            Progress p = progress.get();
            progress.set(new Progress(p.passes(), p.versionsScanned(), p.versionsRemoved(),
                    p.keysScanned(), p.lastHorizon(), p.lastPassMillis(), e.toString()));
        }
    }

    /** One full pass over the store. @return the counters after it */
    Progress runPass() throws IOException {
        running.lock();
        try {
            long started = System.nanoTime();
            Timestamp horizon = store.oldestActiveSnapshot();
            long[] counts = new long[3];   // versions scanned, removed, keys scanned
            for (int space : store.node().spaces().keySet()) {
                byte[] from = TxnStore.VERSIONS_LOW;
                while (from != null) {
                    from = collectChunk(space, from, horizon, counts);
                }
            }
            Progress p = progress.get();
            Progress next = new Progress(p.passes() + 1, p.versionsScanned() + counts[0],
                    p.versionsRemoved() + counts[1], p.keysScanned() + counts[2], horizon,
                    (System.nanoTime() - started) / 1_000_000, null);
            progress.set(next);
            return next;
        } finally {
            running.unlock();
        }
    }

    /**
     * Collects from {@code from} until about {@value #CHUNK_DELETES_MAX} deletes are queued,
     * ending on a user-key boundary. @return where the next chunk starts, or null at the end
     */
    private byte[] collectChunk(int space, byte[] from, Timestamp horizon, long[] counts)
            throws IOException {
        WriteBatch deletes = new WriteBatch();
        byte[] resume = null;
        try (KvCursor c = store.node().engine(space).cursor(from, TxnStore.VERSIONS_HIGH,
                true)) {
            byte[] group = null;
            boolean baseSeen = false;
            while (c.next()) {
                byte[] vk = c.key();
                counts[0]++;
                if (group == null || !VersionKeys.sameUserKey(group, vk)) {
                    if (deletes.size() >= CHUNK_DELETES_MAX) {
                        resume = vk;   // start of the next user key
                        break;
                    }
                    group = vk;
                    baseSeen = false;
                    counts[2]++;
                }
                if (baseSeen) {
                    deletes.delete(space, vk);
                } else if (!VersionKeys.timestampOf(vk).isAfter(horizon)) {
                    baseSeen = true;
                    if (VersionValues.isTombstone(c.value())) {
                        deletes.delete(space, vk);
                    }
                }
            }
        }
        if (!deletes.isEmpty()) {
            counts[1] += deletes.size();
            store.node().write(deletes);
        }
        return resume;
    }

}
