package dev.cutaway.sql.bind;

import dev.cutaway.sql.exec.BoundExpr;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A greedy join order for a FROM list: start with the first item, then repeatedly take the
 * first remaining item that some condition connects to the items already joined (a condition
 * reading columns of that item and of the joined ones only); when none is connected, take the
 * first remaining item (a cross product cannot be avoided). No costs yet: this only keeps
 * chains of join conditions from turning into cross products.
 */
final class JoinOrder {
    private JoinOrder() {}

    static int[] greedy(int n, int[] offsets, List<BoundExpr> conjuncts) {
        List<BitSet> touches = new ArrayList<>();
        for (BoundExpr c : conjuncts) {
            BitSet cols = BoundExprs.columnsRead(c);
            if (cols == null) {
                continue;
            }
            BitSet items = new BitSet();
            for (int col = cols.nextSetBit(0); col >= 0; col = cols.nextSetBit(col + 1)) {
                items.set(itemOf(col, offsets));
            }
            if (items.cardinality() >= 2) {
                touches.add(items);
            }
        }
        int[] order = new int[n];
        BitSet chosen = new BitSet();
        order[0] = 0;
        chosen.set(0);
        for (int step = 1; step < n; step++) {
            int next = -1;
            for (int k = 0; k < n && next < 0; k++) {
                if (!chosen.get(k) && connected(k, chosen, touches)) {
                    next = k;
                }
            }
            if (next < 0) {
                next = chosen.nextClearBit(0);
            }
            order[step] = next;
            chosen.set(next);
        }
        return order;
    }

    private static boolean connected(int k, BitSet chosen, List<BitSet> touches) {
        for (BitSet items : touches) {
            if (items.get(k)) {
                BitSet others = (BitSet) items.clone();
                others.clear(k);
                BitSet outside = (BitSet) others.clone();
                outside.andNot(chosen);
                if (!others.isEmpty() && outside.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int itemOf(int column, int[] offsets) {
        int k = 0;
        while (offsets[k + 1] <= column) {
            k++;
        }
        return k;
    }

    static boolean isIdentity(int[] order) {
        for (int i = 0; i < order.length; i++) {
            if (order[i] != i) {
                return false;
            }
        }
        return true;
    }
}
