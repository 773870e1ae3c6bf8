package dev.cutaway.sql.exec;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.types.TypeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * A scan of the rows whose one-column primary key lies in a range, in key order: the bounds
 * (either may be absent) are evaluated per open, so they may be parameters or outer
 * references, and turned into row keys, so only the rows in the range are read. With an
 * integer key (the binder only plans this for one), row keys order as the values do.
 *
 * <p>Row keys are {@code prefix(table) + key encoding}, and no row key is a proper prefix of
 * another, so the strict successor of key {@code k} in the key space is {@code k + 0x00}:
 * an exclusive low bound starts there, an inclusive high bound ends there (the end is
 * exclusive). A NULL bound matches no row (the comparison is never true). The conditions stay
 * as a filter above this scan, so the range only has to include every matching row; a bound
 * outside the key type's range (a bigint against an integer key) is clamped to it.
 *
 * <p>With {@code descending} the same range is read backwards (the transaction's cursors go
 * both ways), in descending key order: that is how ORDER BY pk DESC is served without a sort
 * ({@code bind/OrderedAccess}); with no bounds at all it reads the whole table backwards, for
 * any key type (bounds are only planned on integer keys).
 */
public record KeyRangeScan(Relation.Table table, BoundExpr low, boolean lowInclusive,
        BoundExpr high, boolean highInclusive, boolean withKey, RowLock lock,
        boolean descending, boolean[] decoded) implements Plan {

    /** An ascending range scan. */
    public KeyRangeScan(Relation.Table table, BoundExpr low, boolean lowInclusive,
            BoundExpr high, boolean highInclusive, boolean withKey, RowLock lock) {
        this(table, low, lowInclusive, high, highInclusive, withKey, lock, false);
    }

    /** A range scan that decodes every column. */
    public KeyRangeScan(Relation.Table table, BoundExpr low, boolean lowInclusive,
            BoundExpr high, boolean highInclusive, boolean withKey, RowLock lock,
            boolean descending) {
        this(table, low, lowInclusive, high, highInclusive, withKey, lock, descending, null);
    }

    /** The same range read in the other direction. */
    public KeyRangeScan reversed() {
        return new KeyRangeScan(table, low, lowInclusive, high, highInclusive, withKey, lock,
                !descending, decoded);
    }

    /** The same scan building only the columns {@code columns} marks ({@link ColumnPruning}). */
    KeyRangeScan decoding(boolean[] columns) {
        return new KeyRangeScan(table, low, lowInclusive, high, highInclusive, withKey, lock,
                descending, columns);
    }

    @Override
    public List<Column> columns() {
        return Scans.tableColumns(table, withKey);
    }

    @Override
    public RowCursor open(ExecContext cx, Frame outer) {
        Frame at = outer.push(Scans.NO_ROW);
        Object lowValue = low == null ? null : low.eval(at, cx);
        Object highValue = high == null ? null : high.eval(at, cx);
        if (low != null && lowValue == null || high != null && highValue == null) {
            return () -> null;
        }
        byte[] from = lowKey(lowValue);
        byte[] to = highKey(highValue);
        if (from == null || to == null || Arrays.compareUnsigned(from, to) >= 0) {
            return () -> null;
        }
        KvCursor kv = TableRows.scan(cx.txn(), from, to, !descending);
        List<dev.cutaway.sql.types.SqlType> types = Scans.columnTypes(table);
        return new RowCursor() {
            @Override
            public Object[] next() {
                try {
                    while (kv.next()) {
                        Object[] row = Scans.materialise(cx, table, types, kv, withKey,
                                lock, decoded);
                        if (row != null) {
                            return row;
                        }
                    }
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
                kv.close();
            }
        };
    }

    /** Where the scan starts; null when no row can match (a bound above the type's range). */
    private byte[] lowKey(Object value) {
        if (low == null) {
            return TableRows.prefix(table.id());
        }
        long x = ((Number) value).longValue();
        if (x > maxOfKey()) {
            return null;
        }
        return x < minOfKey() ? TableRows.prefix(table.id()) : bound(x, !lowInclusive);
    }

    /** Where the scan ends (exclusive); null when no row can match. */
    private byte[] highKey(Object value) {
        if (high == null) {
            return TableRows.prefixEnd(table.id());
        }
        long x = ((Number) value).longValue();
        if (x < minOfKey()) {
            return null;
        }
        return x > maxOfKey() ? TableRows.prefixEnd(table.id()) : bound(x, highInclusive);
    }

    private TypeId keyType() {
        return table.columns().get(table.primaryKey().getFirst()).type().id();
    }

    private long minOfKey() {
        return switch (keyType()) {
            case SMALLINT -> Short.MIN_VALUE;
            case INTEGER -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
    }

    private long maxOfKey() {
        return switch (keyType()) {
            case SMALLINT -> Short.MAX_VALUE;
            case INTEGER -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    /** The row key of {@code x} (within the key type's range), or its strict successor. */
    private byte[] bound(long x, boolean after) {
        Object value = switch (keyType()) {
            case SMALLINT -> (short) x;
            case INTEGER -> (int) x;
            default -> x;
        };
        byte[] key = TableRows.primaryKey(table, List.of(value));
        return after ? Arrays.copyOf(key, key.length + 1) : key;
    }

    /**
     * {@code condition} (a filter above this scan) without the terms the range already
     * guarantees, or null when none is left. A term is implied when it compares the key
     * column with one of this scan's own bound expressions the way the range does: {@code key
     * BETWEEN low AND high} (both inclusive, not symmetric, not negated), {@code key >= low} or
     * {@code key > low}, {@code key <= high} or {@code key < high} (either way round). The
     * bound must be stable ({@link #stable}): evaluated once at open it has the value the filter
     * would see per row, so every row the scan returns passes the term (a NULL bound reads no
     * row, as the term passes none). The bounds are integers (the binder plans this scan only
     * for those), so the key order is the numeric order the term compares in.
     */
    BoundExpr residual(BoundExpr condition) {
        List<BoundExpr> terms = condition instanceof BoundExpr.And a ? a.terms()
                : List.of(condition);
        List<BoundExpr> left = new java.util.ArrayList<>(terms.size());
        for (BoundExpr t : terms) {
            if (!implied(t)) {
                left.add(t);
            }
        }
        if (left.size() == terms.size()) {
            return condition;
        }
        return left.isEmpty() ? null
                : left.size() == 1 ? left.getFirst() : new BoundExpr.And(List.copyOf(left));
    }

    private boolean implied(BoundExpr term) {
        if (term instanceof BoundExpr.Between b) {
            return !b.symmetric() && !b.negated() && isKey(b.operand()) && lowInclusive
                    && highInclusive && isLow(b.low()) && isHigh(b.high());
        }
        if (!(term instanceof BoundExpr.Binary b)) {
            return false;
        }
        String op = b.op().name();
        if (isKey(b.left())) {
            return impliedComparison(op, b.right());
        }
        if (isKey(b.right())) {
            return impliedComparison(switch (op) {
                case ">=" -> "<=";
                case ">" -> "<";
                case "<=" -> ">=";
                case "<" -> ">";
                default -> op;
            }, b.left());
        }
        return false;
    }

    /** Whether {@code key op value} holds for every row of the range. */
    private boolean impliedComparison(String op, BoundExpr value) {
        return switch (op) {
            case ">=" -> lowInclusive && isLow(value);
            case ">" -> !lowInclusive && isLow(value);
            case "<=" -> highInclusive && isHigh(value);
            case "<" -> !highInclusive && isHigh(value);
            default -> false;
        };
    }

    private boolean isLow(BoundExpr e) {
        return low != null && low.equals(e) && stable(e);
    }

    private boolean isHigh(BoundExpr e) {
        return high != null && high.equals(e) && stable(e);
    }

    private boolean isKey(BoundExpr e) {
        return e instanceof BoundExpr.ColRef c && c.depth() == 0
                && c.index() == table.primaryKey().getFirst() && table.primaryKey().size() == 1;
    }

    /**
     * Whether {@code e} has one value for the whole of one open of the scan: constants,
     * parameters, outer rows' columns, and operators and casts over those (no function call:
     * one could be volatile; no subquery).
     */
    public static boolean stable(BoundExpr e) {
        return switch (e) {
            case BoundExpr.Const c -> true;
            case BoundExpr.Param p -> true;
            case BoundExpr.ColRef r -> r.depth() > 0;
            case BoundExpr.Binary b -> stable(b.left()) && stable(b.right());
            case BoundExpr.Unary u -> stable(u.operand());
            case BoundExpr.Cast c -> stable(c.operand());
            default -> false;
        };
    }

    @Override
    public String describe() {
        String backward = descending ? " Backward" : "";
        if (low == null && high == null) {
            return "Key Scan" + backward + " on " + table.name()
                    + (lock == null ? "" : " (lock " + lock.mode() + ")");
        }
        return "Key Range Scan" + backward + " on " + table.name() + " ("
                + (low == null ? "" : (lowInclusive ? ">= " : "> ") + "low")
                + (low != null && high != null ? ", " : "")
                + (high == null ? "" : (highInclusive ? "<= " : "< ") + "high") + ")"
                + (lock == null ? "" : " (lock " + lock.mode() + ")");
    }
}
