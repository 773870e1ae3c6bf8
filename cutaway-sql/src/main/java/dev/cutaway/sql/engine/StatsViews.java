package dev.cutaway.sql.engine;

import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.stats.ColumnStats;
import dev.cutaway.sql.stats.TableStats;
import dev.cutaway.sql.system.SystemTable;
import dev.cutaway.sql.system.SystemTables;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.ValueText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The planner statistics as system views (ADR 0018): {@code cutaway.stats}, one row per
 * analyzed column in the shape of PostgreSQL's {@code pg_stats} (arrays printed in
 * PostgreSQL's text form, {@code {a,b}}), and {@code cutaway.table_stats}, one row per table
 * with its analyzed row count, the sample size, when, and the committed changes since (which
 * drive auto-analyze). Tables are those the statement's transaction sees; statistics are the
 * planner's (the database cache). Also {@code cutaway.statements} ({@link StatementStats}):
 * pg_stat_statements' main columns per normalised statement.
 */
final class StatsViews {
    private StatsViews() {}

    static void register(SystemTables registry, Statistics statistics) {
        registry.register(SystemTable.of("cutaway", "stats",
                "per-column planner statistics from ANALYZE (like pg_stats)",
                cx -> columnRows(statistics, cx),
                "schemaname", SqlType.TEXT, "tablename", SqlType.TEXT,
                "attname", SqlType.TEXT, "null_frac", SqlType.DOUBLE,
                "n_distinct", SqlType.DOUBLE, "avg_width", SqlType.INTEGER,
                "most_common_vals", SqlType.TEXT, "most_common_freqs", SqlType.TEXT,
                "histogram_bounds", SqlType.TEXT));
        registry.register(SystemTable.of("cutaway", "table_stats",
                "per-table ANALYZE results and changes since (auto-analyze)",
                cx -> tableRows(statistics, cx),
                "schemaname", SqlType.TEXT, "tablename", SqlType.TEXT,
                "row_count", SqlType.BIGINT, "sample_rows", SqlType.BIGINT,
                "last_analyze", SqlType.TIMESTAMPTZ, "modified_since_analyze", SqlType.BIGINT,
                "auto_analyze_count", SqlType.BIGINT));
    }

    static void registerStatements(SystemTables registry, StatementStats statements) {
        registry.register(SystemTable.of("cutaway", "statements",
                "per normalised statement: calls, time, rows, buffers (pg_stat_statements)",
                cx -> statementRows(statements),
                "query", SqlType.TEXT, "calls", SqlType.BIGINT,
                "total_exec_time", SqlType.DOUBLE, "mean_exec_time", SqlType.DOUBLE,
                "rows", SqlType.BIGINT, "shared_blks_hit", SqlType.BIGINT,
                "shared_blks_read", SqlType.BIGINT));
    }

    private static List<Object[]> statementRows(StatementStats statements) {
        List<Object[]> rows = new ArrayList<>();
        for (StatementStats.Row r : statements.rows()) {
            double totalMs = r.totalNanos() / 1e6;
            rows.add(new Object[] {r.query(), r.calls(), totalMs,
                    r.calls() == 0 ? 0.0 : totalMs / r.calls(), r.rows(), r.bufferHits(),
                    r.bufferMisses()});
        }
        return rows;
    }

    private static List<Relation.Table> tables(ExecContext cx) {
        List<Relation.Table> out = new ArrayList<>();
        for (Relation r : Catalog.all(cx.txn())) {
            if (r instanceof Relation.Table t) {
                out.add(t);
            }
        }
        return out;
    }

    private static List<Object[]> columnRows(Statistics statistics, ExecContext cx) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation.Table t : tables(cx)) {
            TableStats s = statistics.stats(t);
            if (s == null) {
                continue;
            }
            for (int i = 0; i < s.columns().size(); i++) {
                ColumnStats c = s.columns().get(i);
                SqlType type = t.columns().get(i).type();
                rows.add(new Object[] {t.schema(), t.name(), c.name(), c.nullFraction(),
                        c.distinct(), c.averageWidthBytes(), array(c.mcvValues(), type),
                        numbers(c.mcvFrequencies()), array(c.histogramBounds(), type)});
            }
        }
        return rows;
    }

    private static List<Object[]> tableRows(Statistics statistics, ExecContext cx) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation.Table t : tables(cx)) {
            TableStats s = statistics.stats(t);
            rows.add(new Object[] {t.schema(), t.name(), s == null ? null : s.rowCount(),
                    s == null ? null : s.sampleRows(),
                    s == null ? null : Instant.ofEpochMilli(s.analyzedAtMillis()),
                    statistics.modifiedSinceAnalyze(t), statistics.autoAnalyzes(t)});
        }
        return rows;
    }

    /** PostgreSQL's array text form; null for an empty list. */
    private static String array(List<Object> values, SqlType type) {
        if (values.isEmpty()) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (Object v : values) {
            String text = ValueText.format(v, type, ZoneOffset.UTC);
            boolean quote = text.isEmpty() || text.equalsIgnoreCase("null")
                    || text.chars().anyMatch(ch -> ",{}\"\\ ".indexOf(ch) >= 0);
            items.add(quote ? '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"'
                    : text);
        }
        return "{" + String.join(",", items) + "}";
    }

    private static String numbers(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (double v : values) {
            items.add(Float.toString((float) v));
        }
        return "{" + String.join(",", items) + "}";
    }
}
