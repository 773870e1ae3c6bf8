package dev.cutaway.txn.history;

import dev.cutaway.check.Invariants;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The direct serialization graph (Adya's DSG) of a history over its committed transactions,
 * plus the findings that need no cycle: garbage reads, G1a (aborted reads), G1b (intermediate
 * reads).
 *
 * <p>Nodes are the committed transactions, numbered 0..n-1 in history order. Edges (see
 * {@link Edge}): ww between consecutive installed versions of a key; wr from the writer of the
 * version a committed transaction read; rw from a committed reader of an installed version (or
 * of the initial "absent" version) to the installer of the next version. A transaction's reads
 * of its own writes make no edge. Parallel edges of the same kind between the same two
 * transactions are kept once (the first key found names it).
 *
 * <p>Invariants: (1) no edge joins a node to itself; (2) both ends of every edge are committed.
 */
final class DependencyGraph {
    /** An outgoing edge: target node and the edge it stands for. */
    record Arc(int to, Edge edge) {}

    /** Findings of one kind beyond this many are counted but not listed. */
    static final int FINDINGS_PER_KIND_MAX = 1000;

    final long[] txnIds;
    final List<List<Arc>> out;
    final List<Anomaly> findings = new ArrayList<>();
    final Map<AnomalyKind, Integer> findingCounts = new HashMap<>();
    int edgeCount;

    private final Set<Long> edgeSet = new HashSet<>();

    DependencyGraph(History history, VersionOrder order) {
        order.validate(history);
        List<Txn> txns = history.txns();
        int[] nodeOfTxn = new int[txns.size()];
        List<Long> ids = new ArrayList<>();
        for (int t = 0; t < txns.size(); t++) {
            nodeOfTxn[t] = txns.get(t).isCommitted() ? ids.size() : -1;
            if (txns.get(t).isCommitted()) {
                ids.add(txns.get(t).id());
            }
        }
        txnIds = ids.stream().mapToLong(Long::longValue).toArray();
        out = new ArrayList<>(txnIds.length);
        for (int i = 0; i < txnIds.length; i++) {
            out.add(new ArrayList<>());
        }
        addWriteEdges(history, order, nodeOfTxn);
        for (int t = 0; t < txns.size(); t++) {
            addReadEdges(history, order, t, nodeOfTxn);
        }
        if (Invariants.EXPENSIVE) {
            checkInvariants();
        }
    }

    /** Checks invariants 1 and 2 and that each edge names its endpoints and appears once. */
    void checkInvariants() {
        Set<Long> seen = new HashSet<>();
        int count = 0;
        for (int u = 0; u < out.size(); u++) {
            for (Arc arc : out.get(u)) {
                Edge e = arc.edge();
                Invariants.check(arc.to() != u, "DependencyGraph invariant 1: no self edge", e);
                Invariants.check(e.from() == txnIds[u] && e.to() == txnIds[arc.to()],
                        "DependencyGraph invariant 2: edge between its committed nodes", e);
                long packed = ((long) u << 34) | ((long) arc.to() << 2) | e.kind().ordinal();
                Invariants.check(seen.add(packed), "DependencyGraph: edge listed once", e);
                count++;
            }
        }
        Invariants.check(count == edgeCount, "DependencyGraph: edge count", count, edgeCount);
    }

    int nodeCount() {
        return txnIds.length;
    }

    private void addWriteEdges(History history, VersionOrder order, int[] nodeOfTxn) {
        Set<Long> keys = new HashSet<>();
        for (Txn txn : history.txns()) {
            for (Op op : txn.ops()) {
                if (op instanceof Op.Write w) {
                    keys.add(w.key());
                }
            }
        }
        for (long key : keys) {
            long[] versions = order.versionsOf(key);
            for (int i = 1; i < versions.length; i++) {
                int from = nodeOfTxn[history.writeOf(key, versions[i - 1]).txnIndex()];
                int to = nodeOfTxn[history.writeOf(key, versions[i]).txnIndex()];
                addEdge(from, to, Edge.Kind.WW, key);
            }
        }
    }

    private void addReadEdges(History history, VersionOrder order, int t, int[] nodeOfTxn) {
        Txn reader = history.txns().get(t);
        for (Op op : reader.ops()) {
            if (!(op instanceof Op.Read r)) {
                continue;
            }
            History.WriteSite site = r.observedAbsent()
                    ? null : history.writeOf(r.key(), r.observedValue());
            if (!r.observedAbsent() && site == null) {
                report(AnomalyKind.GARBAGE_READ, "T" + reader.id() + " read " + r.key() + "="
                        + r.observedValue() + ", a value no transaction wrote to that key");
                continue;
            }
            if (!reader.isCommitted() || (site != null && site.txnIndex() == t)) {
                continue;
            }
            if (site != null) {
                Txn writer = history.txns().get(site.txnIndex());
                if (!writer.isCommitted()) {
                    report(AnomalyKind.G1A, "T" + reader.id() + " read " + r.key() + "="
                            + r.observedValue() + " written by T" + writer.id()
                            + ", which aborted");
                    continue;
                }
                if (!site.finalWrite()) {
                    report(AnomalyKind.G1B, "T" + reader.id() + " read " + r.key() + "="
                            + r.observedValue() + ", which its writer T" + writer.id()
                            + " overwrote before committing");
                }
                addEdge(nodeOfTxn[site.txnIndex()], nodeOfTxn[t], Edge.Kind.WR, r.key());
                if (!site.finalWrite()) {
                    continue;
                }
            }
            Long next = order.nextAfter(r.key(), r.observedValue());
            if (next != null) {
                int installer = nodeOfTxn[history.writeOf(r.key(), next).txnIndex()];
                if (installer != nodeOfTxn[t]) {
                    addEdge(nodeOfTxn[t], installer, Edge.Kind.RW, r.key());
                }
            }
        }
    }

    private void addEdge(int from, int to, Edge.Kind kind, long key) {
        Invariants.check(from != to && from >= 0 && to >= 0,
                "DependencyGraph invariants 1-2: edge between committed distinct nodes",
                from, to, kind);
        long packed = ((long) from << 34) | ((long) to << 2) | kind.ordinal();
        if (edgeSet.add(packed)) {
            out.get(from).add(new Arc(to, new Edge(txnIds[from], txnIds[to], kind, key)));
            edgeCount++;
        }
    }

    private void report(AnomalyKind kind, String detail) {
        int count = findingCounts.merge(kind, 1, Integer::sum);
        if (count <= FINDINGS_PER_KIND_MAX) {
            findings.add(new Anomaly(kind, List.of(), detail));
        }
    }
}
