package dev.cutaway.txn.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny in-memory multi-version store that records everything it does in a
 * {@link HistoryRecorder}, for feeding the checker real executions. Two modes:
 * <ul>
 *   <li>{@link Mode#SNAPSHOT}: reads see the snapshot taken at begin; a commit that finds a key
 *       it wrote changed since its snapshot aborts (first committer wins) — snapshot
 *       isolation, as PostgreSQL's REPEATABLE READ;</li>
 *   <li>{@link Mode#LATEST_COMMITTED}: each read sees the latest committed version; commits
 *       never conflict — weaker than PostgreSQL's READ COMMITTED (no row locks), yet it still
 *       reads only committed, final values.</li>
 * </ul>
 * Writes are buffered and installed at commit, so commit order is version order. Methods are
 * synchronized, so test threads may interleave operations.
 */
final class ToyStore {
    enum Mode { SNAPSHOT, LATEST_COMMITTED }

    private record Version(long commitSequence, long value) {}

    private static final class Running {
        final long snapshot;
        final Map<Long, Long> writes = new LinkedHashMap<>();

        Running(long snapshot) {
            this.snapshot = snapshot;
        }
    }

    private final Mode mode;
    private final HistoryRecorder recorder = new HistoryRecorder();
    private final Map<Long, List<Version>> versions = new HashMap<>();
    private final Map<Long, Running> running = new HashMap<>();
    private long commits;

    ToyStore(Mode mode) {
        this.mode = mode;
    }

    synchronized long begin() {
        long id = recorder.begin();
        running.put(id, new Running(commits));
        return id;
    }

    synchronized Long read(long txn, long key) {
        Running t = running.get(txn);
        Long value = t.writes.get(key);
        if (value == null) {
            long visibleMax = mode == Mode.SNAPSHOT ? t.snapshot : commits;
            for (Version v : versions.getOrDefault(key, List.of())) {
                if (v.commitSequence() <= visibleMax) {
                    value = v.value();
                }
            }
        }
        recorder.read(txn, key, value);
        return value;
    }

    synchronized void write(long txn, long key) {
        long value = recorder.freshValue();
        running.get(txn).writes.put(key, value);
        recorder.write(txn, key, value);
    }

    /** Commits, or aborts on a first-committer-wins conflict; true when committed. */
    synchronized boolean commit(long txn) {
        Running t = running.remove(txn);
        if (mode == Mode.SNAPSHOT) {
            for (long key : t.writes.keySet()) {
                List<Version> chain = versions.getOrDefault(key, List.of());
                if (!chain.isEmpty() && chain.get(chain.size() - 1).commitSequence() > t.snapshot) {
                    recorder.abort(txn);
                    return false;
                }
            }
        }
        commits++;
        t.writes.forEach((key, value) ->
                versions.computeIfAbsent(key, k -> new ArrayList<>()).add(
                        new Version(commits, value)));
        recorder.commit(txn);
        return true;
    }

    synchronized void abort(long txn) {
        running.remove(txn);
        recorder.abort(txn);
    }

    History history() {
        return recorder.history();
    }
}
