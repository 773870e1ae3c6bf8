package dev.cutaway.sql.exec;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.types.SqlType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/**
 * Leaf operators: table scans (sequential over the table's key range, or point lookups by
 * primary key), VALUES, generate_series, and the one empty row of a SELECT without FROM.
 */
public final class Scans {
    /** The row of a level that has none (expressions there refer to outer rows only). */
    static final Object[] NO_ROW = new Object[0];

    /**
     * A looked-up key value in its column's representation: the binder lets any integer type
     * look up any integer column (they encode alike), so a bigint value for an int column is
     * narrowed here, and one outside the column's range is null (it can match no row).
     */
    static Object keyValue(Object v, SqlType column) {
        if (!(v instanceof Short || v instanceof Integer || v instanceof Long)) {
            return v;
        }
        long x = ((Number) v).longValue();
        return switch (column.id()) {
            case SMALLINT -> x == (short) x ? (Object) (short) x : null;
            case INTEGER -> x == (int) x ? (Object) (int) x : null;
            case BIGINT -> x;
            default -> v;
        };
    }

    private Scans() {}

    /** The column types of {@code table} as a list whose {@code get} is an array read. */
    static List<SqlType> columnTypes(Relation.Table table) {
        return List.copyOf(table.columnTypes());
    }

    /** Columns of {@code table}, plus a trailing hidden row-key column when asked. */
    static List<Column> tableColumns(Relation.Table table, boolean withKey) {
        List<Column> cols = new ArrayList<>();
        for (var c : table.columns()) {
            cols.add(new Column(c.name(), c.type()));
        }
        if (withKey) {
            cols.add(new Column("ctid", SqlType.BYTEA));
        }
        return cols;
    }

