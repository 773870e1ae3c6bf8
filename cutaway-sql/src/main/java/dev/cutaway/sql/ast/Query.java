package dev.cutaway.sql.ast;

import java.util.List;

/**
 * A query: optional WITH, a body (SELECT, a set operation, VALUES, or a parenthesised query),
 * then ORDER BY, LIMIT/OFFSET (FETCH FIRST n ROWS ONLY arrives as limit) and FOR UPDATE/SHARE.
 * A query is also a statement. {@code with}, {@code limit} and {@code offset} may be null.
 * LIMIT ALL is a null limit.
 */
public record Query(With with, QueryBody body, List<SortItem> orderBy, Expr limit, Expr offset,
        List<Locking> locking, int position) implements Statement {

    /** A query that is only its body. */
    public static Query of(QueryBody body, int position) {
        return new Query(null, body, List.of(), null, null, List.of(), position);
    }

    /** WITH [RECURSIVE] ctes. */
    public record With(boolean recursive, List<CommonTableExpr> ctes) {}

    /** {@code name [(columns)] AS (query)}. */
    public record CommonTableExpr(String name, List<String> columns, Query query, int position) {}

    public enum LockStrength { UPDATE, NO_KEY_UPDATE, SHARE, KEY_SHARE }

    public enum LockWait { WAIT, NOWAIT, SKIP_LOCKED }

    /** FOR UPDATE | NO KEY UPDATE | SHARE | KEY SHARE [OF tables] [NOWAIT | SKIP LOCKED]. */
    public record Locking(LockStrength strength, List<List<String>> tables, LockWait waitPolicy) {}
}
