package dev.cutaway.sql.exec;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.tuple.TupleEncoding;
import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.types.KeyEncoding;
import dev.cutaway.sql.types.RowCodec;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.ValueText;
import dev.cutaway.txn.Transaction;
import dev.cutaway.txn.TxnException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a table's rows and index entries are laid out as KV pairs (ADR 0013), and the writes
 * that keep them consistent inside one transaction:
 * <pre>
 *   row           key  = encode(tableId) ++ KeyEncoding(primary-key values)
 *                        or encode(tableId) ++ encode(rowId)   (no primary key)
 *                 value = RowCodec(all columns)
 *   index entry   key  = encode(indexId) ++ KeyEncoding(indexed values)          unique, no NULL
 *                        encode(indexId) ++ KeyEncoding(indexed values) ++ bytes(row key)
 *                                                                   otherwise
 *                 value = row key
 * </pre>
 * A unique entry is written with {@link Transaction#insert}, so a second live row with the
 * same key fails with 23505 (NULLs are never equal, so entries with a NULL get the row key
 * appended and never collide). Invariant: every live row has exactly one entry per index, and
 * every entry points at a live row with those values.
 */
public final class TableRows {
    private TableRows() {}

    public static byte[] prefix(long relationId) {
        return TupleEncoding.encodeLong(relationId);
    }

    public static byte[] prefixEnd(long relationId) {
        return TupleEncoding.prefixEnd(prefix(relationId));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The row key of {@code row}; for a table without a primary key, of {@code rowId}. */
    public static byte[] rowKey(Relation.Table table, Object[] row, long rowId) {
        if (!table.hasPrimaryKey()) {
            return concat(prefix(table.id()), TupleEncoding.encode(rowId));
        }
        return concat(prefix(table.id()), keyBytes(table, table.primaryKey(), row));
    }

    /** The row key for primary-key values {@code values} (in key order). */
    public static byte[] primaryKey(Relation.Table table, List<Object> values) {
        List<SqlType> types = new ArrayList<>();
        for (int c : table.primaryKey()) {
            types.add(table.columns().get(c).type());
        }
        return concat(prefix(table.id()), KeyEncoding.encode(values, types));
    }

    private static byte[] keyBytes(Relation.Table table, List<Integer> columns, Object[] row) {
        List<Object> values = new ArrayList<>(columns.size());
        List<SqlType> types = new ArrayList<>(columns.size());
        for (int c : columns) {
            values.add(row[c]);
            types.add(table.columns().get(c).type());
        }
        return KeyEncoding.encode(values, types);
    }

    public static byte[] encodeRow(Relation.Table table, Object[] row) {
        return RowCodec.encode(row, table.columnTypes());
    }

    public static Object[] decodeRow(Relation.Table table, byte[] value) {
        return RowCodec.decode(value, table.columnTypes());
    }

    /** Inserts a new row and its index entries; 23505 on a duplicate key. */
    public static void insert(Transaction txn, Relation.Table table, byte[] key, Object[] row) {
        try {
            try {
                txn.insert(key, encodeRow(table, row));
            } catch (TxnException e) {
                throw duplicate(e, table, table.primaryKeyName(), table.primaryKey(), row);
            }
            for (IndexDesc index : table.indexes()) {
                addEntry(txn, table, index, key, row, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the row at {@code key} ({@code old} its current values) with {@code row}. */
    public static void update(Transaction txn, Relation.Table table, byte[] key, Object[] old,
            byte[] newKey, Object[] row) {
        try {
            boolean[] unchanged = unchangedEntries(table, key, old, newKey, row);
            for (int i = 0; i < unchanged.length; i++) {
                if (!unchanged[i]) {
                    removeEntry(txn, table, table.indexes().get(i), key, old);
                }
            }
            if (Arrays.equals(key, newKey)) {
                txn.put(key, encodeRow(table, row));
            } else {
                txn.delete(key);
                try {
                    txn.insert(newKey, encodeRow(table, row));
                } catch (TxnException e) {
                    throw duplicate(e, table, table.primaryKeyName(), table.primaryKey(), row);
                }
            }
            for (int i = 0; i < unchanged.length; i++) {
                if (!unchanged[i]) {
                    addEntry(txn, table, table.indexes().get(i), newKey, row, true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Which index entries an update leaves exactly as they are: the row keeps its key and the
     * index's columns encode the same, so removing the entry and adding it back would write the
     * same key and value — a version, a lock and later garbage for nothing (PostgreSQL's
     * heap-only tuples skip the index the same way).
     */
    private static boolean[] unchangedEntries(Relation.Table table, byte[] key, Object[] old,
            byte[] newKey, Object[] row) {
        List<IndexDesc> indexes = table.indexes();
        boolean[] unchanged = new boolean[indexes.size()];
        if (!Arrays.equals(key, newKey)) {
            return unchanged;
        }
        for (int i = 0; i < unchanged.length; i++) {
            List<Integer> columns = indexes.get(i).columns();
            unchanged[i] = Arrays.equals(keyBytes(table, columns, old),
                    keyBytes(table, columns, row));
        }
        return unchanged;
    }

    /** Deletes the row at {@code key} and its index entries. */
    public static void delete(Transaction txn, Relation.Table table, byte[] key, Object[] old) {
        try {
            for (IndexDesc index : table.indexes()) {
                removeEntry(txn, table, index, key, old);
            }
            txn.delete(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasNull(IndexDesc index, Object[] row) {
        for (int c : index.columns()) {
            if (row[c] == null) {
                return true;
            }
        }
        return false;
    }

    /** The entry key of {@code row} in {@code index}. */
    public static byte[] entryKey(Relation.Table table, IndexDesc index, byte[] rowKey,
            Object[] row) {
        byte[] k = concat(prefix(index.id()), keyBytes(table, index.columns(), row));
        if (!index.unique() || hasNull(index, row)) {
            k = concat(k, TupleEncoding.encode((Object) rowKey));
        }
        return k;
    }

    /** Adds the entry of {@code row}, a row this transaction did not write, (CREATE INDEX). */
    public static void addEntry(Transaction txn, Relation.Table table, IndexDesc index,
            byte[] rowKey, Object[] row) throws IOException {
        addEntry(txn, table, index, rowKey, row, false);
    }

    /**
     * Adds {@code row}'s entry to {@code index}. With {@code rowWritten} (the row at
     * {@code rowKey} was just written by {@code txn}) a non-unique entry, which embeds the row
     * key, is written without its own first-updater-wins read ({@link Transaction#putWithRow}).
     */
    private static void addEntry(Transaction txn, Relation.Table table, IndexDesc index,
            byte[] rowKey, Object[] row, boolean rowWritten) throws IOException {
        byte[] k = entryKey(table, index, rowKey, row);
        if (index.unique() && !hasNull(index, row)) {
            try {
                txn.insert(k, rowKey);
            } catch (TxnException e) {
                throw duplicate(e, table, index.name(), index.columns(), row);
            }
        } else if (rowWritten) {
            txn.putWithRow(k, rowKey, rowKey);
        } else {
            txn.put(k, rowKey);
        }
    }

    private static void removeEntry(Transaction txn, Relation.Table table, IndexDesc index,
            byte[] rowKey, Object[] row) throws IOException {
        txn.delete(entryKey(table, index, rowKey, row));
    }

    private static RuntimeException duplicate(TxnException e, Relation.Table table, String name,
            List<Integer> columns, Object[] row) {
        if (e.reason() != TxnException.Reason.DUPLICATE_KEY) {
            return e;
        }
        StringBuilder names = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (int c : columns) {
            if (!names.isEmpty()) {
                names.append(", ");
                values.append(", ");
            }
            names.append(table.columns().get(c).name());
            values.append(ValueText.format(row[c], table.columns().get(c).type(),
                    java.time.ZoneOffset.UTC));
        }
        return new SqlException(SqlState.UNIQUE_VIOLATION,
                "duplicate key value violates unique constraint \"" + name + "\"", 0,
                "Key (" + names + ")=(" + values + ") already exists.", null, null);
    }

    /** Rows of [low, high) of the table's key space, each with its key appended if asked. */
    public static KvCursor scan(Transaction txn, byte[] low, byte[] high) {
        return scan(txn, low, high, true);
    }

    /** A cursor over [low, high) in ascending or descending key order. */
    public static KvCursor scan(Transaction txn, byte[] low, byte[] high, boolean ascending) {
        try {
            return txn.scan(low, high, ascending);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
