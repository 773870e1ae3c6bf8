package dev.cutaway.txn.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The cycle search against brute force on small random histories (any reads, random commit
 * and abort, a random explicit version order, so every phenomenon can occur): every simple
 * cycle of the dependency graph is enumerated, and the kinds the checker reports must be
 * exactly those the definitions give, each witness a real cycle of its kind.
 */
class CycleClassificationPropertiesTest {

    @Property(tries = 1000)
    void reportedCycleKindsMatchBruteForce(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        History history = randomHistory(random);
        VersionOrder order = randomOrder(history, random);
        DependencyGraph graph = new DependencyGraph(history, order);
        Set<AnomalyKind> expected = bruteForceKinds(graph);
        CheckResult result = HistoryChecker.check(history, order);
        Set<AnomalyKind> reported = EnumSet.noneOf(AnomalyKind.class);
        for (Anomaly anomaly : result.anomalies()) {
            if (!anomaly.cycle().isEmpty()) {
                reported.add(anomaly.kind());
                assertWitness(anomaly, graph);
            }
        }
        net.jqwik.api.statistics.Statistics.collect(reported.toString());
        String context = history + result.describe();
        for (AnomalyKind kind : List.of(AnomalyKind.G0, AnomalyKind.G1C, AnomalyKind.G_SINGLE)) {
            assertThat(reported.contains(kind)).as(kind + "\n" + context)
                    .isEqualTo(expected.contains(kind));
        }
        boolean antiCycle = expected.contains(AnomalyKind.G_SINGLE)
                || expected.contains(AnomalyKind.G2);
        assertThat(reported.contains(AnomalyKind.G_SINGLE) || reported.contains(AnomalyKind.G2))
                .as("some anti-dependency cycle\n" + context).isEqualTo(antiCycle);
        if (reported.contains(AnomalyKind.G2)) {
            assertThat(expected).as(context).contains(AnomalyKind.G2);
        }
    }

    private static void assertWitness(Anomaly anomaly, DependencyGraph graph) {
        List<Edge> cycle = anomaly.cycle();
        Set<Edge> edges = new java.util.HashSet<>();
        graph.out.forEach(arcs -> arcs.forEach(a -> edges.add(a.edge())));
        for (int i = 0; i < cycle.size(); i++) {
            assertThat(edges).as(anomaly.toString()).contains(cycle.get(i));
            assertThat(cycle.get(i).to()).as(anomaly.toString())
                    .isEqualTo(cycle.get((i + 1) % cycle.size()).from());
        }
        assertThat(kindOf(cycle)).as(anomaly.toString()).satisfiesAnyOf(
                k -> assertThat(k).isEqualTo(anomaly.kind()),
                k -> assertThat(anomaly.detail()).contains("bound reached"));
    }

    /** The most specific kind of one cycle by Adya's definitions. */
    private static AnomalyKind kindOf(List<Edge> cycle) {
        long rw = cycle.stream().filter(e -> e.kind() == Edge.Kind.RW).count();
        long wr = cycle.stream().filter(e -> e.kind() == Edge.Kind.WR).count();
        if (rw == 1) {
            return AnomalyKind.G_SINGLE;
        }
        if (rw > 1) {
            return AnomalyKind.G2;
        }
        return wr > 0 ? AnomalyKind.G1C : AnomalyKind.G0;
    }

    /** Kinds of all simple cycles (G2 only for cycles with two or more rw edges). */
    private static Set<AnomalyKind> bruteForceKinds(DependencyGraph graph) {
        Set<AnomalyKind> kinds = EnumSet.noneOf(AnomalyKind.class);
        int n = graph.nodeCount();
        for (int start = 0; start < n; start++) {
            walk(graph, start, start, new boolean[n], new ArrayList<>(), kinds);
        }
        return kinds;
    }

    private static void walk(DependencyGraph graph, int start, int at, boolean[] onPath,
            List<Edge> path, Set<AnomalyKind> kinds) {
        onPath[at] = true;
        for (DependencyGraph.Arc arc : graph.out.get(at)) {
            int to = arc.to();
            if (to < start) {
                continue;
            }
            path.add(arc.edge());
            if (to == start) {
                kinds.add(kindOf(path));
            } else if (!onPath[to]) {
                walk(graph, start, to, onPath, path, kinds);
            }
            path.removeLast();
        }
        onPath[at] = false;
    }

    private static History randomHistory(SplittableRandom random) {
        int txnCount = 2 + random.nextInt(4);
        int keys = 1 + random.nextInt(3);
        List<List<Op>> ops = new ArrayList<>();
        for (int t = 0; t < txnCount; t++) {
            ops.add(new ArrayList<>());
        }
        List<long[]> written = new ArrayList<>(); // {key, value}
        long valueNext = 1;
        int steps = txnCount * (1 + random.nextInt(4));
        for (int s = 0; s < steps; s++) {
            List<Op> txnOps = ops.get(random.nextInt(txnCount));
            long key = random.nextInt(keys);
            if (random.nextInt(3) == 0) {
                txnOps.add(new Op.Write(key, valueNext));
                written.add(new long[] {key, valueNext++});
            } else {
                List<Long> candidates = new ArrayList<>();
                written.forEach(kv -> {
                    if (kv[0] == key) {
                        candidates.add(kv[1]);
                    }
                });
                int pick = random.nextInt(candidates.size() + 1);
                txnOps.add(new Op.Read(key, pick == candidates.size() ? null
                        : candidates.get(pick)));
            }
        }
        List<Long> sequences = new ArrayList<>();
        for (long i = 0; i < txnCount; i++) {
            sequences.add(i);
        }
        Collections.shuffle(sequences, random);
        List<Txn> txns = new ArrayList<>();
        for (int t = 0; t < txnCount; t++) {
            boolean commit = random.nextInt(5) != 0;
            txns.add(new Txn(t + 1, commit ? Txn.Status.COMMITTED : Txn.Status.ABORTED,
                    ops.get(t), commit ? sequences.get(t) : Txn.NO_COMMIT));
        }
        return new History(txns);
    }

    private static VersionOrder randomOrder(History history, SplittableRandom random) {
        Map<Long, List<Long>> installed = new HashMap<>();
        for (Txn txn : history.txns()) {
            if (!txn.isCommitted()) {
                continue;
            }
            Map<Long, Long> last = new HashMap<>();
            txn.ops().forEach(op -> {
                if (op instanceof Op.Write w) {
                    last.put(w.key(), w.value());
                }
            });
            last.forEach((k, v) -> installed.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        Map<Long, long[]> order = new HashMap<>();
        installed.forEach((key, values) -> {
            Collections.shuffle(values, random);
            order.put(key, values.stream().mapToLong(Long::longValue).toArray());
        });
        return VersionOrder.explicit(order);
    }
}
