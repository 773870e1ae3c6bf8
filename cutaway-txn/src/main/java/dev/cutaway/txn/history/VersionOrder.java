package dev.cutaway.txn.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The version order of every key (Adya's {@code <<}): the installed versions of each key,
 * oldest first. The initial version (key absent) precedes them all and is not listed. Only a
 * committed transaction's final write of a key installs a version.
 *
 * <p>Where it comes from:
 * <ul>
 *   <li>{@link #fromCommitOrder(History)} — the assumption used when the engine gives nothing
 *       better: <b>versions are installed in commit order</b> (the recorder's commit sequence).
 *       True for an engine whose commit installs its writes atomically at commit (MVCC with
 *       commit timestamps, or locking until commit). Under this assumption ww edges always
 *       follow commit order, so a write cycle (G0) can never appear: catching G0 needs an
 *       explicit order from the engine.</li>
 *   <li>{@link #explicit(Map)} — each key's order as the engine knows it (later: versions
 *       sorted by commit timestamp, read back from the MVCC key space).</li>
 * </ul>
 *
 * <p>Invariant (checked by {@link #validate(History)}): every key's list holds exactly the
 * final writes of the committed transactions that wrote it, each once.
 */
public final class VersionOrder {
    private final Map<Long, long[]> versionsByKey;
    private final Map<Long, Map<Long, Integer>> positionByKey = new HashMap<>();

    private VersionOrder(Map<Long, long[]> versionsByKey) {
        this.versionsByKey = versionsByKey;
        versionsByKey.forEach((key, values) -> {
            Map<Long, Integer> positions = new HashMap<>();
            for (int i = 0; i < values.length; i++) {
                if (positions.put(values[i], i) != null) {
                    throw new IllegalArgumentException("version order of key " + key
                            + " lists value " + values[i] + " twice");
                }
            }
            positionByKey.put(key, positions);
        });
    }

    /** Each key's versions in the order their writers committed. */
    public static VersionOrder fromCommitOrder(History history) {
        Map<Long, List<Long>> lists = new HashMap<>();
        for (Txn txn : history.committedInCommitOrder()) {
            Map<Long, Long> finalValues = new HashMap<>();
            List<Long> keysInOrder = new ArrayList<>();
            for (Op op : txn.ops()) {
                if (op instanceof Op.Write w && finalValues.put(w.key(), w.value()) == null) {
                    keysInOrder.add(w.key());
                }
            }
            for (long key : keysInOrder) {
                lists.computeIfAbsent(key, k -> new ArrayList<>()).add(finalValues.get(key));
            }
        }
        Map<Long, long[]> arrays = new HashMap<>();
        lists.forEach((key, values) ->
                arrays.put(key, values.stream().mapToLong(Long::longValue).toArray()));
        return new VersionOrder(arrays);
    }

    /** An order given by the engine: key → installed values, oldest first. */
    public static VersionOrder explicit(Map<Long, long[]> versionsByKey) {
        Map<Long, long[]> copy = new HashMap<>();
        versionsByKey.forEach((key, values) -> copy.put(key, values.clone()));
        return new VersionOrder(copy);
    }

    /**
     * The version installed right after {@code value} of {@code key} ({@code null} value: the
     * initial version), or null when it is the last or not an installed version.
     */
    Long nextAfter(long key, Long value) {
        long[] versions = versionsByKey.get(key);
        if (versions == null) {
            return null;
        }
        int next;
        if (value == null) {
            next = 0;
        } else {
            Integer position = positionByKey.get(key).get(value);
            if (position == null) {
                return null;
            }
            next = position + 1;
        }
        return next < versions.length ? versions[next] : null;
    }

    /** The versions of {@code key}, oldest first (empty when none was installed). */
    long[] versionsOf(long key) {
        long[] versions = versionsByKey.get(key);
        return versions == null ? new long[0] : versions;
    }

    /** Throws IllegalArgumentException unless this order lists exactly the installed versions. */
    void validate(History history) {
        Map<Long, Integer> installedCountByKey = new HashMap<>();
        for (Txn txn : history.txns()) {
            for (Op op : txn.ops()) {
                if (!(op instanceof Op.Write w)) {
                    continue;
                }
                History.WriteSite site = history.writeOf(w.key(), w.value());
                boolean installed = txn.isCommitted() && site.finalWrite();
                Map<Long, Integer> positions = positionByKey.get(w.key());
                boolean listed = positions != null && positions.containsKey(w.value());
                if (installed != listed) {
                    throw new IllegalArgumentException("version order of key " + w.key()
                            + (installed ? " misses" : " lists") + " value " + w.value()
                            + " written by T" + txn.id() + (installed ? ", an installed version"
                            : ", which is not installed (aborted or intermediate)"));
                }
                if (installed) {
                    installedCountByKey.merge(w.key(), 1, Integer::sum);
                }
            }
        }
        versionsByKey.forEach((key, values) -> {
            if (values.length != installedCountByKey.getOrDefault(key, 0)) {
                throw new IllegalArgumentException("version order of key " + key
                        + " lists values nobody installed: " + java.util.Arrays.toString(values));
            }
        });
    }
}
