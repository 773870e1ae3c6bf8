package dev.cutaway.txn;

import dev.cutaway.kv.ReadEvidence;
import dev.cutaway.check.Invariants;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-memory row lock table: one entry per locked user key, with its holders and a FIFO
 * queue of waiters. Uncommitted writes live in their transaction's write set (ADR 0011), so
 * this table is how other writers see them: a writer takes {@link LockMode#EXCLUSIVE} on every
 * key it writes and keeps it until commit or rollback.
 *
 * <p>Waiting never spins: a waiter sleeps on its entry's monitor and is woken by the release
 * that grants it. A waiter that has waited {@code deadlockCheckNanos} (and every such interval
 * after) searches the wait-for graph from itself; if it finds a cycle and is the youngest
 * transaction on it, it gives up with 40P01. Only the youngest gives up, so one victim per
 * cycle, found within about one check interval.
 *
 * <p>Entries live in a hash map: taking and releasing a row lock is one hash lookup each. The
 * only range question, which serializable writers hold rows in [low, high) (SSI's predicate
 * reads, {@link #exclusiveHolders}), is answered from a second, sorted map that holds just the
 * entries a serializable transaction holds {@link LockMode#EXCLUSIVE}; SSI ignores other
 * writers, so the common writer (read committed, repeatable read) never pays for sorting.
 *
 * <p>Invariants (checked by {@link #checkInvariants()}):
 * <ol>
 *   <li>The holders of an entry are pairwise compatible.</li>
 *   <li>A queued (not granted) waiter is not grantable in FIFO order: either it conflicts with
 *       a holder or a waiter ahead of it is queued.</li>
 *   <li>A live entry in the map has a holder or a waiter; an empty entry is dead and removed.</li>
 *   <li>An entry is in the sorted map exactly while a serializable transaction holds it
 *       EXCLUSIVE (a waiter granted by another thread's release adds it when it wakes, before
 *       it returns from {@link #acquire}, so the invariant holds whenever no acquire is under
 *       way).</li>
 * </ol>
 *
 * <p>Monitors: at most one entry monitor is held at a time (the deadlock search takes them one
 * after another), so the lock table cannot deadlock the JVM.
 */
final class LockTable {
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    /** The entries a serializable transaction holds EXCLUSIVE, by key (invariant 4). */
    private final ConcurrentSkipListMap<byte[], Entry> serializableWrites =
            new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    private final long deadlockCheckNanos;
    final LongAdder acquired = new LongAdder();
    final LongAdder waits = new LongAdder();
    final LongAdder deadlocks = new LongAdder();
    final LongAdder timeouts = new LongAdder();

    /**
     * A user key as a hash map key: the bytes and their hash, computed once. The hash mixes
     * eight bytes at a time through multiplications (not {@code Arrays.hashCode}: its base-31
     * polynomial maps keys that differ only in their last bytes — consecutive row ids — to a
     * few hundred values, and a million locked rows of one bulk load then sat in long bins).
     * Keys are comparable (unsigned byte order), so a bin that still fills up is searched as a
     * balanced tree.
     */
    static final class Key implements Comparable<Key> {
        private static final VarHandle LONGS =
                MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        final byte[] bytes;
        private final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = hashOf(bytes);
        }

        static int hashOf(byte[] b) {
            long h = 0x9E3779B97F4A7C15L ^ b.length;
            int i = 0;
            for (; i + Long.BYTES <= b.length; i += Long.BYTES) {
                h = Long.rotateLeft((h ^ (long) LONGS.get(b, i)) * 0xC2B2AE3D27D4EB4FL, 31);
            }
            for (; i < b.length; i++) {
                h = (h ^ (b[i] & 0xff)) * 0x100000001B3L;
            }
            h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;   // murmur3's finaliser
            h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
            return (int) (h ^ (h >>> 33));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public int compareTo(Key o) {
            return Arrays.compareUnsigned(bytes, o.bytes);
        }
    }

    /** The lock state of one user key. */
    static final class Entry {
        final Key id;
        final byte[] key;
        final Map<TxnState, LockMode> holders = new LinkedHashMap<>(4);
        final ArrayDeque<Waiter> queue = new ArrayDeque<>(2);
        boolean dead;

        Entry(Key id) {
            this.id = id;
            this.key = id.bytes;
        }
    }

    /** One queued request. Fields other than {@code granted} are final. */
    static final class Waiter {
        final TxnState txn;
        final Entry entry;
        final LockMode mode;
        final long sinceNanos;
        boolean granted;   // guarded by entry

        Waiter(TxnState txn, Entry entry, LockMode mode, long sinceNanos) {
            this.txn = txn;
            this.entry = entry;
            this.mode = mode;
            this.sinceNanos = sinceNanos;
        }
    }

    /** A snapshot of one wait, for stats: who waits for whom, on which key, since when. */
    record Wait(long waiterId, byte[] key, LockMode mode, List<Long> holderIds, long sinceNanos) {}

    LockTable(long deadlockCheckNanos) {
        if (deadlockCheckNanos <= 0) {
            throw new IllegalArgumentException("deadlockCheckNanos must be > 0");
        }
        this.deadlockCheckNanos = deadlockCheckNanos;
    }

    /**
     * Locks {@code key} in {@code mode} for {@code txn}, waiting as long as needed (up to
     * {@code timeoutNanos} if positive). @return the mode {@code txn} held before, or null
     *
     * @throws TxnException DEADLOCK, LOCK_TIMEOUT, or LOCK_NOT_AVAILABLE if {@code nowait}
     */
    LockMode acquire(TxnState txn, byte[] key, LockMode mode, long timeoutNanos, boolean nowait) {
        Key id = new Key(key);
        while (true) {
            Entry e = entries.computeIfAbsent(id, Entry::new);
            Waiter w;
            LockMode held;
            synchronized (e) {
                if (e.dead) {
                    continue;   // removed between lookup and lock: take the fresh one
                }
                held = e.holders.get(txn);
                if (held != null && held.covers(mode)) {
                    return held;
                }
                if (compatibleWithHolders(e, txn, mode) && (e.queue.isEmpty() || held != null)) {
                    e.holders.put(txn, mode);
                    acquired.increment();
                    if (held == null) {
                        txn.heldLocks.add(e);
                    }
                    indexIfSerializableWrite(e, txn, mode);
                    return held;
                }
                if (nowait) {
                    throw new TxnException(TxnException.Reason.LOCK_NOT_AVAILABLE,
                            "could not obtain lock on row");
                }
                w = new Waiter(txn, e, mode, System.nanoTime());
                if (held != null) {
                    e.queue.addFirst(w);   // an upgrade goes first: it already holds the row
                } else {
                    e.queue.addLast(w);
                }
                txn.waiting = w;
            }
            waits.increment();
            awaitGrant(w, timeoutNanos);
            acquired.increment();
            if (held == null) {
                txn.heldLocks.add(e);
            }
            indexIfSerializableWrite(e, txn, mode);   // after the releaser's removal (4)
            return held;
        }
    }

    private void indexIfSerializableWrite(Entry e, TxnState txn, LockMode mode) {
        if (mode == LockMode.EXCLUSIVE && txn.serializable()) {
            serializableWrites.put(e.key, e);
        }
    }

    private void awaitGrant(Waiter w, long timeoutNanos) {
        Entry e = w.entry;
        long deadline = timeoutNanos > 0 ? w.sinceNanos + timeoutNanos : Long.MAX_VALUE;
        long nextCheck = w.sinceNanos + deadlockCheckNanos;
        try {
            while (true) {
                synchronized (e) {
                    while (!w.granted) {
                        long now = System.nanoTime();
                        if (now >= deadline) {
                            cancel(w);
                            timeouts.increment();
                            throw new TxnException(TxnException.Reason.LOCK_TIMEOUT,
                                    "canceling statement due to lock timeout");
                        }
                        if (now >= nextCheck) {
                            break;
                        }
                        long sleepNanos = Math.min(deadline, nextCheck) - now;
                        waitOn(e, sleepNanos);
                    }
                    if (w.granted) {
                        return;
                    }
                }
                nextCheck = System.nanoTime() + deadlockCheckNanos;
                if (isDeadlockVictim(w.txn)) {
                    synchronized (e) {
                        if (w.granted) {
                            return;
                        }
                        cancel(w);
                    }
                    deadlocks.increment();
                    throw new TxnException(TxnException.Reason.DEADLOCK, "deadlock detected");
                }
            }
        } finally {
            w.txn.waiting = null;
        }
    }

    private static void waitOn(Object monitor, long nanos) {
        try {
            long millis = Math.max(1, nanos / 1_000_000);
            ReadEvidence.count(ReadEvidence.Counter.LOCK_WAITS);
            monitor.wait(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new TxnException(TxnException.Reason.LOCK_TIMEOUT,
                    "canceling statement due to user request");
        }
    }

    /** Removes a waiter that gives up (caller holds the entry's monitor). */
    private void cancel(Waiter w) {
        Entry e = w.entry;
        e.queue.remove(w);
        grantWaiters(e);
        retireIfEmpty(e);
    }

    /** Releases every lock {@code txn} holds and wakes whoever that lets through. */
    void releaseAll(TxnState txn) {
        boolean serializable = txn.serializable();
        for (Entry e : txn.heldLocks) {
            synchronized (e) {
                LockMode held = e.holders.remove(txn);
                if (serializable && held == LockMode.EXCLUSIVE) {
                    serializableWrites.remove(e.key, e);   // before a grant re-adds it (4)
                }
                grantWaiters(e);
                retireIfEmpty(e);
            }
        }
        txn.heldLocks.clear();
    }

    /** Grants queued waiters from the head while they fit (caller holds the monitor). */
    private static void grantWaiters(Entry e) {
        boolean any = false;
        while (!e.queue.isEmpty()) {
            Waiter head = e.queue.peekFirst();
            if (!compatibleWithHolders(e, head.txn, head.mode)) {
                break;
            }
            e.queue.pollFirst();
            e.holders.put(head.txn, head.mode);
            head.granted = true;
            any = true;
        }
        if (any) {
            e.notifyAll();
        }
    }

    private void retireIfEmpty(Entry e) {
        if (e.holders.isEmpty() && e.queue.isEmpty() && !e.dead) {
            e.dead = true;
            entries.remove(e.id, e);
        }
    }

    private static boolean compatibleWithHolders(Entry e, TxnState txn, LockMode mode) {
        for (Map.Entry<TxnState, LockMode> h : e.holders.entrySet()) {
            if (h.getKey() != txn && !h.getValue().compatibleWith(mode)) {
                return false;
            }
        }
        return true;
    }

    /** Who {@code txn} waits for right now: conflicting holders and conflicting waiters ahead. */
    private static List<TxnState> blockers(TxnState txn) {
        Waiter w = txn.waiting;
        if (w == null) {
            return List.of();
        }
        List<TxnState> out = new ArrayList<>(2);
        synchronized (w.entry) {
            if (w.granted || !w.entry.queue.contains(w)) {
                return List.of();
            }
            for (Map.Entry<TxnState, LockMode> h : w.entry.holders.entrySet()) {
                if (h.getKey() != txn && !h.getValue().compatibleWith(w.mode)) {
                    out.add(h.getKey());
                }
            }
            for (Waiter ahead : w.entry.queue) {
                if (ahead == w) {
                    break;
                }
                if (ahead.txn != txn && !(ahead.mode.compatibleWith(w.mode))) {
                    out.add(ahead.txn);
                }
            }
        }
        return out;
    }

    /**
     * Searches the wait-for graph from {@code start} for a cycle back to it; true if one exists
     * and {@code start} is its youngest member (highest id), the one that gives up.
     */
    boolean isDeadlockVictim(TxnState start) {
        List<TxnState> path = new ArrayList<>();
        Set<TxnState> visited = new HashSet<>();
        return search(start, start, path, visited);
    }

    private static boolean search(TxnState start, TxnState at, List<TxnState> path,
            Set<TxnState> visited) {
        path.add(at);
        for (TxnState next : blockers(at)) {
            if (next == start) {
                long youngest = path.stream().mapToLong(t -> t.id).max().orElseThrow();
                if (youngest == start.id) {
                    return true;
                }
                continue;
            }
            if (path.size() < 10_000 && visited.add(next) && search(start, next, path, visited)) {
                return true;
            }
        }
        path.removeLast();
        return false;
    }

    /**
     * Serializable transactions other than {@code self} holding EXCLUSIVE locks on keys in
     * [low, high): the writers SSI cares about (it ignores the others).
     */
    List<TxnState> exclusiveHolders(byte[] low, byte[] high, TxnState self) {
        Map<byte[], Entry> range = high == null
                ? (low == null ? serializableWrites : serializableWrites.tailMap(low))
                : (low == null ? serializableWrites.headMap(high)
                        : serializableWrites.subMap(low, high));
        List<TxnState> out = new ArrayList<>();
        for (Entry e : range.values()) {
            synchronized (e) {
                for (Map.Entry<TxnState, LockMode> h : e.holders.entrySet()) {
                    if (h.getKey() != self && h.getValue() == LockMode.EXCLUSIVE
                            && h.getKey().serializable()) {
                        out.add(h.getKey());
                    }
                }
            }
        }
        return out;
    }

    /** The live entries in key order (for the views: the map itself is unordered). */
    private List<Entry> entriesByKey() {
        List<Entry> all = new ArrayList<>(entries.values());
        all.sort(Comparator.comparing((Entry e) -> e.key, Arrays::compareUnsigned));
        return all;
    }

    /** Every current wait, for the locks view. */
    List<Wait> waitsSnapshot() {
        List<Wait> out = new ArrayList<>();
        for (Entry e : entriesByKey()) {
            synchronized (e) {
                List<Long> holderIds = e.holders.keySet().stream().map(t -> t.id).toList();
                for (Waiter w : e.queue) {
                    out.add(new Wait(w.txn.id, e.key.clone(), w.mode, holderIds, w.sinceNanos));
                }
            }
        }
        return out;
    }

    /** A snapshot of one granted lock, for the locks view. */
    record Held(byte[] key, long txnId, LockMode mode) {}

    /** Every lock held now, in key order (holders of one key in grant order). */
    List<Held> heldSnapshot() {
        List<Held> out = new ArrayList<>();
        for (Entry e : entriesByKey()) {
            synchronized (e) {
                e.holders.forEach((t, m) -> out.add(new Held(e.key.clone(), t.id, m)));
            }
        }
        return out;
    }

    /** Number of keys currently locked or waited on. */
    int size() {
        return entries.size();
    }

    void checkInvariants() {
        for (Entry e : entries.values()) {
            synchronized (e) {
                List<LockMode> modes = List.copyOf(e.holders.values());
                for (int i = 0; i < modes.size(); i++) {
                    for (int j = i + 1; j < modes.size(); j++) {
                        Invariants.check(modes.get(i).compatibleWith(modes.get(j)),
                                "LockTable.1 incompatible holders", e.holders);
                    }
                }
                Waiter head = e.queue.peekFirst();
                Invariants.check(head == null
                        || !compatibleWithHolders(e, head.txn, head.mode),
                        "LockTable.2 grantable waiter left queued", head == null ? "" : head.txn);
                Invariants.check(!e.dead
                        && (!e.holders.isEmpty() || !e.queue.isEmpty()),
                        "LockTable.3 empty or dead entry in the map", e.holders);
                boolean serializableWrite = e.holders.entrySet().stream().anyMatch(h ->
                        h.getValue() == LockMode.EXCLUSIVE && h.getKey().serializable());
                Invariants.check(serializableWrite == (serializableWrites.get(e.key) == e),
                        "LockTable.4 sorted map out of step", e.holders);
            }
        }
        for (Entry e : serializableWrites.values()) {
            Invariants.check(entries.get(e.id) == e, "LockTable.4 retired entry still sorted",
                    e.holders);
        }
    }
}
