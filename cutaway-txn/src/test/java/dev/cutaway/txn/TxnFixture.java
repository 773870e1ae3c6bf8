package dev.cutaway.txn;

import dev.cutaway.io.FileSystem;
import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.Node;
import dev.cutaway.kv.NodeOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A transaction store on a real node in a directory, for tests: open, reopen (as after a
 * clean restart), and long keys/values as 8-byte big-endian arrays.
 */
final class TxnFixture implements AutoCloseable {
    final FileSystem fs;
    final Path dir;
    final NodeOptions nodeOptions;
    final TxnOptions txnOptions;
    Node node;
    TxnStore store;

    TxnFixture(Path dir) throws IOException {
        this(new RealFileSystem(), dir, NodeOptions.defaults().withSynchronousCommit(false),
                TxnOptions.defaults().withDeadlockCheckMillis(50));
    }

    TxnFixture(FileSystem fs, Path dir, NodeOptions nodeOptions, TxnOptions txnOptions)
            throws IOException {
        this.fs = fs;
        this.dir = dir;
        this.nodeOptions = nodeOptions;
        this.txnOptions = txnOptions;
        open();
    }

    private void open() throws IOException {
        node = Node.open(fs, dir, TxnStore.nodeOptions(nodeOptions));
        store = TxnStore.open(node, txnOptions);
    }

    void reopen() throws IOException {
        close();
        open();
    }

    static byte[] key(long k) {
        return ByteBuffer.allocate(8).putLong(k).array();
    }

    static byte[] val(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static Long num(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes).getLong();
    }

    /** Writes {@code key = value} in its own committed transaction. */
    void commitPut(long key, long value) throws IOException {
        try (Transaction t = store.begin(Isolation.READ_COMMITTED)) {
            t.put(key(key), val(value));
            t.commit();
        }
    }

    Long readCommitted(long key) throws IOException {
        try (Transaction t = store.begin(Isolation.READ_COMMITTED, true)) {
            return num(t.get(key(key)));
        }
    }

    @Override
    public void close() throws IOException {
        if (store != null) {
            store.close();
        }
        if (node != null) {
            node.close();
        }
    }
}
