package dev.cutaway.kv.lsm;

import dev.cutaway.check.Invariants;
import java.io.IOException;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges child iterators (memtables, level-0 tables, deeper levels) into one stream in internal
 * order, forward or backward. A heap holds the valid children; the smallest (forward) or
 * largest (backward) is current. Internal keys are unique across children (sequence numbers
 * are), so ties cannot occur.
 *
 * <p>Invariant: (1) the direction set by the last seek is the direction of every step.
 */
final class MergingIterator implements EntryIterator {
    private final List<EntryIterator> children;
    private final PriorityQueue<EntryIterator> heap;
    private final PriorityQueue<EntryIterator> forwardHeap;
    private final PriorityQueue<EntryIterator> backwardHeap;
    private PriorityQueue<EntryIterator> active;
    private boolean forward = true;
    private EntryIterator current;

    MergingIterator(List<EntryIterator> children) {
        this.children = children;
        int n = Math.max(1, children.size());
        this.forwardHeap = new PriorityQueue<>(n,
                (a, b) -> Sequences.compare(a.key(), a.seq(), b.key(), b.seq()));
        this.backwardHeap = new PriorityQueue<>(n,
                (a, b) -> Sequences.compare(b.key(), b.seq(), a.key(), a.seq()));
        this.heap = forwardHeap;
        this.active = heap;
    }

    private void rebuild(boolean isForward) {
        forward = isForward;
        active = isForward ? forwardHeap : backwardHeap;
        forwardHeap.clear();
        backwardHeap.clear();
        for (EntryIterator c : children) {
            if (c.valid()) {
                active.add(c);
            }
        }
        current = active.poll();
    }

    @Override
    public void seekFirst() throws IOException {
        for (EntryIterator c : children) {
            c.seekFirst();
        }
        rebuild(true);
    }

    @Override
    public void seekGE(byte[] key, long seq) throws IOException {
        for (EntryIterator c : children) {
            c.seekGE(key, seq);
        }
        rebuild(true);
    }

    @Override
    public void seekLast() throws IOException {
        for (EntryIterator c : children) {
            c.seekLast();
        }
        rebuild(false);
    }

    @Override
    public void seekLT(byte[] key, long seq) throws IOException {
        for (EntryIterator c : children) {
            c.seekLT(key, seq);
        }
        rebuild(false);
    }

    @Override
    public boolean valid() {
        return current != null;
    }

    @Override
    public void next() throws IOException {
        if (!forward) {
            throw Invariants.violation("MergingIterator.1 next after a backward seek");
        }
        step();
    }

    @Override
    public void prev() throws IOException {
        if (forward) {
            throw Invariants.violation("MergingIterator.1 prev after a forward seek");
        }
        step();
    }

    private void step() throws IOException {
        EntryIterator c = current;
        if (forward) {
            c.next();
        } else {
            c.prev();
        }
        if (c.valid()) {
            active.add(c);
        }
        current = active.poll();
    }

    @Override
    public byte[] key() {
        return current.key();
    }

    @Override
    public long seq() {
        return current.seq();
    }

    @Override
    public byte[] value() {
        return current.value();
    }

    @Override
    public void close() {
        for (EntryIterator c : children) {
            c.close();
        }
    }
}
