package dev.cutaway.sql.stats;

import dev.cutaway.kv.NodeOptions;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.Aggregation;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.IndexMultiLookup;
import dev.cutaway.sql.exec.ModifyTable;
import dev.cutaway.sql.exec.IndexOnlyScan;
import dev.cutaway.sql.exec.IndexScan;
import dev.cutaway.sql.exec.Joins;
import dev.cutaway.sql.exec.KeyRangeScan;
import dev.cutaway.sql.exec.MergeJoin;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowOps;
import dev.cutaway.sql.exec.Scans;
import dev.cutaway.sql.exec.SemiJoin;
import dev.cutaway.sql.exec.SetOperation;
import dev.cutaway.sql.types.EvalContext;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row counts and costs for every node of a plan (ADR 0018), bottom-up: scans from the table
 * statistics and {@link CostModel}, filters by {@link Selectivity} with each column traced
 * back to the table it comes from ({@link Origins}), joins by the larger distinct count of
 * their keys, aggregates by the product of the group columns' distinct counts. A table
 * without statistics counts as {@link #DEFAULT_ROWS} rows. Operators it does not know pass
 * their first input's estimate through.
 */
public final class PlanEstimator {
    /** Rows assumed for a table never analyzed. */
    public static final double DEFAULT_ROWS = 1000;
    /** Rows assumed for generate_series (PostgreSQL's default for set-returning functions). */
    public static final double DEFAULT_FUNCTION_ROWS = 1000;

    private final Planning planning;
    private final EvalContext eval;
    private final Origins origins;
    private final Map<Plan, Estimate> memo = new IdentityHashMap<>();

    public PlanEstimator(Planning planning, EvalContext eval) {
        this.planning = planning;
        this.eval = eval;
        this.origins = new Origins(planning.stats());
    }

    public Planning planning() {
        return planning;
    }

    /** The estimate of {@code plan} (memoised per node). */
    public Estimate estimate(Plan plan) {
        Estimate e = memo.get(plan);
        if (e == null) {
            e = compute(plan);
            memo.put(plan, e);
        }
        return e;
    }

    /** Rows of {@code table} per its statistics, or {@link #DEFAULT_ROWS}. */
    public double tableRows(Relation.Table table) {
        TableStats s = planning.stats().stats(table);
        return s == null ? DEFAULT_ROWS : s.rowCount();
    }

    private int rowBytes(Relation.Table table) {
        TableStats s = planning.stats().stats(table);
        if (s != null && s.averageRowBytes() > 0) {
            return s.averageRowBytes();
        }
        int w = 0;
        for (var c : table.columns()) {
            w += Widths.typeBytes(c.type());
        }
        return w;
    }

    private int width(Plan plan) {
        int w = 0;
        List<dev.cutaway.sql.exec.Column> columns = plan.columns();
        for (int i = 0; i < columns.size(); i++) {
            ColumnStats s = origins.stats(plan, i);
            w += s != null ? s.averageWidthBytes() : Widths.typeBytes(columns.get(i).type());
        }
        return w;
    }

    private double disabled(boolean enabled) {
        return enabled ? 0 : PlannerSettings.DISABLED_COST;
    }

    private Estimate compute(Plan plan) {
        CostModel c = planning.costs();
        PlannerSettings on = planning.settings();
        return switch (plan) {
            case Scans.TableScan t -> {
                double rows = tableRows(t.table());
                double cost = c.scan(engine(t.table()), rows, rowBytes(t.table()))
                        + disabled(on.seqScan());
                yield new Estimate(disabled(on.seqScan()), cost, rows, width(plan));
            }
            // a key lookup's probe is the row's get: no separate index probe to pay
            case Scans.KeyLookup k -> lookup(k.table(), 0, k.keys().size(), width(plan),
                    on.indexScan());
            case Scans.IndexLookup i -> {
                double rows = tableRows(i.table()) * indexSelectivity(i);
                yield lookup(i.table(), 1, rows, width(plan), on.indexScan());
            }
            case KeyRangeScan r -> {
                double rows = tableRows(r.table()) * rangeFraction(r);
                double cost = c.scan(engine(r.table()), rows, rowBytes(r.table()))
                        + disabled(on.indexScan());
                yield new Estimate(disabled(on.indexScan()), cost, rows, width(plan));
            }
            case IndexMultiLookup m -> lookup(m.table(), m.keys().size(),
                    tableRows(m.table()) * multiSelectivity(m), width(plan), on.indexScan());
            case IndexScan i -> lookup(i.table(), 1, tableRows(i.table()), width(plan),
                    on.indexScan());
            case IndexOnlyScan o -> indexOnly(o, width(plan), on.indexOnlyScan());
            case Scans.Values v -> new Estimate(0, v.rows().size() * c.cpuOperatorCost(),
                    v.rows().size(), width(plan));
            case Scans.Series s -> new Estimate(0, DEFAULT_FUNCTION_ROWS * c.cpuOperatorCost(),
                    seriesRows(s), width(plan));
            case Scans.OneRow o -> new Estimate(0, c.cpuTupleCost(), 1, 0);
            case RowOps.Filter f -> filter(f);
            case RowOps.Project p -> passThrough(p.input(), 1,
                    c.cpuOperatorCost() * p.exprs().size(), width(plan));
            case RowOps.Limit l -> limit(l);
            case RowOps.Sort s -> sort(s.input(), estimate(s.input()).width(), on.sort());
            case Aggregation.HashAggregate a -> aggregate(a, on.hashAgg());
            case RowOps.Distinct d -> distinct(d.input(), d.width(), width(plan));
            case Joins.NestedLoop n -> Joining.nestedLoop(this, n, on.nestLoop());
            case Joins.Hash h -> Joining.hash(this, h, on.hashJoin());
            case MergeJoin m -> Joining.merge(this, m, on.mergeJoin());
            case SemiJoin j -> Joining.semi(this, j, j.leftKeys().isEmpty() ? on.nestLoop()
                    : on.hashJoin());
            case SetOperation s -> Joining.setOperation(this, s);
            case ModifyTable m -> modifyTable(m);
            default -> plan.children().isEmpty() ? new Estimate(0, 1, 1, width(plan))
                    : passThrough(plan.children().getFirst(), 1, c.cpuTupleCost(), width(plan));
        };
    }

    /**
     * A ModifyTable costs what its input does (PostgreSQL charges nothing for the writes:
     * the node is always at the top, so no choice depends on it). It returns its input's
     * rows with RETURNING (at the input's width, as PostgreSQL estimates it), and none, of
     * width 0, without — what PostgreSQL (14 and later) prints as {@code rows=0 width=0}.
     */
    private Estimate modifyTable(ModifyTable m) {
        Estimate in = estimate(m.input());
        return m.returning() ? in
                : new Estimate(in.startupCost(), in.totalCost(), 0, 0);
    }

    NodeOptions.EngineKind engine(Relation.Table table) {
        return planning.stats().engine(table);
    }

    private Estimate lookup(Relation.Table table, double probes, double rows, int width,
            boolean enabled) {
        CostModel c = planning.costs();
        double get = c.pointGet(engine(table), tableRows(table), rowBytes(table));
        double cost = probes * get + rows * (c.cpuIndexTupleCost() + get) + disabled(enabled);
        return new Estimate(disabled(enabled), cost, rows, width);
    }

    /** The fraction of a table an index lookup with these values returns. */
    /**
     * The fraction of a table a key range scan reads: with constant bounds and a histogram of
     * the (integer) key, the share of histogram buckets the range covers (each bucket holds
     * the same number of rows, values spread evenly inside one); otherwise PostgreSQL's
     * defaults, a third for one bound and {@link Selectivity#DEFAULT_RANGE} for two.
     */
    double rangeFraction(KeyRangeScan r) {
        if (r.low() == null && r.high() == null) {
            return 1;
        }
        TableStats s = planning.stats().stats(r.table());
        ColumnStats key = s == null ? null : s.column(r.table().primaryKey().getFirst());
        Double low = constantNumber(r.low());
        Double high = constantNumber(r.high());
        if (key == null || key.histogramBounds().size() < 2
                || (r.low() != null && low == null) || (r.high() != null && high == null)) {
            return r.low() != null && r.high() != null ? Selectivity.DEFAULT_RANGE
                    : Selectivity.DEFAULT_INEQUALITY;
        }
        double below = histogramPosition(key.histogramBounds(), high == null
                ? Double.POSITIVE_INFINITY : high);
        double above = histogramPosition(key.histogramBounds(), low == null
                ? Double.NEGATIVE_INFINITY : low);
        return Selectivity.clamp((below - above) * (1 - key.nullFraction()));
    }

    private static Double constantNumber(BoundExpr e) {
        return e instanceof BoundExpr.Const c && c.value() instanceof Number n
                ? n.doubleValue() : null;
    }

    /** The fraction of histogram rows below {@code v}, interpolating inside a bucket. */
    private static double histogramPosition(List<Object> bounds, double v) {
        int buckets = bounds.size() - 1;
        double first = ((Number) bounds.getFirst()).doubleValue();
        if (v <= first) {
            return 0;
        }
        for (int i = 0; i < buckets; i++) {
            double lo = ((Number) bounds.get(i)).doubleValue();
            double hi = ((Number) bounds.get(i + 1)).doubleValue();
            if (v <= hi) {
                double inside = hi > lo ? (v - lo) / (hi - lo) : 1;
                return (i + inside) / buckets;
            }
        }
        return 1;
    }

    public double indexSelectivity(Scans.IndexLookup i) {
        return equalities(i.table(), i.index(), i.values());
    }

    /** The fraction of {@code table} whose {@code index} columns equal {@code values}. */
    private double equalities(Relation.Table table, IndexDesc index, List<BoundExpr> values) {
        TableStats s = planning.stats().stats(table);
        Selectivity sel = new Selectivity(col -> s == null ? null : s.column(col),
                col -> tableRows(table), eval);
        double f = 1;
        for (int k = 0; k < values.size(); k++) {
            f *= sel.equality(index.columns().get(k), values.get(k));
        }
        return f;
    }

    /**
     * An index-only scan reads index entries in order, as a scan of a table whose rows are
     * the entries (the indexed and key columns' widths), after one probe when it has a key;
     * no get per row.
     */
    private Estimate indexOnly(IndexOnlyScan o, int width, boolean enabled) {
        CostModel c = planning.costs();
        double all = tableRows(o.table());
        double rows = o.values().isEmpty() ? all
                : all * equalities(o.table(), o.index(), o.values());
        TableStats s = planning.stats().stats(o.table());
        int entryBytes = 0;
        List<Integer> columns = new java.util.ArrayList<>(o.index().columns());
        columns.addAll(o.table().primaryKey());
        for (int col : columns) {
            ColumnStats cs = s == null ? null : s.column(col);
            entryBytes += cs != null ? cs.averageWidthBytes()
                    : Widths.typeBytes(o.table().columns().get(col).type());
        }
        var engine = engine(o.table());
        double probe = o.values().isEmpty() ? 0 : c.pointGet(engine, all, entryBytes);
        double cost = probe + c.scan(engine, rows, entryBytes) + disabled(enabled);
        return new Estimate(disabled(enabled), cost, rows, width);
    }

    /** The fraction of a table a multi-range lookup returns: the sum over its keys. */
    double multiSelectivity(IndexMultiLookup m) {
        TableStats s = planning.stats().stats(m.table());
        Selectivity sel = new Selectivity(col -> s == null ? null : s.column(col),
                col -> tableRows(m.table()), eval);
        double sum = 0;
        for (List<BoundExpr> key : m.keys()) {
            double f = 1;
            for (int k = 0; k < key.size(); k++) {
                f *= sel.equality(m.index().columns().get(k), key.get(k));
            }
            sum += f;
        }
        return Selectivity.clamp(sum);
    }

    private double seriesRows(Scans.Series s) {
        if (s.start() instanceof BoundExpr.Const a && s.stop() instanceof BoundExpr.Const b
                && a.value() instanceof Number x && b.value() instanceof Number y
                && (s.step() == null || s.step() instanceof BoundExpr.Const)) {
            long step = s.step() == null ? 1 : ((Number) ((BoundExpr.Const) s.step()).value())
                    .longValue();
            return step == 0 ? 0 : Math.max(0, (y.doubleValue() - x.doubleValue()) / step + 1);
        }
        return DEFAULT_FUNCTION_ROWS;
    }

    /** The selectivity of {@code condition} over the rows of {@code input}. */
    public double selectivity(Plan input, BoundExpr condition) {
        return new Selectivity(col -> origins.stats(input, col),
                col -> origins.tableRows(input, col), eval).of(condition);
    }

    private Estimate filter(RowOps.Filter f) {
        Estimate in = estimate(f.input());
        List<BoundExpr> rest = residual(f.input(), f.condition());
        double rows = in.rows() * (rest.isEmpty() ? 1
                : selectivity(f.input(), new BoundExpr.And(rest)));
        double cpu = in.rows() * planning.costs().cpuOperatorCost() * terms(f.condition());
        return new Estimate(in.startupCost(), in.totalCost() + cpu, rows, in.width());
    }

    /**
     * The conjuncts of a filter over a lookup that the lookup has not already applied: an
     * index or key lookup returns only rows whose key columns equal the looked-up values, and
     * a key range scan only rows inside its bounds, so counting those conditions again would
     * square their selectivity.
     */
    private static List<BoundExpr> residual(Plan input, BoundExpr condition) {
        List<BoundExpr> terms = condition instanceof BoundExpr.And a ? a.terms()
                : List.of(condition);
        List<Integer> keyColumns = switch (input) {
            case Scans.IndexLookup i -> i.index().columns();
            case IndexOnlyScan o when !o.values().isEmpty() -> o.index().columns();
            case IndexMultiLookup m -> m.index().columns();
            case Scans.KeyLookup k -> k.table().primaryKey();
            case KeyRangeScan r when r.low() != null || r.high() != null ->
                    r.table().primaryKey();
            default -> List.of();
        };
        List<BoundExpr> rest = new java.util.ArrayList<>();
        for (BoundExpr t : terms) {
            if (!(input instanceof KeyRangeScan ? appliedByRange(t, keyColumns)
                    : appliedByKey(t, keyColumns))) {
                rest.add(t);
            }
        }
        return rest;
    }

    private static boolean appliedByKey(BoundExpr t, List<Integer> keyColumns) {
        return switch (t) {
            case BoundExpr.Binary b when b.op().name().equals("=") ->
                    keyColumn(b.left(), keyColumns) && !rowColumn(b.right())
                    || keyColumn(b.right(), keyColumns) && !rowColumn(b.left());
            case BoundExpr.InList in when !in.negated() -> keyColumn(in.operand(), keyColumns);
            case BoundExpr.Or o -> keyColumns.stream().anyMatch(k -> o.terms().stream()
                    .allMatch(x -> appliedByKey(x, List.of(k))));
            default -> false;
        };
    }

    /** A bound a key range scan already applied (counted in its own estimate). */
    private static boolean appliedByRange(BoundExpr t, List<Integer> keyColumns) {
        return switch (t) {
            case BoundExpr.Binary b when List.of("<", "<=", ">", ">=").contains(b.op().name())
                    -> keyColumn(b.left(), keyColumns) && !(b.right() instanceof BoundExpr.ColRef)
                    || keyColumn(b.right(), keyColumns) && !(b.left() instanceof BoundExpr.ColRef);
            case BoundExpr.Between b when !b.negated() -> keyColumn(b.operand(), keyColumns);
            default -> false;
        };
    }

    /** A column of the row itself (an outer row's column is a value known per open). */
    private static boolean rowColumn(BoundExpr e) {
        return e instanceof BoundExpr.ColRef r && r.depth() == 0;
    }

    private static boolean keyColumn(BoundExpr e, List<Integer> keyColumns) {
        return e instanceof BoundExpr.ColRef r && r.depth() == 0
                && keyColumns.contains(r.index());
    }

    static int terms(BoundExpr e) {
        return e instanceof BoundExpr.And a ? a.terms().size() : 1;
    }

    private Estimate passThrough(Plan input, double fraction, double cpuPerRow, int width) {
        Estimate in = estimate(input);
        return new Estimate(in.startupCost(), in.totalCost() + in.rows() * cpuPerRow,
                in.rows() * fraction, width);
    }

    private Estimate limit(RowOps.Limit l) {
        Estimate in = estimate(l.input());
        double rows = in.rows();
        if (l.limit() instanceof BoundExpr.Const k && k.value() instanceof Number n) {
            double offset = l.offset() instanceof BoundExpr.Const o
                    && o.value() instanceof Number m ? m.doubleValue() : 0;
            rows = Math.max(0, Math.min(rows - offset, n.doubleValue()));
        }
        double fraction = in.rows() <= 0 ? 1 : Math.min(1, rows / in.rows());
        double cost = in.startupCost() + (in.totalCost() - in.startupCost()) * fraction;
        return new Estimate(in.startupCost(), cost, rows, in.width());
    }

    private Estimate sort(Plan input, int width, boolean enabled) {
        Estimate in = estimate(input);
        double n = Math.max(2, in.rows());
        double compare = 2 * planning.costs().cpuOperatorCost() * n * (Math.log(n) / Math.log(2));
        double startup = in.totalCost() + compare + disabled(enabled);
        return new Estimate(startup, startup + in.rows() * planning.costs().cpuOperatorCost(),
                in.rows(), width);
    }

    private Estimate aggregate(Aggregation.HashAggregate a, boolean enabled) {
        Estimate in = estimate(a.input());
        double groups = a.groupBy().isEmpty() ? 1 : groups(a.input(), a.groupBy(), in.rows());
        double cpu = in.rows() * planning.costs().cpuOperatorCost()
                * (a.groupBy().size() + a.calls().size());
        double startup = in.totalCost() + cpu + (a.groupBy().isEmpty() ? 0 : disabled(enabled));
        return new Estimate(startup, startup + groups * planning.costs().cpuTupleCost(),
                groups, width(a));
    }

    private Estimate distinct(Plan input, int columns, int width) {
        Estimate in = estimate(input);
        List<BoundExpr> keys = new java.util.ArrayList<>();
        for (int i = 0; i < columns; i++) {
            var col = input.columns().get(i);
            keys.add(new BoundExpr.ColRef(0, i, col.type(), col.name()));
        }
        double groups = groups(input, keys, in.rows());
        double cost = in.totalCost() + in.rows() * planning.costs().cpuOperatorCost() * columns;
        return new Estimate(in.startupCost(), cost, groups, width);
    }

    /**
     * Distinct combinations of {@code keys} over {@code rows} input rows: the product of the
     * columns' distinct counts (independence again), at most the rows; without statistics a
     * one-column primary key is unique and anything else counts as {@code rows / 10}
     * (PostgreSQL assumes 200 groups; a tenth scales).
     */
    double groups(Plan input, List<BoundExpr> keys, double rows) {
        double groups = 1;
        for (BoundExpr k : keys) {
            ColumnStats s = k instanceof BoundExpr.ColRef r && r.depth() == 0
                    ? origins.stats(input, r.index()) : null;
            double tableRows = k instanceof BoundExpr.ColRef r && r.depth() == 0
                    ? origins.tableRows(input, r.index()) : rows;
            groups *= s != null ? s.distinctCount(tableRows)
                    : uniqueKey(input, k) ? rows : Math.max(1, rows / 10);
        }
        return Math.max(1, Math.min(groups, rows));
    }

    /** Whether {@code key} is a table's one-column primary key (unique without statistics). */
    private static boolean uniqueKey(Plan input, BoundExpr key) {
        Origins.Origin o = key instanceof BoundExpr.ColRef r && r.depth() == 0
                ? Origins.of(input, r.index()) : null;
        return o != null && o.table().primaryKey().equals(List.of(o.column()));
    }

    Origins origins() {
        return origins;
    }
}
