package dev.cutaway.kv.lsm;

import java.io.IOException;
import java.util.Arrays;

/**
 * Concatenates the tables of one level (1 or deeper), whose key ranges are ordered and
 * disjoint: only one table's iterator is open at a time, chosen by binary search on seeks.
 */
final class LevelIterator implements EntryIterator {
    private final Table[] tables;
    private int current = -1;
    private EntryIterator it;

    LevelIterator(Table[] tables) {
        this.tables = tables;
    }

    private boolean open(int index) {
        current = index;
        it = index >= 0 && index < tables.length ? tables[index].reader.iterator() : null;
        return it != null;
    }

    @Override
    public void seekFirst() throws IOException {
        if (open(0)) {
            it.seekFirst();
            skipForward();
        }
    }

    @Override
    public void seekGE(byte[] key, long seq) throws IOException {
        int lo = 0;
        int hi = tables.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Arrays.compareUnsigned(tables[mid].meta.largestKey(), key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (open(lo)) {
            it.seekGE(key, seq);
            skipForward();
        }
    }

    @Override
    public void seekLast() throws IOException {
        if (open(tables.length - 1)) {
            it.seekLast();
            skipBackward();
        }
    }

    @Override
    public void seekLT(byte[] key, long seq) throws IOException {
        int lo = 0;
        int hi = tables.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Arrays.compareUnsigned(tables[mid].meta.smallestKey(), key) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (open(lo - 1)) {
            it.seekLT(key, seq);
            skipBackward();
        }
    }

    private void skipForward() throws IOException {
        while (it != null && !it.valid()) {
            if (open(current + 1)) {
                it.seekFirst();
            }
        }
    }

    private void skipBackward() throws IOException {
        while (it != null && !it.valid()) {
            if (open(current - 1)) {
                it.seekLast();
            }
        }
    }

    @Override
    public boolean valid() {
        return it != null && it.valid();
    }

    @Override
    public void next() throws IOException {
        it.next();
        skipForward();
    }

    @Override
    public void prev() throws IOException {
        it.prev();
        skipBackward();
    }

    @Override
    public byte[] key() {
        return it.key();
    }

    @Override
    public long seq() {
        return it.seq();
    }

    @Override
    public byte[] value() {
        return it.value();
    }
}