    /**
     * A sequential scan of the table's rows in key order through {@code Transaction.scan}
     * (so under serializable the whole table is SIREAD-locked). With {@code lock}, each row
     * is locked ({@code SELECT ... FOR UPDATE/SHARE}) and the value the lock returns is used:
     * under read committed the newest committed one (a row deleted meanwhile is skipped).
     * With {@code withKey} each row carries its row key as a last column (for UPDATE/DELETE).
     */
    public record TableScan(Relation.Table table, boolean withKey, RowLock lock)
            implements Plan {
        @Override
        public List<Column> columns() {
            return tableColumns(table, withKey);
        }

        @Override
        public RowCursor open(ExecContext cx, Frame outer) {
            KvCursor kv = TableRows.scan(cx.txn(), TableRows.prefix(table.id()),
                    TableRows.prefixEnd(table.id()));
            List<SqlType> types = columnTypes(table);
            return new RowCursor() {
                @Override
                public Object[] next() {
                    try {
                        while (kv.next()) {
                            Object[] row = materialise(cx, table, types, kv, withKey, lock,
                                    null);
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

        @Override
        public String describe() {
            return "Seq Scan on " + table.name()
                    + (lock == null ? "" : " (lock " + lock.mode() + ")");
        }
    }

    static Object[] materialise(ExecContext cx, Relation.Table table, byte[] key, byte[] value,
            boolean withKey, RowLock lock) throws IOException {
        return materialise(cx, table, key, value, withKey, lock, null);
    }

    /**
     * A row read by a scan, with only the columns {@code decoded} marks built (null: all of
     * them; see {@link ColumnPruning}); the others are null.
     */
    static Object[] materialise(ExecContext cx, Relation.Table table, byte[] key, byte[] value,
            boolean withKey, RowLock lock, boolean[] decoded) throws IOException {
        cx.checkCanceled();
        byte[] v = value;
        if (lock != null) {
            v = cx.txn().lock(key, lock.mode(), lock.nowait());
            if (v == null) {
                return null;
            }
        }
        Object[] row = decoded == null ? TableRows.decodeRow(table, v)
                : dev.cutaway.sql.types.RowCodec.decode(v, table.columnTypes(), decoded);
        if (withKey) {
            row = Arrays.copyOf(row, row.length + 1);
            row[row.length - 1] = key.clone();
        }
        return row;
    }

    /**
     * The row a scan's cursor {@code kv} is on, as {@link #materialise(ExecContext,
     * Relation.Table, byte[], byte[], boolean, RowLock, boolean[])} builds it, but decoded
     * from the cursor's view of the value (no copy of it), and the key copied only when the
     * row carries it or must be locked. {@code types} are the table's column types, taken
     * once per scan ({@link #columnTypes}).
     */
    static Object[] materialise(ExecContext cx, Relation.Table table, List<SqlType> types,
            KvCursor kv, boolean withKey, RowLock lock, boolean[] decoded) throws IOException {
        if (lock != null) {
            return materialise(cx, table, kv.key(), null, withKey, lock, decoded);
        }
        cx.checkCanceled();
        Object[] row = dev.cutaway.sql.types.RowCodec.decode(kv.valueBuffer(), kv.valueOffset(),
                kv.valueLength(), types, decoded);
        if (withKey) {
            row = Arrays.copyOf(row, row.length + 1);
            row[row.length - 1] = kv.key().clone();
        }
        return row;
    }

    /** A cursor over the one row read by a point lookup, or over none when it was absent. */
    static RowCursor oneRow(ExecContext cx, Relation.Table table, byte[] key, byte[] value,
            boolean withKey, boolean[] decoded) {
        boolean[] done = {value == null};
        return () -> {
            if (done[0]) {
                return null;
            }
            done[0] = true;
            try {
                return materialise(cx, table, key, value, withKey, null, decoded);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /**
     * Point lookups by primary key: each entry of {@code keys} gives the key columns' values
     * (evaluated per open, so they may refer to outer rows); rows come back in key order,
     * each at most once. Reads with {@code Transaction.get}, so serializable transactions
     * lock only those keys, not the table.
     */
    public record KeyLookup(Relation.Table table, List<List<BoundExpr>> keys, boolean withKey,
            RowLock lock, boolean[] decoded) implements Plan {
        /** A lookup that decodes every column. */
        public KeyLookup(Relation.Table table, List<List<BoundExpr>> keys, boolean withKey,
                RowLock lock) {
            this(table, keys, withKey, lock, null);
        }

        /** The same lookup building only the columns {@code columns} marks. */
        KeyLookup decoding(boolean[] columns) {
            return new KeyLookup(table, keys, withKey, lock, columns);
        }

        @Override
        public List<Column> columns() {
            return tableColumns(table, withKey);
        }

        @Override
        public RowCursor open(ExecContext cx, Frame outer) {
            Frame at = outer.push(NO_ROW);
            if (keys.size() == 1) {
                return openOne(cx, at);
            }
            TreeMap<byte[], byte[]> found = new TreeMap<>(Arrays::compareUnsigned);
            try {
                for (List<BoundExpr> key : keys) {
                    byte[] k = rowKey(key, at, cx);
                    if (k != null && !found.containsKey(k)) {
                        byte[] v = read(k, cx);
                        if (v != null) {
                            found.put(k, v);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Iterator<java.util.Map.Entry<byte[], byte[]>> it = found.entrySet().iterator();
            return () -> {
                if (!it.hasNext()) {
                    return null;
                }
                var e = it.next();
                try {
                    return materialise(cx, table, e.getKey(), e.getValue(), withKey, null,
                            decoded);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            };
        }

        /** The one-key lookup (the common case): no map of found rows. */
        private RowCursor openOne(ExecContext cx, Frame at) {
            byte[] k;
            byte[] v;
            try {
                k = rowKey(keys.getFirst(), at, cx);
                v = k == null ? null : read(k, cx);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return oneRow(cx, table, k, v, withKey, decoded);
        }

        /** The row key for one key's values, or null when one is NULL (no row matches). */
        private byte[] rowKey(List<BoundExpr> key, Frame at, ExecContext cx) {
            List<Object> values = new ArrayList<>(key.size());
            for (int i = 0; i < key.size(); i++) {
                Object v = keyValue(key.get(i).eval(at, cx), table.columns()
                        .get(table.primaryKey().get(i)).type());
                if (v == null) {
                    return null;
                }
                values.add(v);
            }
            return TableRows.primaryKey(table, values);
        }

        private byte[] read(byte[] k, ExecContext cx) throws IOException {
            return lock == null ? cx.txn().get(k)
                    : cx.txn().lock(k, lock.mode(), lock.nowait());
        }

        @Override
        public String describe() {
            return "Key Lookup on " + table.name() + " (" + keys.size() + " key"
                    + (keys.size() == 1 ? "" : "s") + ")";
        }
    }

    /**
     * Rows found through a secondary index: {@code values} fix every indexed column; the
     * entries under that key prefix name the rows, which are then read (or locked) by key.
     * Rows come back in index order. Under serializable only the index range and the rows
     * read are SIREAD-locked, not the table.
     */
    public record IndexLookup(Relation.Table table, dev.cutaway.sql.catalog.IndexDesc index,
            List<BoundExpr> values, boolean withKey, RowLock lock, boolean[] decoded)
            implements Plan {
        /** A lookup that decodes every column. */
        public IndexLookup(Relation.Table table, dev.cutaway.sql.catalog.IndexDesc index,
                List<BoundExpr> values, boolean withKey, RowLock lock) {
            this(table, index, values, withKey, lock, null);
        }

        /** The same lookup building only the columns {@code columns} marks. */
        IndexLookup decoding(boolean[] columns) {
            return new IndexLookup(table, index, values, withKey, lock, columns);
        }

        @Override
        public List<Column> columns() {
            return tableColumns(table, withKey);
        }

        @Override
        public RowCursor open(ExecContext cx, Frame outer) {
            Frame at = outer.push(NO_ROW);
            List<Object> key = new ArrayList<>();
            List<SqlType> types = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                SqlType type = table.columns().get(index.columns().get(i)).type();
                Object v = keyValue(values.get(i).eval(at, cx), type);
                if (v == null) {
                    return () -> null;
                }
                key.add(v);
                types.add(type);
            }
            byte[] prefix = TableRows.concat(TableRows.prefix(index.id()),
                    dev.cutaway.sql.types.KeyEncoding.encode(key, types));
            if (index.unique() && values.size() == index.columns().size()) {
                return openUnique(cx, prefix);
            }
            RowBuffer rows = new RowBuffer(cx);
            try (KvCursor c = TableRows.scan(cx.txn(), prefix,
                    dev.cutaway.kv.tuple.TupleEncoding.prefixEnd(prefix))) {
                while (c.next()) {
                    byte[] rowKey = c.value();
                    byte[] v = lock == null ? cx.txn().get(rowKey)
                            : cx.txn().lock(rowKey, lock.mode(), lock.nowait());
                    if (v != null) {
                        rows.add(materialise(cx, table, rowKey, v, withKey, null, decoded));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return rows.cursor();
        }

        /**
         * A unique index with every column fixed (none NULL): its one possible entry is the key
         * {@code prefix} itself (TableRows: unique entries without NULLs carry no row key), so
         * a point read finds it — and under serializable SIREAD-locks that key, which covers
         * the predicate as the range lock did — without a cursor over the range.
         */
        private RowCursor openUnique(ExecContext cx, byte[] entryKey) {
            byte[] rowKey;
            byte[] v;
            try {
                rowKey = cx.txn().get(entryKey);
                v = rowKey == null ? null : lock == null ? cx.txn().get(rowKey)
                        : cx.txn().lock(rowKey, lock.mode(), lock.nowait());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return oneRow(cx, table, rowKey, v, withKey, decoded);
        }

        @Override
        public String describe() {
            return "Index Lookup using " + index.name() + " on " + table.name();
        }
    }

    /** VALUES rows, each expression already cast to its column's common type. */
    public record Values(List<List<BoundExpr>> rows, List<Column> columns) implements Plan {
        @Override
        public RowCursor open(ExecContext cx, Frame outer) {
            Iterator<List<BoundExpr>> it = rows.iterator();
            Frame at = outer.push(NO_ROW);
            return () -> {
                if (!it.hasNext()) {
                    return null;
                }
                List<BoundExpr> exprs = it.next();
                Object[] row = new Object[exprs.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = exprs.get(i).eval(at, cx);
                }
                return row;
            };
        }

        @Override
        public String describe() {
            return "Values (" + rows.size() + " rows)";
        }
    }

    /** generate_series(start, stop [, step]) over integers (bigint or integer result). */
    public record Series(BoundExpr start, BoundExpr stop, BoundExpr step, List<Column> columns)
            implements Plan {
        @Override
        public RowCursor open(ExecContext cx, Frame outer) {
            Frame at = outer.push(NO_ROW);
            Object a = start.eval(at, cx);
            Object b = stop.eval(at, cx);
            Object s = step == null ? (Object) 1L : step.eval(at, cx);
            if (a == null || b == null || s == null) {
                return () -> null;
            }
            long from = ((Number) a).longValue();
            long to = ((Number) b).longValue();
            long by = ((Number) s).longValue();
            return SetFunctions.series(cx, from, to, by,
                    columns.get(0).type().equals(SqlType.INTEGER));
        }

        @Override
        public String describe() {
            return "Function Scan on generate_series";
        }
    }

    /** The single empty row a SELECT without FROM reads. */
    public record OneRow() implements Plan {
        @Override
        public List<Column> columns() {
            return List.of();
        }

        @Override
        public RowCursor open(ExecContext cx, Frame outer) {
            boolean[] done = {false};
            return () -> {
                if (done[0]) {
                    return null;
                }
                done[0] = true;
                return new Object[0];
            };
        }

        @Override
        public String describe() {
            return "Result";
        }
    }
}
