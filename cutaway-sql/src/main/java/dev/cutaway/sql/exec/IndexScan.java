package dev.cutaway.sql.exec;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.tuple.TupleEncoding;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A walk over a whole secondary index in index order (or backwards with {@code descending}),
 * reading each entry's row by its key as the walk goes: rows come out in the order of the
 * indexed columns, which is how ORDER BY on an index's leading columns is served without a
 * sort ({@code bind/OrderedAccess}). It is lazy, so a LIMIT above stops it after a few
 * entries and a few gets.
 *
 * <p>Order: index entry keys are {@code prefix(index) ++ KeyEncoding(values, ASC NULLS LAST)}
 * (plus the row key when the index is not unique or a value is NULL, ADR 0013), and the
 * encoding's byte order is the SQL order ({@code ValueOrder}), so ascending gives ASC NULLS
 * LAST and descending gives DESC NULLS FIRST, PostgreSQL's two defaults. Every live row has
 * exactly one entry (NULLs included), so the walk returns every row once. The entry's value
 * is the row key.
 */
public record IndexScan(Relation.Table table, IndexDesc index, boolean descending,
        boolean withKey, RowLock lock) implements Plan {
    @Override
    public List<Column> columns() {
        return Scans.tableColumns(table, withKey);
    }

    @Override
    public RowCursor open(ExecContext cx, Frame outer) {
        byte[] prefix = TableRows.prefix(index.id());
        KvCursor entries = TableRows.scan(cx.txn(), prefix, TupleEncoding.prefixEnd(prefix),
                !descending);
        return new RowCursor() {
            @Override
            public Object[] next() {
                try {
                    while (entries.next()) {
                        byte[] rowKey = entries.value();
                        byte[] v = lock == null ? cx.txn().get(rowKey)
                                : cx.txn().lock(rowKey, lock.mode(), lock.nowait());
                        if (v != null) {
                            return Scans.materialise(cx, table, rowKey, v, withKey, null);
                        }
                    }
                    return null;
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

    @Override
    public String describe() {
        return "Index Scan" + (descending ? " Backward" : "") + " using " + index.name()
                + " on " + table.name() + (lock == null ? "" : " (lock " + lock.mode() + ")");
    }
}
