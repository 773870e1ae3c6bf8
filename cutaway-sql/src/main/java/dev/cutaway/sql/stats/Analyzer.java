package dev.cutaway.sql.stats;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.TableRows;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import dev.cutaway.sql.types.ValueOrder;
import dev.cutaway.txn.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Computes a table's statistics (ADR 0018). One pass over the table's rows through the
 * transaction counts them and keeps a uniform sample of at most {@code sampleRowsMax} row
 * encodings (reservoir sampling, Vitter's algorithm R, with a seeded random so a rerun on the
 * same data gives the same statistics); only sampled rows are decoded. When the table fits,
 * the sample is the whole table and every figure is exact.
 *
 * <p>Per column, from the sorted non-null sample values: the null fraction; the distinct
 * count, scaled to the table with the Haas-Stokes "Duj1" estimator {@code n·d / (n − f1 +
 * f1·n/N)} (n sampled, N total, d distinct in the sample, f1 values seen exactly once) as
 * PostgreSQL does, stored as a negative fraction when above 10% of the rows; the most-common
 * values (those seen more than 1.25 times the average, at least twice, up to {@code target}
 * of them — all values when every distinct value fits); and an equi-depth histogram of up to
 * {@code target + 1} bounds over the remaining values.
 */
public final class Analyzer {
    /** PostgreSQL's default_statistics_target: MCV entries and histogram buckets. */
    public static final int TARGET = 100;
    /** Rows sampled per table: 300 × target, PostgreSQL's rule. */
    public static final int SAMPLE_ROWS = 300 * TARGET;

    private Analyzer() {}

    /** Scans {@code table} through {@code txn} and computes its statistics. */
    public static TableStats analyze(Transaction txn, Relation.Table table, long seed,
            int sampleRowsMax, long nowMillis) {
        SplittableRandom random = new SplittableRandom(seed ^ table.id());
        List<byte[]> reservoir = new ArrayList<>();
        long rows = 0;
        long rowBytes = 0;
        try (KvCursor c = TableRows.scan(txn, TableRows.prefix(table.id()),
                TableRows.prefixEnd(table.id()))) {
            while (c.next()) {
                rows++;
                rowBytes += c.value().length;
                if (reservoir.size() < sampleRowsMax) {
                    reservoir.add(c.value());
                } else {
                    long j = random.nextLong(rows);
                    if (j < sampleRowsMax) {
                        reservoir.set((int) j, c.value());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Object[]> sample = new ArrayList<>(reservoir.size());
        for (byte[] v : reservoir) {
            sample.add(TableRows.decodeRow(table, v));
        }
        List<ColumnStats> columns = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            columns.add(column(table.columns().get(i).name(), table.columns().get(i).type(),
                    sample, i, rows));
        }
        int averageRowBytes = rows == 0 ? 0 : (int) (rowBytes / rows);
        return new TableStats(table.id(), rows, sample.size(), averageRowBytes, nowMillis,
                columns);
    }

    /** The statistics of column {@code ordinal} from {@code sample} of a table of N rows. */
    static ColumnStats column(String name, SqlType type, List<Object[]> sample, int ordinal,
            long totalRows) {
        TypeId id = type.id();
        List<Object> values = new ArrayList<>();
        long widthBytes = 0;
        for (Object[] row : sample) {
            if (row[ordinal] != null) {
                values.add(row[ordinal]);
                widthBytes += Widths.bytes(row[ordinal]);
            }
        }
        int n = sample.size();
        if (n == 0) {
            return new ColumnStats(name, 0, 0, Widths.typeBytes(type), List.of(), List.of(),
                    List.of());
        }
        double nullFraction = (double) (n - values.size()) / n;
        int width = values.isEmpty() ? Widths.typeBytes(type) : (int) (widthBytes / values.size());
        if (values.isEmpty()) {
            return new ColumnStats(name, 1, 0, width, List.of(), List.of(), List.of());
        }
        Comparator<Object> order = (a, b) -> ValueOrder.compare(a, b, id);
        values.sort(order);
        List<Object> distinctValues = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Object v : values) {
            if (!distinctValues.isEmpty() && order.compare(distinctValues.getLast(), v) == 0) {
                counts.set(counts.size() - 1, counts.getLast() + 1);
            } else {
                distinctValues.add(v);
                counts.add(1);
            }
        }
        double distinct = Distinct.estimate(values.size(), counts, n, totalRows, nullFraction);
        return Distinct.withMcvsAndHistogram(name, nullFraction, distinct, width, distinctValues,
                counts, n, n >= totalRows);
    }
}
