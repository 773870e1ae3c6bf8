package dev.cutaway.sql.engine;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.bind.BindContext;
import dev.cutaway.sql.bind.QueryBinder;
import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.parse.Parser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which views depend on what a DROP removes, found by binding (ADR 0016): views are stored as
 * text, so instead of a dependency table the views that bind before the change and no longer
 * bind after it (or now yield a different number of columns, as {@code SELECT *} over a
 * dropped column does) are its dependents. This is exact for columns and sees through CTEs
 * and nested views (a view on a broken view is broken too) without a second copy of the
 * binder's name resolution; it costs one bind per view per DROP, which DDL can afford.
 *
 * <p>Errors are PostgreSQL's 2BP01: "cannot drop table p because other objects depend on it",
 * one DETAIL line per dependent, HINT "Use DROP ... CASCADE to drop the dependent objects
 * too.".
 */
final class Dependents {
    private final ExecContext cx;
    private final List<String> lines = new ArrayList<>();

    Dependents(ExecContext cx) {
        this.cx = cx;
    }

    /** The views that bind now (call before the change). */
    List<Relation.View> bindingViews() {
        List<Relation.View> out = new ArrayList<>();
        for (Relation r : Catalog.all(cx.txn())) {
            if (r instanceof Relation.View v && binds(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * Of {@code before}, the views still in the catalog that no longer bind, in creation
     * order (ids grow), as PostgreSQL lists dependents in OID order.
     */
    List<Relation.View> broken(List<Relation.View> before) {
        List<Relation.View> out = new ArrayList<>();
        for (Relation.View v : before) {
            Relation now = Catalog.lookup(cx.txn(), v.schema(), v.name());
            if (now instanceof Relation.View current && !binds(current)) {
                out.add(current);
            }
        }
        out.sort(java.util.Comparator.comparingLong(Relation.View::id));
        return out;
    }

    private boolean binds(Relation.View v) {
        try {
            Query q = (Query) Parser.parse(v.sql());
            QueryBinder.Bound b = new QueryBinder(new BindContext(cx.txn(), cx.eval()))
                    .bind(q, null);
            return b.names().size() == v.columns().size();
        } catch (RuntimeException e) {   // SqlException, or a binder bug: either way broken
            return false;
        }
    }

    /** Adds a DETAIL line ("constraint c_a_fkey on table c depends on table p"). */
    void add(String line) {
        lines.add(line);
    }

    /**
     * Adds a line per broken view: it depends on the dropped object it names ({@code objects}
     * maps a name to its description, "table p" or "column x of table p"), else on the broken
     * view it names, else on the first object.
     */
    void addViews(List<Relation.View> broken, Map<String, String> objects) {
        for (Relation.View v : broken) {
            Set<String> names = new HashSet<>();
            for (List<String> n : ViewRewrites.tableNames((Query) Parser.parse(v.sql()))) {
                names.add(n.getLast());
            }
            String on = null;
            for (Map.Entry<String, String> o : objects.entrySet()) {
                if (on == null && names.contains(o.getKey())) {
                    on = o.getValue();
                }
            }
            for (Relation.View other : broken) {
                if (on == null && other != v && names.contains(other.name())) {
                    on = "view " + other.name();
                }
            }
            lines.add("view " + v.name() + " depends on "
                    + (on != null ? on : objects.values().iterator().next()));
        }
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    /**
     * 2BP01 for dropping {@code object} ("table p"; null for several), listing them; without
     * a position, as PostgreSQL reports it.
     */
    SqlException error(String object) {
        String message = object == null
                ? "cannot drop desired object(s) because other objects depend on them"
                : "cannot drop " + object + " because other objects depend on it";
        return new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, message, 0,
                String.join("\n", lines),
                "Use DROP ... CASCADE to drop the dependent objects too.", null);
    }

    /** Drops the broken views (DROP ... CASCADE). */
    void dropViews(List<Relation.View> broken) {
        for (Relation.View v : broken) {
            Catalog.remove(cx.txn(), v);
        }
    }
}
