package dev.cutaway.sql.exec;

import dev.cutaway.sql.types.TypeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The execution of one {@link Joins.Hash}: a hash table of the right (build) input, probed by
 * each left row; inner, left, right and full joins. Right rows remember whether some left row
 * matched them, so that RIGHT and FULL joins can add the unmatched ones at the end; rows whose
 * key has a NULL never match (they pass through unmatched for the outer side they are on).
 *
 * <p>Beyond the row budget it becomes a grace hash join: the build rows held so far and the
 * rest of the right input are written to hash partitions by key, then the whole left input
 * too, and each pair of partitions is joined on its own, one level deeper (recursively
 * partitioned again if its right side is still too big). Equal keys meet in the same pair,
 * so matches and the matched flags of outer joins stay exact. Many right rows with one key
 * cannot be split: after {@link Partitions#LEVELS_MAX} levels that fails with 53200.
 */
final class GraceHashJoin {
    private final Joins.Hash plan;
    private final ExecContext cx;
    private final Frame outer;
    private final TypeId[] types;
    private final int lw;
    private final int rw;
    private final boolean leftOuter;
    private final boolean rightOuter;

    /** A build row and whether a left row has matched it. */
    private static final class Build {
        final Object[] row;
        boolean matched;

        Build(Object[] row) {
            this.row = row;
        }
    }

    GraceHashJoin(Joins.Hash plan, ExecContext cx, Frame outer) {
        this.plan = plan;
        this.cx = cx;
        this.outer = outer;
        this.types = new TypeId[plan.leftKeys().size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = plan.leftKeys().get(i).type().id();
        }
        this.lw = plan.left().columns().size();
        this.rw = plan.right().columns().size();
        this.leftOuter = plan.kind() == Joins.Kind.LEFT || plan.kind() == Joins.Kind.FULL;
        this.rightOuter = plan.kind() == Joins.Kind.RIGHT || plan.kind() == Joins.Kind.FULL;
    }

    RowCursor join(RowCursor leftIn, RowCursor rightIn, int level) {
        Map<RowKey, List<Build>> table = new HashMap<>();
        RowBuffer nullRights = new RowBuffer(cx);
        Partitions rights = null;
        long held = 0;
        try (rightIn) {
            for (Object[] r = rightIn.next(); r != null; r = rightIn.next()) {
                RowKey k = key(plan.rightKeys(), r);
                if (k == null) {
                    if (rightOuter) {
                        nullRights.add(r);
                    }
                    continue;
                }
                if (rights == null && cx.mustSpill(held + 1)) {
                    Partitions.checkLevel(level, cx);
                    rights = new Partitions(cx.spill(), level);
                    for (var e : table.entrySet()) {
                        for (Build b : e.getValue()) {
                            rights.add(b.row, e.getKey().hashCode());
                        }
                    }
                    table.clear();
                }
                if (rights != null) {
                    rights.add(r, k.hashCode());
                } else {
                    table.computeIfAbsent(k, x -> new ArrayList<>()).add(new Build(r));
                    held++;
                }
            }
        } catch (RuntimeException e) {
            leftIn.close();
            throw e;
        }
        RowCursor body = rights == null ? Partitions.concat(probe(leftIn, table),
                () -> unmatchedRights(table)) : partitioned(leftIn, rights, level);
        return Partitions.concat(body,
                () -> map(nullRights.cursor(), r -> Joins.combine(null, r, lw, rw)));
    }

    private RowCursor partitioned(RowCursor leftIn, Partitions rights, int level) {
        Partitions lefts = new Partitions(cx.spill(), level);
        RowBuffer nullLefts = new RowBuffer(cx);
        try (leftIn) {
            for (Object[] l = leftIn.next(); l != null; l = leftIn.next()) {
                RowKey k = key(plan.leftKeys(), l);
                if (k != null) {
                    lefts.add(l, k.hashCode());
                } else if (leftOuter) {
                    nullLefts.add(l);
                }
            }
        }
        List<Spill.Run> leftRuns = lefts.finish();
        List<Spill.Run> rightRuns = rights.finish();
        Spill spill = cx.spill();
        RowCursor pairs = Partitions.each(leftRuns.size(), i -> join(spill.read(leftRuns.get(i)),
                spill.read(rightRuns.get(i)), level + 1), i -> {
                    spill.delete(leftRuns.get(i));
                    spill.delete(rightRuns.get(i));
                });
        return Partitions.concat(pairs,
                () -> map(nullLefts.cursor(), l -> Joins.combine(l, null, lw, rw)));
    }

    private RowCursor probe(RowCursor in, Map<RowKey, List<Build>> table) {
        return new RowCursor() {
            Object[] current;
            List<Build> candidates;
            int next;
            boolean matched;

            @Override
            public Object[] next() {
                while (true) {
                    if (current == null) {
                        current = in.next();
                        if (current == null) {
                            return null;
                        }
                        RowKey k = key(plan.leftKeys(), current);
                        candidates = k == null ? List.of() : table.getOrDefault(k, List.of());
                        next = 0;
                        matched = false;
                    }
                    while (next < candidates.size()) {
                        Build b = candidates.get(next++);
                        Object[] row = Joins.combine(current, b.row, lw, rw);
                        if (plan.residual() == null
                                || BoundExpr.isTrue(plan.residual(), outer.push(row), cx)) {
                            matched = true;
                            b.matched = true;
                            return row;
                        }
                    }
                    Object[] l = current;
                    current = null;
                    if (!matched && leftOuter) {
                        return Joins.combine(l, null, lw, rw);
                    }
                }
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    private RowCursor unmatchedRights(Map<RowKey, List<Build>> table) {
        if (!rightOuter) {
            return () -> null;
        }
        var lists = table.values().iterator();
        return new RowCursor() {
            List<Build> list = List.of();
            int next;

            @Override
            public Object[] next() {
                while (true) {
                    while (next < list.size()) {
                        Build b = list.get(next++);
                        if (!b.matched) {
                            return Joins.combine(null, b.row, lw, rw);
                        }
                    }
                    if (!lists.hasNext()) {
                        return null;
                    }
                    list = lists.next();
                    next = 0;
                }
            }
        };
    }

    static RowCursor map(RowCursor in, UnaryOperator<Object[]> f) {
        return new RowCursor() {
            @Override
            public Object[] next() {
                Object[] row = in.next();
                return row == null ? null : f.apply(row);
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    private RowKey key(List<BoundExpr> exprs, Object[] row) {
        Frame f = outer.push(row);
        Object[] values = new Object[exprs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = exprs.get(i).eval(f, cx);
            if (values[i] == null) {
                return null;
            }
        }
        return new RowKey(values, types);
    }
}
