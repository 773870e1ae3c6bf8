package dev.cutaway.kv.lsm;

import java.io.IOException;

/**
 * A two-level iterator over one SSTable: a cursor over the index block picks the data block, a
 * cursor over that block walks its entries. The current key is copied once per step.
 */
final class SstIterator implements EntryIterator {
    private final SstReader table;
    private final BlockCursor index = new BlockCursor();
    private final BlockCursor data = new BlockCursor();
    private byte[] key;

    SstIterator(SstReader table) {
        this.table = table;
        index.reset(table.index);
    }

    private boolean loadBlock() throws IOException {
        if (!index.valid()) {
            data.reset(null);
            return false;
        }
        data.reset(table.dataBlock(index));
        return true;
    }

    private void settle() {
        key = valid() ? data.keyCopy() : null;
    }

    @Override
    public void seekFirst() throws IOException {
        index.seekFirst();
        if (loadBlock()) {
            data.seekFirst();
        }
        settle();
    }

    @Override
    public void seekGE(byte[] k, long s) throws IOException {
        index.seekGE(k, s);
        if (loadBlock()) {
            data.seekGE(k, s);
            if (!data.valid()) {
                index.next();
                if (loadBlock()) {
                    data.seekFirst();
                }
            }
        }
        settle();
    }

    @Override
    public void seekLast() throws IOException {
        index.seekLast();
        if (loadBlock()) {
            data.seekLast();
        }
        settle();
    }

    @Override
    public void seekLT(byte[] k, long s) throws IOException {
        index.seekGE(k, s);
        if (!index.valid()) {
            index.seekLast();
        }
        if (loadBlock()) {
            data.seekLT(k, s);
            if (!data.valid()) {
                index.prev();
                if (loadBlock()) {
                    data.seekLast();
                }
            }
        }
        settle();
    }

    @Override
    public boolean valid() {
        return index.valid() && data.block() != null && data.valid();
    }

    @Override
    public void next() throws IOException {
        data.next();
        if (!data.valid()) {
            index.next();
            if (loadBlock()) {
                data.seekFirst();
            }
        }
        settle();
    }

    @Override
    public void prev() throws IOException {
        data.prev();
        if (!data.valid()) {
            index.prev();
            if (loadBlock()) {
                data.seekLast();
            }
        }
        settle();
    }

    @Override
    public byte[] key() {
        return key;
    }

    @Override
    public long seq() {
        return data.seq();
    }

    @Override
    public byte[] value() {
        return data.valueCopy();
    }
}
