package dev.cutaway.sql.catalog;

import dev.cutaway.kv.tuple.TupleEncoding;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import java.util.ArrayList;
import java.util.List;

/**
 * Catalog descriptors as KV values: each is one {@link TupleEncoding} tuple (so a stored
 * catalog reads back with the generic tuple decoder), nested parts as byte-string elements
 * holding tuples of their own. Layout, version 1:
 * <pre>
 *   table     1, "table", id, schema, name, [column...], [pk ordinal...], pkName,
 *             [index...], [check...], space, engine|null, rowIdSequence,
 *             [foreign key...], [referrer...]         (the last two absent before ADR 0016)
 *   column    name, typeId, precision, scale, notNull, defaultSql|null, identity, sequenceId
 *             (an array column, ADR 0028: typeId "ARRAY/" + the element's typeId, and the
 *             element's precision and scale)
 *   index     id, name, [ordinal...], unique, primary
 *   check     name, sql
 *   fkey      name, [ordinal...], refSchema, refTable, [ref ordinal...], onDelete, onUpdate
 *   referrer  schema, table
 *   view      1, "view", id, schema, name, [column name...], sql
 *   sequence  1, "sequence", id, schema, name, start, increment, min, max, cycle, owner|null
 *   index ref 1, "index", id, schema, name, table
 * </pre>
 * where {@code [x...]} is a bytes element holding the tuple of the x's. Decoding checks the
 * version and the shape, and fails with {@link IllegalStateException} naming what is wrong
 * (the catalog is written only by this class, so a mismatch is corruption or our bug).
 */
final class CatalogCodec {
    private static final long VERSION = 1;

    private CatalogCodec() {}

    static byte[] encode(Relation relation) {
        List<Object> t = new ArrayList<>(List.of(VERSION));
        switch (relation) {
            case Relation.Table table -> {
                t.addAll(List.of("table", table.id(), table.schema(), table.name()));
                List<Object> columns = new ArrayList<>();
                for (ColumnDesc c : table.columns()) {
                    columns.add(encodeColumn(c));
                }
                t.add(TupleEncoding.encode(columns));
                t.add(longs(table.primaryKey()));
                t.add(table.primaryKeyName());
                List<Object> indexes = new ArrayList<>();
                for (IndexDesc i : table.indexes()) {
                    indexes.add(TupleEncoding.encode(i.id(), i.name(), longs(i.columns()),
                            i.unique(), i.primary()));
                }
                t.add(TupleEncoding.encode(indexes));
                List<Object> checks = new ArrayList<>();
                for (CheckDesc c : table.checks()) {
                    checks.add(TupleEncoding.encode(c.name(), c.sql()));
                }
                t.add(TupleEncoding.encode(checks));
                t.add((long) table.space());
                t.add(table.engine());
                t.add(table.rowIdSequence());
                List<Object> keys = new ArrayList<>();
                for (ForeignKeyDesc f : table.foreignKeys()) {
                    keys.add(TupleEncoding.encode(f.name(), longs(f.columns()), f.refSchema(),
                            f.refTable(), longs(f.refColumns()), f.onDelete().name(),
                            f.onUpdate().name()));
                }
                t.add(TupleEncoding.encode(keys));
                List<Object> referrers = new ArrayList<>();
                for (ForeignKeyDesc.Referrer r : table.referencedBy()) {
                    referrers.add(TupleEncoding.encode(r.schema(), r.table()));
                }
                t.add(TupleEncoding.encode(referrers));
            }
            case Relation.View v -> {
                t.addAll(List.of("view", v.id(), v.schema(), v.name()));
                t.add(TupleEncoding.encode(new ArrayList<Object>(v.columns())));
                t.add(v.sql());
            }
            case Relation.Sequence s -> {
                t.addAll(List.of("sequence", s.id(), s.schema(), s.name(), s.start(),
                        s.increment(), s.min(), s.max(), s.cycle()));
                t.add(s.ownerTable());
            }
            case Relation.Index i -> t.addAll(List.of("index", i.id(), i.schema(), i.name(),
                    i.table()));
        }
        return TupleEncoding.encode(t);
    }

    private static byte[] encodeColumn(ColumnDesc c) {
        List<Object> e = new ArrayList<>();
        e.add(c.name());
        SqlType t = c.type().id() == TypeId.ARRAY ? c.type().element() : c.type();
        e.add((c.type().id() == TypeId.ARRAY ? "ARRAY/" : "") + t.id().name());
        e.add((long) t.precision());
        e.add((long) t.scale());
        e.add(c.notNull());
        e.add(c.defaultSql());
        e.add(c.identity().name());
        e.add(c.sequenceId());
        return TupleEncoding.encode(e);
    }

