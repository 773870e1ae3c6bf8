package dev.cutaway.txn.history;

import dev.cutaway.check.Invariants;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Finds witness cycles in a {@link DependencyGraph}, each of the shape a phenomenon names,
 * in time linear in the graph for G0, G1c and G2 and bounded for G-single.
 *
 * <p>Method: strongly connected components (Tarjan, iterative so thousands of transactions
 * cannot overflow the stack) of the subgraph of the allowed edge kinds. Inside a component
 * every edge lies on a cycle, so a witness through a chosen edge {@code u -> v} is that edge
 * plus a shortest path {@code v ~> u} found by breadth-first search within the component.
 *
 * <ul>
 *   <li>G0: each non-trivial component of the ww subgraph, a cycle through any of its edges.</li>
 *   <li>G1c: each component of the ww+wr subgraph holding a wr edge, a cycle through it.</li>
 *   <li>G-single: in a component of the whole graph, an rw edge {@code u -> v} with a path
 *       {@code v ~> u} of ww and wr edges only. Tried edge by edge; the total work is bounded
 *       by {@link #SINGLE_SEARCH_VISITS_MAX} edge visits per check.</li>
 *   <li>G2: a component of the whole graph with an rw edge in which no G-single was found; a
 *       cycle through that rw edge (it has two or more rw edges when the G-single search ran
 *       to completion; if the bound cut it short, the finding says so).</li>
 * </ul>
 */
final class CycleSearch {
    /** The bound on G-single search work, in edge visits, for one check. */
    static final long SINGLE_SEARCH_VISITS_MAX = 50_000_000L;

    private static final int WW = Edge.Kind.WW.bit();
    private static final int DEPENDS = WW | Edge.Kind.WR.bit();
    private static final int ALL = DEPENDS | Edge.Kind.RW.bit();

    private final DependencyGraph graph;
    private final int[] seenStamp;
    private final int[] parentNode;
    private final DependencyGraph.Arc[] parentArc;
    private final int[] queue;
    private int stamp;
    private long singleVisitsLeft;

    CycleSearch(DependencyGraph graph) {
        this(graph, SINGLE_SEARCH_VISITS_MAX);
    }

    /** With a G-single search bound of {@code singleVisitsMax} edge visits (tests lower it). */
    CycleSearch(DependencyGraph graph, long singleVisitsMax) {
        this.singleVisitsLeft = singleVisitsMax;
        this.graph = graph;
        int n = graph.nodeCount();
        this.seenStamp = new int[n];
        this.parentNode = new int[n];
        this.parentArc = new DependencyGraph.Arc[n];
        this.queue = new int[n];
    }

    /** All cycle findings, most specific kinds first. */
    List<Anomaly> findCycles() {
        List<Anomaly> found = new ArrayList<>();
        int[] wwComponent = components(WW);
        witnessPerComponent(wwComponent, WW, WW, AnomalyKind.G0, found);
        int[] dependsComponent = components(DEPENDS);
        witnessPerComponent(dependsComponent, DEPENDS, Edge.Kind.WR.bit(), AnomalyKind.G1C,
                found);
        int[] allComponent = components(ALL);
        antiDependencyCycles(allComponent, dependsComponent, found);
        return found;
    }

    /**
     * For each component (of the {@code mask} subgraph) holding an edge of kind
     * {@code throughMask} inside it, one shortest cycle through the first such edge.
     */
    private void witnessPerComponent(int[] component, int mask, int throughMask,
            AnomalyKind kind, List<Anomaly> found) {
        boolean[] done = new boolean[graph.nodeCount()];
        for (int u = 0; u < graph.nodeCount(); u++) {
            for (DependencyGraph.Arc arc : graph.out.get(u)) {
                int c = component[u];
                if ((arc.edge().kind().bit() & throughMask) != 0 && component[arc.to()] == c
                        && !done[c]) {
                    done[c] = true;
                    List<Edge> cycle = cycleThrough(u, arc, mask, component, Long.MAX_VALUE);
                    found.add(new Anomaly(kind, cycle, ""));
                }
            }
        }
    }

    private void antiDependencyCycles(int[] component, int[] dependsComponent,
            List<Anomaly> found) {
        int n = graph.nodeCount();
        boolean[] singleFound = new boolean[n];
        boolean[] bounded = new boolean[n];
        // Cheap first: an rw edge inside one ww+wr component always closes a G-single.
        for (int pass = 0; pass < 2; pass++) {
            for (int u = 0; u < n; u++) {
                for (DependencyGraph.Arc arc : graph.out.get(u)) {
                    int c = component[u];
                    if (arc.edge().kind() != Edge.Kind.RW || component[arc.to()] != c
                            || singleFound[c]) {
                        continue;
                    }
                    boolean sameDepends = dependsComponent[u] == dependsComponent[arc.to()];
                    if (pass == 0 && !sameDepends) {
                        continue;
                    }
                    long budget = sameDepends ? Long.MAX_VALUE : singleVisitsLeft;
                    if (budget <= 0) {
                        bounded[c] = true;
                        continue;
                    }
                    int[] region = sameDepends ? dependsComponent : component;
                    List<Edge> cycle = cycleThrough(u, arc, DEPENDS, region, budget);
                    if (cycle != null) {
                        singleFound[c] = true;
                        found.add(new Anomaly(AnomalyKind.G_SINGLE, cycle, ""));
                    }
                }
            }
        }
        boolean[] done = new boolean[n];
        for (int u = 0; u < n; u++) {
            for (DependencyGraph.Arc arc : graph.out.get(u)) {
                int c = component[u];
                if (arc.edge().kind() == Edge.Kind.RW && component[arc.to()] == c
                        && !singleFound[c] && !done[c]) {
                    done[c] = true;
                    List<Edge> cycle = cycleThrough(u, arc, ALL, component, Long.MAX_VALUE);
                    found.add(new Anomaly(AnomalyKind.G2, cycle, bounded[c]
                            ? "G-single search bound reached; a G-single may also exist" : ""));
                }
            }
        }
    }

    /**
     * The edge {@code u -> first.to} followed by a shortest path back to {@code u} over edges of
     * {@code mask} within {@code u}'s region of {@code region}; null if there is none or the
     * visit budget ran out (only a finite budget is charged to the G-single bound).
     */
    private List<Edge> cycleThrough(int u, DependencyGraph.Arc first, int mask, int[] region,
            long budget) {
        stamp++;
        int start = first.to();
        int head = 0;
        int tail = 0;
        queue[tail++] = start;
        seenStamp[start] = stamp;
        long visits = 0;
        boolean reached = start == u;
        while (head < tail && !reached) {
            int x = queue[head++];
            for (DependencyGraph.Arc arc : graph.out.get(x)) {
                visits++;
                int y = arc.to();
                if ((arc.edge().kind().bit() & mask) == 0 || region[y] != region[u]
                        || seenStamp[y] == stamp) {
                    continue;
                }
                seenStamp[y] = stamp;
                parentNode[y] = x;
                parentArc[y] = arc;
                if (y == u) {
                    reached = true;
                    break;
                }
                queue[tail++] = y;
            }
            if (visits > budget) {
                break;
            }
        }
        if (budget != Long.MAX_VALUE) {
            singleVisitsLeft -= visits;
        }
        if (!reached) {
            return null;
        }
        List<Edge> back = new ArrayList<>();
        for (int y = u; y != start; y = parentNode[y]) {
            back.add(parentArc[y].edge());
        }
        Collections.reverse(back);
        List<Edge> cycle = new ArrayList<>();
        cycle.add(first.edge());
        cycle.addAll(back);
        checkWitness(cycle, mask);
        return cycle;
    }

    /** A witness is a closed walk, its path back over edges of the kinds searched. */
    private static void checkWitness(List<Edge> cycle, int mask) {
        for (int i = 0; i < cycle.size(); i++) {
            Edge edge = cycle.get(i);
            Invariants.check(edge.to() == cycle.get((i + 1) % cycle.size()).from()
                    && (i == 0 || (edge.kind().bit() & mask) != 0),
                    "CycleSearch: witness is a cycle", cycle);
        }
    }

    /** Tarjan's strongly connected components of the {@code mask} subgraph: component ids. */
    int[] components(int mask) {
        int n = graph.nodeCount();
        int[] index = new int[n];
        int[] low = new int[n];
        int[] component = new int[n];
        boolean[] onStack = new boolean[n];
        Arrays.fill(index, -1);
        int[] stack = new int[n];
        int stackSize = 0;
        int[] callNode = new int[n];
        int[] callArc = new int[n];
        int nextIndex = 0;
        int nextComponent = 0;
        for (int root = 0; root < n; root++) {
            if (index[root] != -1) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callArc[0] = 0;
            index[root] = low[root] = nextIndex++;
            stack[stackSize++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callNode[depth];
                List<DependencyGraph.Arc> arcs = graph.out.get(v);
                if (callArc[depth] < arcs.size()) {
                    DependencyGraph.Arc arc = arcs.get(callArc[depth]++);
                    int w = arc.to();
                    if ((arc.edge().kind().bit() & mask) == 0) {
                        continue;
                    }
                    if (index[w] == -1) {
                        index[w] = low[w] = nextIndex++;
                        stack[stackSize++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callArc[depth] = 0;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                if (low[v] == index[v]) {
                    int w;
                    do {
                        w = stack[--stackSize];
                        onStack[w] = false;
                        component[w] = nextComponent;
                    } while (w != v);
                    nextComponent++;
                }
                depth--;
                if (depth >= 0) {
                    int parent = callNode[depth];
                    low[parent] = Math.min(low[parent], low[v]);
                }
            }
        }
        return component;
    }
}
