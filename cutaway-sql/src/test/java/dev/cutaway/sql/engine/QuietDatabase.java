package dev.cutaway.sql.engine;

/**
 * The fixture of most engine tests: an in-memory database without synchronous commit and
 * without background threads (no auto-analyze, no garbage collection, so what a test sees is
 * what its statements did), one session on it, and the setup statements run.
 */
final class QuietDatabase implements AutoCloseable {
    final Database db;
    final Session s;

    QuietDatabase(String setup) {
        db = Database.inMemory(DatabaseOptions.defaults().withSynchronousCommit(false)
                .withBackgroundThreads(0));
        s = db.newSession();
        s.execute(setup);
    }

    @Override
    public void close() throws Exception {
        s.close();
        db.close();
    }
}
