package dev.cutaway.server;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.FromItem;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.QueryBody;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.engine.Result;
import dev.cutaway.sql.parse.Parser;
import dev.cutaway.sql.system.SystemTable;
import dev.cutaway.sql.system.SystemTables;
import dev.cutaway.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code pg_catalog} tables of objects Cutaway does not have — collations, triggers, row
 * security policies, extended statistics, publications, inheritance, rules, comments, role
 * memberships — registered empty, with PostgreSQL's column names and array types, and the
 * answer to the client queries over them that Cutaway's SQL cannot bind (ADR 0025).
 *
 * <p>psql's {@code \d TABLE} reads these catalogs with array expressions ({@code = ANY(col)},
 * {@code ARRAY(SELECT ...)}, {@code int2[]} subscripts) and table functions Cutaway lacks. Such
 * a query's result is empty whatever its select list computes: every branch of it reads one
 * of these tables through inner joins or a comma list, and has no aggregate or GROUP BY that
 * could make a row out of nothing. {@link #emptyAnswer} recognises exactly that shape, for a
 * statement that failed with "not supported" (0A000) or an unknown type or function (42704,
 * 42883), and returns the empty result with the column names the select list gives (text
 * typed). Anything else keeps its error.
 *
 * <p>Invariant: a table listed here never has rows (its source returns none).
 */
final class PgEmptyCatalogs {
    private static final Map<String, List<String>> TABLES = Map.ofEntries(
            Map.entry("pg_collation", List.of("oid", "collname", "collnamespace")),
            Map.entry("pg_trigger", List.of("oid", "tgrelid", "tgparentid", "tgname",
                    "tgenabled", "tgisinternal", "tgconstraint")),
            Map.entry("pg_policy", List.of("oid", "polname", "polrelid", "polcmd",
                    "polpermissive", "polroles", "polqual", "polwithcheck")),
            Map.entry("pg_statistic_ext", List.of("oid", "stxrelid", "stxname",
                    "stxnamespace", "stxstattarget", "stxkeys", "stxkind")),
            Map.entry("pg_publication", List.of("oid", "pubname", "puballtables",
                    "pubinsert", "pubupdate", "pubdelete", "pubtruncate", "pubviaroot")),
            Map.entry("pg_publication_rel", List.of("oid", "prpubid", "prrelid", "prqual",
                    "prattrs")),
            Map.entry("pg_publication_namespace", List.of("oid", "pnpubid", "pnnspid")),
            Map.entry("pg_inherits", List.of("inhrelid", "inhparent", "inhseqno",
                    "inhdetachpending")),
            Map.entry("pg_rewrite", List.of("oid", "rulename", "ev_class", "ev_type")),
            Map.entry("pg_description", List.of("objoid", "classoid", "objsubid",
                    "description")),
            Map.entry("pg_auth_members", List.of("roleid", "member", "grantor",
                    "admin_option")),
            Map.entry("pg_foreign_table", List.of("ftrelid", "ftserver", "ftoptions")));
    /** Array columns, typed as in PostgreSQL (ADR 0028): oid[], int2vector, char[]. */
    private static final Map<String, SqlType> ARRAYS = Map.of(
            "polroles", SqlType.arrayOf(SqlType.BIGINT), "stxkeys", SqlType.INT2VECTOR,
            "stxkind", SqlType.arrayOf(SqlType.TEXT), "prattrs", SqlType.INT2VECTOR);
    private static final Set<String> TYPED_TEXT = Set.of("polqual",
            "polwithcheck", "prqual", "polname", "polcmd",
            "tgname", "tgenabled", "stxname", "pubname", "rulename", "ev_type", "description",
            "collname", "ftoptions");
    private static final Set<String> BOOLEANS = Set.of("polpermissive", "puballtables",
            "pubinsert", "pubupdate", "pubdelete", "pubtruncate", "pubviaroot",
            "tgisinternal", "inhdetachpending", "admin_option");
    private static final Set<String> AGGREGATES = Set.of("count", "sum", "min", "max", "avg",
            "string_agg", "array_agg", "bool_and", "bool_or", "every", "json_agg");
    private static final Set<String> UNBINDABLE = Set.of(SqlState.FEATURE_NOT_SUPPORTED,
            SqlState.UNDEFINED_OBJECT, SqlState.UNDEFINED_FUNCTION);

    private PgEmptyCatalogs() {}

    static void register(SystemTables tables) {
        for (Map.Entry<String, List<String>> e : TABLES.entrySet()) {
            List<Object> columns = new ArrayList<>();
            for (String c : e.getValue()) {
                columns.add(c);
                columns.add(ARRAYS.containsKey(c) ? ARRAYS.get(c)
                        : TYPED_TEXT.contains(c) ? SqlType.TEXT
                        : BOOLEANS.contains(c) ? SqlType.BOOLEAN
                        : c.equals("inhseqno") || c.equals("stxstattarget") ? SqlType.INTEGER
                        : SqlType.BIGINT);
            }
            tables.register(SystemTable.of("pg_catalog", e.getKey(), "always empty",
                    cx -> List.of(), columns.toArray()));
        }
    }

    /**
     * The empty result {@code sql} has when it failed with {@code error} only because Cutaway
     * cannot bind it, although it reads one of these empty tables in every branch; null when
     * that is not so (the error stands).
     */
    static Result emptyAnswer(String sql, SqlException error) {
        if (!UNBINDABLE.contains(error.sqlState())) {
            return null;
        }
        Statement st;
        try {
            st = Parser.parse(sql);
        } catch (SqlException e) {
            return null;
        }
        if (!(st instanceof Query q) || q.with() != null || !alwaysEmpty(q.body())) {
            return null;
        }
        List<String> names = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (QueryBody.Target t : firstSelect(q.body()).targets()) {
            names.add(t.alias() != null ? t.alias() : columnName(t.expr()));
            types.add(SqlType.TEXT);
        }
        return new Result("SELECT 0", names, types, List.of(), 0);
    }

    private static boolean alwaysEmpty(QueryBody body) {
        return switch (body) {
            case QueryBody.Select s -> s.groupBy().isEmpty() && s.having() == null
                    && !aggregates(s.targets()) && s.from().stream()
                            .anyMatch(PgEmptyCatalogs::readsEmpty);
            case QueryBody.SetOperation o -> switch (o.op()) {
                case UNION -> alwaysEmpty(o.left()) && alwaysEmpty(o.right());
                case INTERSECT -> alwaysEmpty(o.left()) || alwaysEmpty(o.right());
                case EXCEPT -> alwaysEmpty(o.left());
            };
            case QueryBody.Nested n -> n.query().with() == null && alwaysEmpty(n.query().body());
            case QueryBody.Values v -> false;
        };
    }

    /** Whether the FROM item has no rows because an empty table is inner-joined into it. */
    private static boolean readsEmpty(FromItem item) {
        return switch (item) {
            case FromItem.TableRef t -> TABLES.containsKey(t.name().getLast())
                    && (t.name().size() == 1 || t.name().get(t.name().size() - 2)
                            .equals("pg_catalog"));
            case FromItem.Join j -> switch (j.type()) {
                case INNER, CROSS -> readsEmpty(j.left()) || readsEmpty(j.right());
                case LEFT -> readsEmpty(j.left());
                case RIGHT -> readsEmpty(j.right());
                case FULL -> readsEmpty(j.left()) && readsEmpty(j.right());
            };
            default -> false;
        };
    }

    /** True when a select-list entry is an aggregate call at its top (count(*) makes a row). */
    private static boolean aggregates(List<QueryBody.Target> targets) {
        for (QueryBody.Target t : targets) {
            if (t.expr() instanceof Expr.FunctionCall f
                    && (AGGREGATES.contains(f.name().getLast()) || f.window() != null)) {
                return true;
            }
        }
        return false;
    }

    private static QueryBody.Select firstSelect(QueryBody body) {
        return switch (body) {
            case QueryBody.Select s -> s;
            case QueryBody.SetOperation o -> firstSelect(o.left());
            case QueryBody.Nested n -> firstSelect(n.query().body());
            case QueryBody.Values v -> throw new IllegalStateException("not always empty");
        };
    }

    /** The name PostgreSQL gives an unaliased select-list entry. */
    private static String columnName(Expr e) {
        return switch (e) {
            case Expr.ColumnRef c -> c.names().getLast();
            case Expr.FunctionCall f -> f.name().getLast();
            case Expr.Cast c -> c.operand() instanceof Expr.ColumnRef
                    || c.operand() instanceof Expr.FunctionCall ? columnName(c.operand())
                    : c.type().name();
            default -> "?column?";
        };
    }
}
