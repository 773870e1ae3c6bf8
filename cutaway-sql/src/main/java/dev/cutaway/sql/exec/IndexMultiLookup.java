package dev.cutaway.sql.exec;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.tuple.TupleEncoding;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.types.KeyEncoding;
import dev.cutaway.sql.types.SqlType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * A multi-range index scan for {@code col IN (a, b, ...)} and {@code col = a OR col = b} on
 * an index's columns: each entry of {@code keys} fixes every indexed column (evaluated per
 * open, so they may be parameters or outer references); keys with a NULL are dropped (they
 * match nothing), the rest are encoded, sorted and deduplicated, and each key's entries are
 * read with one range scan under its prefix, then the rows by their keys. Full-key prefixes
 * of different values are disjoint ranges (tuple elements are self-delimiting), so every row
 * comes back once, and the rows come back in index order (then row-key order).
 */
public record IndexMultiLookup(Relation.Table table, IndexDesc index, List<List<BoundExpr>> keys,
        boolean withKey, RowLock lock) implements Plan {
    @Override
    public List<Column> columns() {
        return Scans.tableColumns(table, withKey);
    }

    @Override
    public RowCursor open(ExecContext cx, Frame outer) {
        RowBuffer rows = new RowBuffer(cx);
        try {
            for (byte[] prefix : prefixes(cx, outer.push(Scans.NO_ROW))) {
                try (KvCursor c = TableRows.scan(cx.txn(), prefix,
                        TupleEncoding.prefixEnd(prefix))) {
                    while (c.next()) {
                        byte[] rowKey = c.value();
                        byte[] v = lock == null ? cx.txn().get(rowKey)
                                : cx.txn().lock(rowKey, lock.mode(), lock.nowait());
                        if (v != null) {
                            rows.add(Scans.materialise(cx, table, rowKey, v, withKey, null));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows.cursor();
    }

    /** The distinct entry prefixes of the keys without NULLs, in index order. */
    private TreeSet<byte[]> prefixes(ExecContext cx, Frame at) {
        List<SqlType> types = new ArrayList<>();
        for (int column : index.columns()) {
            types.add(table.columns().get(column).type());
        }
        TreeSet<byte[]> out = new TreeSet<>(Arrays::compareUnsigned);
        for (List<BoundExpr> key : keys) {
            List<Object> values = new ArrayList<>();
            for (BoundExpr e : key) {
                values.add(e.eval(at, cx));
            }
            if (!values.contains(null)) {
                out.add(TableRows.concat(TableRows.prefix(index.id()),
                        KeyEncoding.encode(values, types)));
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return "Index Lookup using " + index.name() + " on " + table.name() + " ("
                + keys.size() + " keys)";
    }
}