    private static byte[] longs(List<Integer> values) {
        List<Object> l = new ArrayList<>();
        for (int v : values) {
            l.add((long) v);
        }
        return TupleEncoding.encode(l);
    }

    static Relation decode(byte[] bytes) {
        List<Object> t = TupleEncoding.decode(bytes);
        if (t.isEmpty() || !Long.valueOf(VERSION).equals(t.get(0))) {
            throw new IllegalStateException("catalog entry of unknown version: " + t);
        }
        String kind = (String) t.get(1);
        long id = (Long) t.get(2);
        String schema = (String) t.get(3);
        String name = (String) t.get(4);
        return switch (kind) {
            case "table" -> decodeTable(t, id, schema, name);
            case "view" -> new Relation.View(id, schema, name, strings((byte[]) t.get(5)),
                    (String) t.get(6));
            case "sequence" -> new Relation.Sequence(id, schema, name, (Long) t.get(5),
                    (Long) t.get(6), (Long) t.get(7), (Long) t.get(8), (Boolean) t.get(9),
                    (String) t.get(10));
            case "index" -> new Relation.Index(id, schema, name, (String) t.get(5));
            default -> throw new IllegalStateException("catalog entry of unknown kind: " + kind);
        };
    }

    private static Relation.Table decodeTable(List<Object> t, long id, String schema,
            String name) {
        List<ColumnDesc> columns = new ArrayList<>();
        for (Object o : TupleEncoding.decode((byte[]) t.get(5))) {
            columns.add(decodeColumn(TupleEncoding.decode((byte[]) o)));
        }
        List<Integer> pk = ints((byte[]) t.get(6));
        String pkName = (String) t.get(7);
        List<IndexDesc> indexes = new ArrayList<>();
        for (Object o : TupleEncoding.decode((byte[]) t.get(8))) {
            List<Object> i = TupleEncoding.decode((byte[]) o);
            indexes.add(new IndexDesc((Long) i.get(0), (String) i.get(1), ints((byte[]) i.get(2)),
                    (Boolean) i.get(3), (Boolean) i.get(4)));
        }
        List<CheckDesc> checks = new ArrayList<>();
        for (Object o : TupleEncoding.decode((byte[]) t.get(9))) {
            List<Object> c = TupleEncoding.decode((byte[]) o);
            checks.add(new CheckDesc((String) c.get(0), (String) c.get(1)));
        }
        int space = ((Long) t.get(10)).intValue();
        List<ForeignKeyDesc> keys = new ArrayList<>();
        List<ForeignKeyDesc.Referrer> referrers = new ArrayList<>();
        if (t.size() > 13) {
            for (Object o : TupleEncoding.decode((byte[]) t.get(13))) {
                keys.add(decodeForeignKey(TupleEncoding.decode((byte[]) o)));
            }
            for (Object o : TupleEncoding.decode((byte[]) t.get(14))) {
                List<Object> r = TupleEncoding.decode((byte[]) o);
                referrers.add(new ForeignKeyDesc.Referrer((String) r.get(0), (String) r.get(1)));
            }
        }
        return new Relation.Table(id, schema, name, columns, pk, pkName, indexes, checks, space,
                (String) t.get(11), (Long) t.get(12), keys, referrers);
    }

    private static ForeignKeyDesc decodeForeignKey(List<Object> f) {
        return new ForeignKeyDesc((String) f.get(0), ints((byte[]) f.get(1)), (String) f.get(2),
                (String) f.get(3), ints((byte[]) f.get(4)),
                ForeignKeyDesc.Action.valueOf((String) f.get(5)),
                ForeignKeyDesc.Action.valueOf((String) f.get(6)));
    }

    private static ColumnDesc decodeColumn(List<Object> e) {
        String id = (String) e.get(1);
        boolean array = id.startsWith("ARRAY/");
        SqlType type = new SqlType(TypeId.valueOf(array ? id.substring(6) : id),
                ((Long) e.get(2)).intValue(), ((Long) e.get(3)).intValue());
        if (array) {
            type = SqlType.arrayOf(type);
        }
        return new ColumnDesc((String) e.get(0), type, (Boolean) e.get(4), (String) e.get(5),
                ColumnDesc.Identity.valueOf((String) e.get(6)), (Long) e.get(7));
    }

    private static List<Integer> ints(byte[] encoded) {
        List<Integer> out = new ArrayList<>();
        for (Object o : TupleEncoding.decode(encoded)) {
            out.add(((Long) o).intValue());
        }
        return out;
    }

    private static List<String> strings(byte[] encoded) {
        List<String> out = new ArrayList<>();
        for (Object o : TupleEncoding.decode(encoded)) {
            out.add((String) o);
        }
        return out;
    }
}
