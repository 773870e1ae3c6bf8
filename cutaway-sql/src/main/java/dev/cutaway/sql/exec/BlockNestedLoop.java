package dev.cutaway.sql.exec;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The cursor of a {@link Joins.NestedLoop}: left rows in blocks, each block tested against
 * one pass over the right rows. A block is one row while the right rows are in memory (and
 * for LATERAL, whose right rows belong to one left row), so the output is in left-row order
 * as before; with spilled right rows a block holds the row budget's worth of left rows.
 *
 * <p>State per block: which of its left rows matched (for LEFT/FULL, emitted after the pass);
 * across blocks, a bit per right row that matched (for RIGHT/FULL, emitted after the last
 * block by one more pass) — one bit per right row is the only memory that grows with the
 * input. A state machine so that rows stream out one {@link #next()} at a time.
 */
final class BlockNestedLoop implements RowCursor {
    private enum Phase { LOAD, SCAN, UNMATCHED_LEFT, UNMATCHED_RIGHT, DONE }

    private final Joins.NestedLoop plan;
    private final ExecContext cx;
    private final Frame outer;
    private final RowCursor lefts;
    private final RowBuffer rights;
    private final int lw;
    private final int rw;
    private final int blockRows;
    private final boolean leftOuter;
    private final BitSet rightMatched;
    private Phase phase = Phase.LOAD;
    private final List<Object[]> block = new ArrayList<>();
    private boolean[] blockMatched;
    private RowBuffer lateralRights;
    private RowCursor scan;
    private Object[] right;
    private int rightIndex;
    private int next;

    BlockNestedLoop(Joins.NestedLoop plan, ExecContext cx, Frame outer, RowCursor lefts,
            RowBuffer rights) {
        this.plan = plan;
        this.cx = cx;
        this.outer = outer;
        this.lefts = lefts;
        this.rights = rights;
        this.lw = plan.left().columns().size();
        this.rw = plan.right().columns().size();
        this.blockRows = rights != null && rights.spilled()
                ? (int) Math.min(cx.rowsInMemoryMax(), 1 << 20) : 1;
        this.leftOuter = plan.kind() == Joins.Kind.LEFT || plan.kind() == Joins.Kind.FULL;
        boolean rightOuter = plan.kind() == Joins.Kind.RIGHT || plan.kind() == Joins.Kind.FULL;
        this.rightMatched = rightOuter && rights != null ? new BitSet() : null;
    }

    @Override
    public Object[] next() {
        while (true) {
            Object[] row = switch (phase) {
                case LOAD -> load();
                case SCAN -> scan();
                case UNMATCHED_LEFT -> unmatchedLeft();
                case UNMATCHED_RIGHT -> unmatchedRight();
                case DONE -> null;
            };
            if (row != null || phase == Phase.DONE) {
                return row;
            }
        }
    }

    private Object[] load() {
        block.clear();
        for (Object[] l = block.size() < blockRows ? lefts.next() : null; l != null;
                l = block.size() < blockRows ? lefts.next() : null) {
            block.add(l);
        }
        if (block.isEmpty()) {
            if (rightMatched != null) {
                scan = rights.cursor();
                rightIndex = -1;
                phase = Phase.UNMATCHED_RIGHT;
            } else {
                phase = Phase.DONE;
            }
            return null;
        }
        blockMatched = new boolean[block.size()];
        if (rights == null) {
            lateralRights = RowBuffer.of(plan.right(), cx, outer.push(block.get(0)));
            scan = lateralRights.cursor();
        } else {
            scan = rights.cursor();
        }
        right = null;
        rightIndex = -1;
        next = block.size();
        phase = Phase.SCAN;
        return null;
    }

    private Object[] scan() {
        while (true) {
            if (next >= block.size()) {
                right = scan.next();
                rightIndex++;
                next = 0;
                if (right == null) {
                    endScan();
                    phase = Phase.UNMATCHED_LEFT;
                    return null;
                }
            }
            while (next < block.size()) {
                int i = next++;
                Object[] row = Joins.combine(block.get(i), right, lw, rw);
                if (plan.condition() == null
                        || BoundExpr.isTrue(plan.condition(), outer.push(row), cx)) {
                    blockMatched[i] = true;
                    if (rightMatched != null) {
                        rightMatched.set(rightIndex);
                    }
                    return row;
                }
            }
        }
    }

    private void endScan() {
        scan.close();
        scan = null;
        if (lateralRights != null) {
            lateralRights.release();
            lateralRights = null;
        }
    }

    private Object[] unmatchedLeft() {
        while (next < block.size()) {
            int i = next++;
            if (!blockMatched[i] && leftOuter) {
                return Joins.combine(block.get(i), null, lw, rw);
            }
        }
        phase = Phase.LOAD;
        return null;
    }

    private Object[] unmatchedRight() {
        for (Object[] r = scan.next(); r != null; r = scan.next()) {
            if (!rightMatched.get(++rightIndex)) {
                return Joins.combine(null, r, lw, rw);
            }
        }
        endScan();
        phase = Phase.DONE;
        return null;
    }

    @Override
    public void close() {
        phase = Phase.DONE;
        lefts.close();
        if (scan != null) {
            endScan();
        }
        if (rights != null) {
            rights.release();
        }
    }
}
