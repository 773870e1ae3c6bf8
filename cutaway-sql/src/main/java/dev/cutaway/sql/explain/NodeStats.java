package dev.cutaway.sql.explain;

import dev.cutaway.kv.ReadEvidence;

/**
 * What one operator did during EXPLAIN ANALYZE, summed over its loops (opens): rows
 * returned, time until the first row and in total (inclusive of its inputs, as PostgreSQL
 * reports), and the KV read evidence its calls caused (inclusive too: an operator's pull
 * makes its inputs read). Exclusive figures are the node's minus its children's.
 * Single-threaded: one statement runs on one thread.
 */
public final class NodeStats {
    long loops;
    long rows;
    long firstRowNanos;
    long totalNanos;
    final long[] evidence = new long[ReadEvidence.size()];

    public long loops() {
        return loops;
    }

    public long rows() {
        return rows;
    }

    public long firstRowNanos() {
        return firstRowNanos;
    }

    public long totalNanos() {
        return totalNanos;
    }

    /** Counter {@code c}, inclusive of the inputs. */
    public long evidence(ReadEvidence.Counter c) {
        return evidence[c.ordinal()];
    }

    void addEvidence(long[] before, long[] after) {
        for (int i = 0; i < evidence.length; i++) {
            evidence[i] += after[i] - before[i];
        }
    }
}
