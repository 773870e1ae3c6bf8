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
        return new RowCursor() {
            @Override
            public Object[] next() {
                try {
                    while (kv.next()) {
                        Object[] row = Scans.materialise(cx, table, kv.key(), kv.value(),
                                withKey, lock, decoded);
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
