package dev.cutaway.sql.stats;

import dev.cutaway.kv.tuple.TupleEncoding;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.types.RowCodec;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.txn.Transaction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Table statistics in the catalog: one entry per table under the catalog's relation id 0,
 * written and read through a transaction like every catalog entry (ADR 0013), so an ANALYZE
 * that rolls back leaves the old statistics.
 *
 * <pre>
 *   key:   (0, "stats", table id)
 *   value: version u8 (1) · rowCount i64 · sampleRows i64 · averageRowBytes i32 ·
 *          analyzedAtMillis i64 · columns u16 · per column:
 *            name utf · nullFraction f64 · distinct f64 · averageWidthBytes i32 ·
 *            mcvs u16 · mcv frequencies f64 × mcvs · mcv values (blob) ·
 *            bounds u16 · histogram bounds (blob)
 *          blob = length i32 · RowCodec row of the values, each typed as the column
 * </pre>
 * Values are decoded with the table's current column types; statistics that no longer fit
 * (a column's type changed) decode as absent, and the planner falls back to defaults.
 */
public final class StatsStore {
    private static final int VERSION = 1;

    private StatsStore() {}

    static byte[] key(long tableId) {
        return TupleEncoding.encode(0L, "stats", tableId);
    }

    /** Stores {@code stats} for {@code table} in {@code txn}. */
    public static void put(Transaction txn, Relation.Table table, TableStats stats) {
        try {
            txn.put(key(table.id()), encode(table, stats));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statistics of {@code table} that {@code txn} sees, or null. */
    public static TableStats get(Transaction txn, Relation.Table table) {
        try {
            byte[] v = txn.get(key(table.id()));
            return v == null ? null : decode(table, v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encode(Relation.Table table, TableStats s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(s.rowCount());
            out.writeLong(s.sampleRows());
            out.writeInt(s.averageRowBytes());
            out.writeLong(s.analyzedAtMillis());
            out.writeShort(s.columns().size());
            for (int i = 0; i < s.columns().size(); i++) {
                ColumnStats c = s.columns().get(i);
                SqlType type = table.columns().get(i).type();
                out.writeUTF(c.name());
                out.writeDouble(c.nullFraction());
                out.writeDouble(c.distinct());
                out.writeInt(c.averageWidthBytes());
                out.writeShort(c.mcvValues().size());
                for (double f : c.mcvFrequencies()) {
                    out.writeDouble(f);
                }
                blob(out, c.mcvValues(), type);
                out.writeShort(c.histogramBounds().size());
                blob(out, c.histogramBounds(), type);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void blob(DataOutputStream out, List<Object> values, SqlType type)
            throws IOException {
        byte[] b = RowCodec.encode(values.toArray(), Collections.nCopies(values.size(), type));
        out.writeInt(b.length);
        out.write(b);
    }

    /** Decodes an entry; null when it does not fit the table's current columns. */
    static TableStats decode(Relation.Table table, byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            if (in.readUnsignedByte() != VERSION) {
                return null;
            }
            long rows = in.readLong();
            long sample = in.readLong();
            int rowBytes = in.readInt();
            long at = in.readLong();
            int n = in.readUnsignedShort();
            if (n != table.columns().size()) {
                return null;
            }
            List<ColumnStats> columns = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                columns.add(column(in, table.columns().get(i).type()));
            }
            return new TableStats(table.id(), rows, sample, rowBytes, at, columns);
        } catch (IOException | RuntimeException e) {
            return null;   // stale or foreign entry: plan with defaults rather than fail
        }
    }

    private static ColumnStats column(DataInputStream in, SqlType type) throws IOException {
        String name = in.readUTF();
        double nulls = in.readDouble();
        double distinct = in.readDouble();
        int width = in.readInt();
        int mcvs = in.readUnsignedShort();
        List<Double> freqs = new ArrayList<>();
        for (int j = 0; j < mcvs; j++) {
            freqs.add(in.readDouble());
        }
        List<Object> values = values(in, mcvs, type);
        int bounds = in.readUnsignedShort();
        List<Object> histogram = values(in, bounds, type);
        return new ColumnStats(name, nulls, distinct, width, values, freqs, histogram);
    }

    private static List<Object> values(DataInputStream in, int count, SqlType type)
            throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        Object[] row = RowCodec.decode(b, Collections.nCopies(count, type));
        return new ArrayList<>(java.util.Arrays.asList(row));
    }
}
