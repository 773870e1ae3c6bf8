package dev.cutaway.sql.exec;

import java.util.List;

/**
 * A set-returning function in FROM ({@code unnest(a) AS u(x)}, {@code _pg_expandarray(a)},
 * ADR 0028): evaluates the call's arguments once per open — against the enclosing row when
 * it is LATERAL (a column reference at depth 1 reads the left side's row) — and yields the
 * function's rows, plus a bigint ordinal (from 1) {@code WITH ORDINALITY}.
 */
public record FunctionScan(SetFunctions.Call call, boolean withOrdinality, List<Column> columns)
        implements Plan {
    @Override
    public RowCursor open(ExecContext cx, Frame outer) {
        SetFunctions.Rows rows = call.open(outer.push(Scans.NO_ROW), cx);
        long[] ordinal = {0};
        return () -> {
            Object[] r = rows.next();
            if (r == null || !withOrdinality) {
                return r;
            }
            Object[] out = java.util.Arrays.copyOf(r, r.length + 1);
            out[r.length] = ++ordinal[0];
            return out;
        };
    }

    @Override
    public String describe() {
        return "Function Scan on " + call.name() + (withOrdinality ? " WITH ORDINALITY" : "");
    }
}
