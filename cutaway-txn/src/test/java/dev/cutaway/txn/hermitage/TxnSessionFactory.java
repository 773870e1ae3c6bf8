package dev.cutaway.txn.hermitage;

import dev.cutaway.txn.TxnStore;
import java.util.List;

/**
 * Hermitage sessions on one {@link TxnStore}: {@link TxnSession}s, and the setup run on one of
 * them in autocommit mode. Use a fresh store per run, so no case sees another's versions.
 */
public final class TxnSessionFactory implements SessionFactory {
    private final TxnStore store;

    public TxnSessionFactory(TxnStore store) {
        this.store = store;
    }

    @Override
    public void setup(List<String> setupSql) throws Exception {
        try (TxnSession session = new TxnSession(store)) {
            for (String sql : setupSql) {
                Outcome out = session.execute(sql);
                if (out instanceof Outcome.Failed f) {
                    throw new IllegalStateException("setup \"" + sql + "\" failed: "
                            + f.sqlState() + " " + f.message());
                }
            }
        }
    }

    @Override
    public Session open(String name) {
        return new TxnSession(store);
    }
}
