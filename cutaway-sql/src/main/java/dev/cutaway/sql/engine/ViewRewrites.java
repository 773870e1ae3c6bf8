package dev.cutaway.sql.engine;

import dev.cutaway.sql.ast.FromItem;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.parse.Parser;
import dev.cutaway.sql.parse.SqlPrinter;
import dev.cutaway.txn.Transaction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Keeps stored view text valid across ALTER TABLE RENAME, RENAME COLUMN and DROP COLUMN
 * (ADR 0016). Views are stored as SQL text and re-bound on use, so a renamed table or column
 * would break them; instead of storing bound trees, the text is rewritten so it means what it
 * meant before, touching only the view's references to the altered table:
 * <ul>
 *   <li>RENAME TABLE t TO u: {@code FROM t} becomes {@code FROM u AS t} (the old name stays
 *       the qualifier, so {@code t.x} still resolves);</li>
 *   <li>RENAME COLUMN c (ordinal i) TO d: the reference gets a column alias list reaching
 *       ordinal i that keeps the old name, {@code FROM t AS t(a, b, c)};</li>
 *   <li>DROP COLUMN (ordinal i): entry i leaves such alias lists, so positions stay aligned.</li>
 * </ul>
 * The walk over the AST is generic: every record of the {@code ast} package is rebuilt through
 * its canonical constructor when a component changed, so new node kinds need no change here.
 * Limitation: a CTE named like the altered table is rewritten as if it were the table.
 */
final class ViewRewrites {
    private static final String AST_PACKAGE = "dev.cutaway.sql.ast";

    private ViewRewrites() {}

    /** Every table or view name the query's FROM clauses mention (schema-qualified or not). */
    static Set<List<String>> tableNames(Query q) {
        Set<List<String>> out = new LinkedHashSet<>();
        rewrite(q, t -> {
            out.add(t.name());
            return t;
        });
        return out;
    }

    /** Whether {@code name} (as written in a FROM) denotes {@code schema.table}. */
    static boolean names(List<String> name, String schema, String table) {
        return name.getLast().equals(table) && (name.size() == 1
                ? schema.equals(Catalog.DEFAULT_SCHEMA) : name.get(name.size() - 2).equals(schema));
    }

    /** Rewrites every view of the catalog whose text mentions {@code t}. */
    static void rewriteViews(Transaction txn, Relation.Table t,
            UnaryOperator<FromItem.TableRef> f) {
        for (Relation r : Catalog.all(txn)) {
            if (!(r instanceof Relation.View v)) {
                continue;
            }
            Query q = (Query) Parser.parse(v.sql());
            Query changed = (Query) rewrite(q, ref -> names(ref.name(), t.schema(), t.name())
                    ? f.apply(ref) : ref);
            if (changed != q) {
                Catalog.put(txn, new Relation.View(v.id(), v.schema(), v.name(), v.columns(),
                        SqlPrinter.print(changed)));
            }
        }
    }

    /** FROM t as FROM u AS t. */
    static FromItem.TableRef renameTable(FromItem.TableRef ref, String to) {
        List<String> name = new ArrayList<>(ref.name());
        name.set(name.size() - 1, to);
        FromItem.Alias alias = ref.alias() != null ? ref.alias()
                : new FromItem.Alias(ref.name().getLast(), List.of());
        return new FromItem.TableRef(name, alias, ref.position());
    }

    /** Keeps the column at {@code ordinal} visible as {@code oldName} through an alias list. */
    static FromItem.TableRef renameColumn(FromItem.TableRef ref, List<String> currentNames,
            int ordinal, String oldName) {
        List<String> columns = ref.alias() == null ? List.of() : ref.alias().columns();
        if (columns.size() > ordinal) {
            return ref;
        }
        List<String> extended = new ArrayList<>(columns);
        for (int i = columns.size(); i <= ordinal; i++) {
            extended.add(i == ordinal ? oldName : currentNames.get(i));
        }
        String qualifier = ref.alias() == null ? ref.name().getLast() : ref.alias().name();
        return new FromItem.TableRef(ref.name(), new FromItem.Alias(qualifier, extended),
                ref.position());
    }

    /** Drops entry {@code ordinal} of the reference's column alias list, if it reaches it. */
    static FromItem.TableRef dropColumn(FromItem.TableRef ref, int ordinal) {
        if (ref.alias() == null || ref.alias().columns().size() <= ordinal) {
            return ref;
        }
        List<String> columns = new ArrayList<>(ref.alias().columns());
        columns.remove(ordinal);
        return new FromItem.TableRef(ref.name(), new FromItem.Alias(ref.alias().name(), columns),
                ref.position());
    }

    /**
     * {@code node} with every table reference below it replaced by {@code f}'s result; the
     * same object when nothing changed.
     */
    static Object rewrite(Object node, UnaryOperator<FromItem.TableRef> f) {
        return rewrite(node, FromItem.TableRef.class, f);
    }

    /**
     * {@code node} with every AST node of class {@code type} below it replaced by {@code f}'s
     * result; the same object when nothing changed.
     */
    static <T> Object rewrite(Object node, Class<T> type, UnaryOperator<T> f) {
        if (type.isInstance(node)) {
            return f.apply(type.cast(node));
        }
        return switch (node) {
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                boolean changed = false;
                for (Object o : list) {
                    Object r = rewrite(o, type, f);
                    changed |= r != o;
                    out.add(r);
                }
                yield changed ? out : list;
            }
            case Record r when r.getClass().getPackageName().equals(AST_PACKAGE) ->
                    rewriteRecord(r, type, f);
            case null, default -> node;
        };
    }

    private static <T> Object rewriteRecord(Record r, Class<T> type, UnaryOperator<T> f) {
        RecordComponent[] components = r.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean changed = false;
        try {
            for (int i = 0; i < components.length; i++) {
                Object v = components[i].getAccessor().invoke(r);
                values[i] = rewrite(v, type, f);
                changed |= values[i] != v;
                types[i] = components[i].getType();
            }
            return changed ? r.getClass().getDeclaredConstructor(types).newInstance(values) : r;
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new IllegalStateException("cannot rebuild " + r.getClass().getName(), cause);
        }
    }
}
