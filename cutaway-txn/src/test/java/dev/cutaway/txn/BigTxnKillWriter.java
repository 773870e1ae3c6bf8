package dev.cutaway.txn;

import static dev.cutaway.txn.TxnFixture.key;
import static dev.cutaway.txn.TxnFixture.val;

import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.NodeOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The child process of {@link BigTxnKillTest}: opens a transaction store on a real directory
 * and commits, again and again, one transaction that sets every one of ROWS rows and the
 * generation key to the next generation number; each commit is written as many log parts. It
 * prints {@code acked N} after each synchronous commit returns, until it is killed.
 * Arguments: DIR ENGINE ROWS.
 */
public final class BigTxnKillWriter {
    /** The key holding the generation every row must show. */
    static final long GENERATION_KEY = -1;

    private BigTxnKillWriter() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        NodeOptions.EngineKind engine = NodeOptions.EngineKind.valueOf(args[1]);
        int rows = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(System.out, false);
        ScheduledExecutorService background = Executors.newScheduledThreadPool(1);
        try (TxnFixture fx = new TxnFixture(new RealFileSystem(), dir,
                BigTxnKillTest.nodeOptions(engine).withBackground(background),
                BigTxnKillTest.TXN_OPTIONS)) {
            Long stored = fx.readCommitted(GENERATION_KEY);
            long next = stored == null ? 1 : stored + 1;
            out.println("start " + next);
            out.flush();
            for (long g = next; ; g++) {
                try (Transaction t = fx.store.begin(Isolation.REPEATABLE_READ)) {
                    for (int k = 0; k < rows; k++) {
                        t.put(key(k), val(g));
                    }
                    t.put(key(GENERATION_KEY), val(g));
                    t.commit();
                }
                out.println("acked " + g);
                out.flush();
                if (g % 7 == 0) {
                    fx.node.checkpoint();
                }
            }
        } finally {
            background.shutdownNow();
        }
    }
}
