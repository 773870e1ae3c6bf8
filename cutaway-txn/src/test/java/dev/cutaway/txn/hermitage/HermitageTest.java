package dev.cutaway.txn.hermitage;

import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.Node;
import dev.cutaway.kv.NodeOptions;
import dev.cutaway.kv.NodeOptions.EngineKind;
import dev.cutaway.txn.TxnOptions;
import dev.cutaway.txn.TxnStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The Hermitage cases against the transaction layer directly ({@link TxnSessionFactory}),
 * each run on a fresh store on a real on-disk node (B+tree engine; {@link HermitageLsmTest}
 * repeats it on the LSM engine): every classification must be PostgreSQL's.
 */
class HermitageTest extends HermitageConformance {

    /** The storage engine under the transaction layer. */
    EngineKind engine() {
        return EngineKind.BTREE;
    }

    @Override
    protected Fixture open(Path dir) throws IOException {
        Node node = Node.open(new RealFileSystem(), dir,
                NodeOptions.defaults().withEngine(engine()));
        TxnStore store;
        try {
            store = TxnStore.open(node, TxnOptions.defaults());
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
        TxnSessionFactory sessions = new TxnSessionFactory(store);
        return new Fixture() {
            @Override
            public SessionFactory sessions() {
                return sessions;
            }

            @Override
            public void checkInvariants() {
                store.checkInvariants();
            }

            @Override
            public void close() throws IOException {
                store.close();
                node.close();
            }
        };
    }
}
