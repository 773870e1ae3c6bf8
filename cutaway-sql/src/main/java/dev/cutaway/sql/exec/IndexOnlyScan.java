package dev.cutaway.sql.exec;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.tuple.TupleEncoding;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.types.KeyEncoding;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows answered from a secondary index alone, without reading the table: the whole index in
 * index order, or (with {@code values}, one per indexed column, evaluated per open) the
 * entries under that key. The row has the table's shape; only the indexed columns and the
 * primary-key columns are filled, the others are NULL — the binder uses this scan only where
 * nothing reads them ({@code bind/IndexOnly}).
 *
 * <p>Layout read (ADR 0013, {@link TableRows}): an entry's key is {@code encode(indexId) ++
 * KeyEncoding(indexed values)} (plus the row key as one more bytes element when the index is
 * not unique or a value is NULL), its value the row key {@code encode(tableId) ++
 * KeyEncoding(primary-key values)}; both decode with {@link TupleEncoding}. Decoding gives the
 * SQL-equal canonical value, which is the stored value exactly only for the types of
 * {@link #exact}: the binder covers no other column.
 *
 * <p>Visibility: index entries are versioned through the transaction like rows — written and
 * deleted with their row, at the same commit timestamp — so the snapshot read of the index
 * range sees exactly the entries of the rows visible to the snapshot, and the transaction's
 * own writes merged in (ADR 0018, "Index-only scans: the argument"). Under serializable the
 * index range is SIREAD-locked, which covers every column this scan returns. Never with a
 * row lock (FOR UPDATE needs the row).
 */
public record IndexOnlyScan(Relation.Table table, IndexDesc index, List<BoundExpr> values)
        implements Plan {
    public IndexOnlyScan {
        values = List.copyOf(values);
        if (!values.isEmpty() && values.size() != index.columns().size()) {
            throw new IllegalArgumentException("an index-only lookup fixes every indexed"
                    + " column: " + index.name());
        }
    }

    /** Whether a key decodes to exactly the value the row stores, for a column of this type. */
    public static boolean exact(SqlType type) {
        TypeId id = type.id();
        return id.isInteger() || id == TypeId.TEXT || id == TypeId.VARCHAR
                || id == TypeId.BOOLEAN || id == TypeId.DATE || id == TypeId.TIME
                || id == TypeId.TIMESTAMP || id == TypeId.TIMESTAMPTZ;
    }

    @Override
    public List<Column> columns() {
        return Scans.tableColumns(table, false);
    }

    @Override
    public RowCursor open(ExecContext cx, Frame outer) {
        byte[] prefix = TableRows.prefix(index.id());
        if (!values.isEmpty()) {
            Frame at = outer.push(Scans.NO_ROW);
            List<Object> key = new ArrayList<>();
            List<SqlType> types = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                SqlType type = table.columns().get(index.columns().get(i)).type();
                Object v = Scans.keyValue(values.get(i).eval(at, cx), type);
                if (v == null) {
                    return () -> null;
                }
                key.add(v);
                types.add(type);
            }
            prefix = TableRows.concat(prefix, KeyEncoding.encode(key, types));
        }
        KvCursor entries = TableRows.scan(cx.txn(), prefix, TupleEncoding.prefixEnd(prefix));
        return new RowCursor() {
            @Override
            public Object[] next() {
                try {
                    if (!entries.next()) {
                        return null;
                    }
                    cx.checkCanceled();
                    return row(entries.key(), entries.value());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
                entries.close();
            }
        };
    }

    /** The row of one entry: indexed columns from its key, key columns from the row key. */
    private Object[] row(byte[] entryKey, byte[] rowKey) {
        Object[] row = new Object[table.columns().size()];
        List<Object> indexed = TupleEncoding.decode(entryKey);
        for (int i = 0; i < index.columns().size(); i++) {
            int c = index.columns().get(i);
            row[c] = KeyEncoding.fromElement(indexed.get(1 + i),
                    table.columns().get(c).type());
        }
        if (table.hasPrimaryKey()) {
            List<Object> key = TupleEncoding.decode(rowKey);
            for (int i = 0; i < table.primaryKey().size(); i++) {
                int c = table.primaryKey().get(i);
                row[c] = KeyEncoding.fromElement(key.get(1 + i), table.columns().get(c).type());
            }
        }
        return row;
    }

    @Override
    public String describe() {
        return "Index Only Scan using " + index.name() + " on " + table.name();
    }
}
