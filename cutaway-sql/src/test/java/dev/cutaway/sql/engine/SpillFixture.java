package dev.cutaway.sql.engine;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The fixture of the metamorphic spill tests ({@link SpillTest}, {@link MergeJoinTest}): two
 * in-memory databases loaded with the same generated statements, {@link #small} whose
 * operators may hold only a few rows (so sorts, hash tables and buffers spill) and
 * {@link #large} with the default budget, each with one session. The seed is printed and
 * {@code -Dcutaway.seed=N} replays it.
 */
final class SpillFixture implements AutoCloseable {
    final Database small;
    final Database large;
    /** A session on {@link #small}. */
    final Session s;
    /** A session on {@link #large}. */
    final Session l;

    SpillFixture(String test, long rowsInMemoryMax,
            Function<SplittableRandom, List<String>> setup) {
        long seed = Long.getLong("cutaway.seed", System.nanoTime());
        System.out.println(test + " seed " + seed + " (-Dcutaway.seed=" + seed + ")");
        small = Database.inMemory(DatabaseOptions.defaults().withSynchronousCommit(false)
                .withRowsInMemoryMax(rowsInMemoryMax));
        large = Database.inMemory(DatabaseOptions.defaults().withSynchronousCommit(false));
        s = small.newSession();
        l = large.newSession();
        for (String sql : setup.apply(new SplittableRandom(seed))) {
            s.execute(sql);
            l.execute(sql);
        }
    }

    @Override
    public void close() throws Exception {
        s.close();
        l.close();
        small.close();
        large.close();
    }
}
