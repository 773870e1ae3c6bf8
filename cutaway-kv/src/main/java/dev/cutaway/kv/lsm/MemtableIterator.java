package dev.cutaway.kv.lsm;

/**
 * Iterates a {@link Memtable}. Forward steps follow level-0 links; backward steps search from
 * the top again (the skiplist has no back links), O(log n) per step, as LevelDB does.
 */
final class MemtableIterator implements EntryIterator {
    private final Memtable table;
    private Memtable.Node node;

    MemtableIterator(Memtable table) {
        this.table = table;
    }

    @Override
    public void seekFirst() {
        node = table.first();
    }

    @Override
    public void seekGE(byte[] key, long seq) {
        node = table.findGreaterOrEqual(key, seq, null);
    }

    @Override
    public void seekLast() {
        node = table.last();
    }

    @Override
    public void seekLT(byte[] key, long seq) {
        node = table.findLessThan(key, seq);
    }

    @Override
    public boolean valid() {
        return node != null;
    }

    @Override
    public void next() {
        node = node.next(0);
    }

    @Override
    public void prev() {
        node = table.findLessThan(node.key, node.seq);
    }

    @Override
    public byte[] key() {
        return node.key;
    }

    @Override
    public long seq() {
        return node.seq;
    }

    @Override
    public byte[] value() {
        return node.value == null ? null : node.value.clone();
    }
}
