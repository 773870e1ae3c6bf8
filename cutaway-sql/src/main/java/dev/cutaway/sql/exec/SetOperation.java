package dev.cutaway.sql.exec;

import dev.cutaway.sql.types.TypeId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * UNION, INTERSECT and EXCEPT, with or without ALL, over two inputs whose columns the binder
 * has already cast to common types. Duplicate rows are detected with SQL equality where two
 * NULLs count as equal (as PostgreSQL's set operations do). UNION ALL streams; UNION is a
 * DISTINCT over both inputs; INTERSECT and EXCEPT count the right input's rows in a hash
 * table. Beyond the row budget both spill by hash partition (ADR 0015).
 */
public record SetOperation(Op op, boolean all, Plan left, Plan right, List<Column> columns)
        implements Plan {

    public enum Op { UNION, INTERSECT, EXCEPT }

    @Override
    public RowCursor open(ExecContext cx, Frame outer) {
        TypeId[] types = RowOps.types(columns, columns.size());
        int width = columns.size();
        RowCursor l = left.open(cx, outer);
        if (op == Op.UNION) {
            RowCursor both = Partitions.concat(l, () -> right.open(cx, outer));
            return all ? both : distinct(both, width, types, cx, 0);
        }
        RowCursor r;
        try {
            r = right.open(cx, outer);
        } catch (RuntimeException e) {
            l.close();
            throw e;
        }
        return compare(l, r, false, types, cx, 0);
    }

    /**
     * DISTINCT over the first {@code width} columns of {@code in}: the first row of each key
     * passes. Keys seen are held up to the budget; rows with other keys then go to hash
     * partitions, each made distinct afterwards (a key lives in one partition only, so its
     * first row there is its first row overall).
     */
    static RowCursor distinct(RowCursor in, int width, TypeId[] types, ExecContext cx,
            int level) {
        Set<RowKey> seen = new HashSet<>();
        return new RowCursor() {
            Partitions spilled;
            RowCursor rest;
            boolean inputDone;

            @Override
            public Object[] next() {
                if (!inputDone) {
                    for (Object[] row = in.next(); row != null; row = in.next()) {
                        RowKey k = new RowKey(java.util.Arrays.copyOf(row, width), types);
                        if (seen.contains(k)) {
                            continue;
                        }
                        if (spilled == null && cx.mustSpill(seen.size() + 1L)) {
                            Partitions.checkLevel(level, cx);
                            spilled = new Partitions(cx.spill(), level);
                        }
                        if (spilled != null) {
                            spilled.add(row, k.hashCode());
                            continue;
                        }
                        seen.add(k);
                        return row;
                    }
                    inputDone = true;
                    in.close();
                    seen.clear();
                    if (spilled != null) {
                        rest = Partitions.each(spilled.finish(), cx.spill(), run -> distinct(
                                cx.spill().read(run), width, types, cx, level + 1));
                    }
                }
                return rest == null ? null : rest.next();
            }

            @Override
            public void close() {
                in.close();
                if (rest != null) {
                    rest.close();
                }
            }
        };
    }

    /**
     * INTERSECT / EXCEPT [ALL]: counts of the right rows by key (with {@code counted}, each
     * right row carries its count in an extra last column — the form of spilled partitions),
     * then the left rows are checked against them. Without ALL the left input is made
     * distinct first. When the counts outgrow the budget, both sides are hash-partitioned
     * and each pair of partitions is compared on its own.
     */
    private RowCursor compare(RowCursor l, RowCursor r, boolean counted, TypeId[] types,
            ExecContext cx, int level) {
        int width = types.length;
        Map<RowKey, long[]> counts = new HashMap<>();
        Partitions rights = null;
        try (r) {
            for (Object[] row = r.next(); row != null; row = r.next()) {
                long n = counted ? (Long) row[width] : 1;
                Object[] values = counted ? java.util.Arrays.copyOf(row, width) : row;
                RowKey k = new RowKey(values, types);
                long[] c = counts.get(k);
                if (c != null) {
                    c[0] += n;
                    continue;
                }
                if (rights == null && cx.mustSpill(counts.size() + 1L)) {
                    Partitions.checkLevel(level, cx);
                    rights = new Partitions(cx.spill(), level);
                    for (var e : counts.entrySet()) {
                        rights.add(withCount(e.getKey().values(), e.getValue()[0]),
                                e.getKey().hashCode());
                    }
                    counts.clear();
                }
                if (rights != null) {
                    rights.add(withCount(values, n), k.hashCode());
                } else {
                    counts.put(k, new long[] {n});
                }
            }
        } catch (RuntimeException e) {
            l.close();
            throw e;
        }
        if (rights == null) {
            return probe(all ? l : distinct(l, width, types, cx, level), counts, types);
        }
        Partitions lefts = new Partitions(cx.spill(), level);
        try (l) {
            for (Object[] row = l.next(); row != null; row = l.next()) {
                lefts.add(row, new RowKey(row, types).hashCode());
            }
        }
        List<Spill.Run> leftRuns = lefts.finish();
        List<Spill.Run> rightRuns = rights.finish();
        Spill spill = cx.spill();
        return Partitions.each(leftRuns.size(), i -> compare(spill.read(leftRuns.get(i)),
                spill.read(rightRuns.get(i)), true, types, cx, level + 1), i -> {
                    spill.delete(leftRuns.get(i));
                    spill.delete(rightRuns.get(i));
                });
    }

    private static Object[] withCount(Object[] values, long count) {
        Object[] out = java.util.Arrays.copyOf(values, values.length + 1);
        out[values.length] = count;
        return out;
    }

    /** Left rows checked against the right counts (left already distinct without ALL). */
    private RowCursor probe(RowCursor l, Map<RowKey, long[]> counts, TypeId[] types) {
        return new RowCursor() {
            @Override
            public Object[] next() {
                for (Object[] row = l.next(); row != null; row = l.next()) {
                    long[] n = counts.get(new RowKey(row, types));
                    boolean inRight = n != null && n[0] > 0;
                    if (!all) {
                        if ((op == Op.INTERSECT) == inRight) {
                            return row;
                        }
                    } else if (op == Op.INTERSECT && inRight) {
                        n[0]--;
                        return row;
                    } else if (op == Op.EXCEPT) {
                        if (!inRight) {
                            return row;
                        }
                        n[0]--;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                l.close();
            }
        };
    }

    @Override
    public String describe() {
        return op + (all ? " ALL" : "");
    }

    @Override
    public List<Plan> children() {
        return List.of(left, right);
    }
}
