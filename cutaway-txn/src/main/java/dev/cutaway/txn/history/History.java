package dev.cutaway.txn.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A recorded history: transactions with their reads and writes (Adya's model restricted to
 * item reads and writes). The initial state has every key absent; a setup transaction that
 * commits first stands for initial rows.
 *
 * <p>Invariants, checked on construction (a violation is the recorder's or the test's mistake
 * and throws {@link IllegalArgumentException} saying which):
 * <ol>
 *   <li>transaction ids are distinct;</li>
 *   <li>commit sequences of committed transactions are distinct;</li>
 *   <li>a value is written to a key at most once in the whole history, across all transactions
 *       committed or aborted — so every read observes the write of exactly one transaction.</li>
 * </ol>
 */
public final class History {
    /** Where a value of a key was written: transaction index, and whether it was that
     *  transaction's final write of the key (an earlier one is an intermediate version). */
    record WriteSite(int txnIndex, boolean finalWrite) {}

    private record KeyValue(long key, long value) {}

    private final List<Txn> txns;
    private final Map<KeyValue, WriteSite> writes;

    public History(List<Txn> txns) {
        this.txns = List.copyOf(txns);
        this.writes = indexWrites(this.txns);
    }

    public static History of(Txn... txns) {
        return new History(List.of(txns));
    }

    public List<Txn> txns() {
        return txns;
    }

    public int size() {
        return txns.size();
    }

    /** Where {@code value} was written to {@code key}, or null when no transaction wrote it. */
    WriteSite writeOf(long key, long value) {
        return writes.get(new KeyValue(key, value));
    }

    private static Map<KeyValue, WriteSite> indexWrites(List<Txn> txns) {
        Set<Long> ids = new HashSet<>();
        Set<Long> commitSequences = new HashSet<>();
        Map<KeyValue, WriteSite> writes = new HashMap<>();
        for (int t = 0; t < txns.size(); t++) {
            Txn txn = txns.get(t);
            if (!ids.add(txn.id())) {
                throw new IllegalArgumentException("invariant 1: transaction id T" + txn.id()
                        + " appears twice in the history");
            }
            if (txn.isCommitted() && !commitSequences.add(txn.commitSequence())) {
                throw new IllegalArgumentException("invariant 2: commit sequence "
                        + txn.commitSequence() + " is used twice (second by T" + txn.id() + ")");
            }
            Map<Long, KeyValue> lastWriteByKey = new HashMap<>();
            for (Op op : txn.ops()) {
                if (op instanceof Op.Write w) {
                    KeyValue kv = new KeyValue(w.key(), w.value());
                    WriteSite previous = writes.put(kv, new WriteSite(t, true));
                    if (previous != null) {
                        throw new IllegalArgumentException("invariant 3: value " + w.value()
                                + " is written to key " + w.key() + " by T"
                                + txns.get(previous.txnIndex()).id() + " and again by T"
                                + txn.id() + "; the checker needs written values unique per key"
                                + " (let the recorder hand out values)");
                    }
                    KeyValue earlier = lastWriteByKey.put(w.key(), kv);
                    if (earlier != null) {
                        writes.put(earlier, new WriteSite(t, false));
                    }
                }
            }
        }
        return Collections.unmodifiableMap(writes);
    }

    /** Committed transactions in commit order. */
    List<Txn> committedInCommitOrder() {
        List<Txn> committed = new ArrayList<>();
        for (Txn txn : txns) {
            if (txn.isCommitted()) {
                committed.add(txn);
            }
        }
        committed.sort((a, b) -> Long.compare(a.commitSequence(), b.commitSequence()));
        return committed;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Txn txn : txns) {
            out.append(txn).append('\n');
        }
        return out.toString();
    }
}
