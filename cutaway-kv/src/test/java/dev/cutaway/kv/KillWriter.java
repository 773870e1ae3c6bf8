package dev.cutaway.kv;

import dev.cutaway.io.RealFileSystem;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child process of {@link NodeKillTest}: opens a node on a real directory, continues the
 * deterministic {@link Workload} from the batch the node already holds, and prints
 * {@code acked N} after each synchronous write returns, until it is killed.
 * Arguments: DIR SEED KEYSPACE ENGINE.
 */
public final class KillWriter {
    private KillWriter() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Workload work = new Workload(Long.parseLong(args[1]), Integer.parseInt(args[2]));
        PrintStream out = new PrintStream(System.out, false);
        NodeOptions options = NodeKillTest.options(NodeOptions.EngineKind.valueOf(args[3]));
        try (Node node = Node.open(new RealFileSystem(), dir, options)) {
            long next = Workload.countIn(node.engine()) + 1;
            out.println("start " + next);
            out.flush();
            for (long i = next; ; i++) {
                node.write(work.batch(i));
                out.println("acked " + i);
                out.flush();
                if (i % 97 == 0) {
                    node.checkpoint();
                }
            }
        }
    }
}
