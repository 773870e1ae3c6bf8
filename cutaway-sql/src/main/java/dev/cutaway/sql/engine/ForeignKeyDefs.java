package dev.cutaway.sql.engine;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.TableConstraint;
import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.CheckDesc;
import dev.cutaway.sql.catalog.ForeignKeyDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * FOREIGN KEY definitions in the catalog (ADR 0016): validating a new key (42P01, 42809,
 * 42703, 42830, 42804 as PostgreSQL words them), storing it on the child and the child's name
 * in the parent's {@code referencedBy}, and keeping both sides consistent when a table is
 * dropped or renamed, a column dropped, or a constraint dropped.
 *
 * <p>Invariant kept by every method here: parent P lists table C in {@code referencedBy}
 * exactly when C has at least one foreign key referencing P (a self-referencing table lists
 * itself).
 */
final class ForeignKeyDefs {
    private static final Set<TypeId> INTEGERS = EnumSet.of(TypeId.SMALLINT, TypeId.INTEGER,
            TypeId.BIGINT);
    private static final Set<TypeId> FLOATS = EnumSet.of(TypeId.REAL, TypeId.DOUBLE);
    private static final Set<TypeId> STRINGS = EnumSet.of(TypeId.TEXT, TypeId.VARCHAR,
            TypeId.CHAR);

    /**
     * A FOREIGN KEY as written: column-level REFERENCES or a table constraint. Its errors
     * carry no position, as PostgreSQL's do not.
     */
    record Spec(String name, List<String> columns, TableConstraint.Reference target) {}

    private final ExecContext cx;

    ForeignKeyDefs(ExecContext cx) {
        this.cx = cx;
    }

    /**
     * Adds the keys {@code specs} to {@code child} and records the child in each parent's
     * {@code referencedBy} (stored at once for other parents; returned on the child itself
     * for a self reference). The child's descriptor is returned, not stored.
     */
    Relation.Table add(Relation.Table child, List<Spec> specs) {
        Relation.Table t = child;
        for (Spec s : specs) {
            Relation.Table parent = parentOf(t, s);
            ForeignKeyDesc fk = define(t, parent, s);
            List<ForeignKeyDesc> keys = new ArrayList<>(t.foreignKeys());
            keys.add(fk);
            t = t.withForeignKeys(keys);
            if (parent == null) {
                t = withReferrer(t, t);
            } else {
                Catalog.put(cx.txn(), withReferrer(parent, t));
            }
        }
        return t;
    }

    /** The referenced table, or null when it is {@code child} itself. */
    private Relation.Table parentOf(Relation.Table child, Spec s) {
        List<String> name = s.target().table();
        String schema = Ddl.schemaOf(name);
        if (schema.equals(child.schema()) && name.getLast().equals(child.name())) {
            return null;
        }
        Relation r = Catalog.lookup(cx.txn(), schema, name.getLast());
        if (r == null) {
            throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \""
                    + String.join(".", name) + "\" does not exist", 0);
        }
        if (!(r instanceof Relation.Table t)) {
            throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "referenced relation \""
                    + r.name() + "\" is not a table", 0);
        }
        return t;
    }

    private ForeignKeyDesc define(Relation.Table child, Relation.Table parentOrNull, Spec s) {
        Relation.Table parent = parentOrNull == null ? child : parentOrNull;
        List<Integer> columns = ordinals(child, s.columns(), 0);
        List<Integer> refColumns;
        if (s.target().columns().isEmpty()) {
            if (!parent.hasPrimaryKey()) {
                throw new SqlException(SqlState.INVALID_FOREIGN_KEY, "there is no primary key"
                        + " for referenced table \"" + parent.name() + "\"", 0);
            }
            refColumns = parent.primaryKey();
        } else {
            refColumns = ordinals(parent, s.target().columns(), 0);
        }
        if (columns.size() != refColumns.size()) {
            throw new SqlException(SqlState.INVALID_FOREIGN_KEY, "number of referencing and"
                    + " referenced columns for foreign key disagree", 0);
        }
        if (ForeignKeys.uniqueIndexOn(parent, refColumns) == null
                || new java.util.HashSet<>(refColumns).size() != refColumns.size()) {
            throw new SqlException(SqlState.INVALID_FOREIGN_KEY, "there is no unique constraint"
                    + " matching given keys for referenced table \"" + parent.name() + "\"",
                    0);
        }
        String name = s.name() != null ? s.name() : freeName(child, child.name() + "_"
                + String.join("_", names(child, columns)) + "_fkey");
        requireNewConstraint(child, name, 0);
        for (int i = 0; i < columns.size(); i++) {
            SqlType a = child.columns().get(columns.get(i)).type();
            SqlType b = parent.columns().get(refColumns.get(i)).type();
            if (!comparable(a.id(), b.id())) {
                throw new SqlException(SqlState.DATATYPE_MISMATCH, "foreign key constraint \""
                        + name + "\" cannot be implemented", 0, "Key columns \""
                        + child.columns().get(columns.get(i)).name() + "\" and \""
                        + parent.columns().get(refColumns.get(i)).name() + "\" are of"
                        + " incompatible types: " + a.id().displayName() + " and "
                        + b.id().displayName() + ".", null, null);
            }
        }
        return new ForeignKeyDesc(name, columns, parent.schema(), parent.name(), refColumns,
                action(s.target().onDelete()), action(s.target().onUpdate()));
    }

    private static boolean comparable(TypeId a, TypeId b) {
        return a == b || INTEGERS.contains(a) && INTEGERS.contains(b)
                || FLOATS.contains(a) && FLOATS.contains(b)
                || STRINGS.contains(a) && STRINGS.contains(b);
    }

    private static ForeignKeyDesc.Action action(TableConstraint.Action a) {
        return ForeignKeyDesc.Action.valueOf(a.name());
    }

    private static List<Integer> ordinals(Relation.Table t, List<String> names, int position) {
        List<Integer> out = new ArrayList<>();
        for (String n : names) {
            int i = t.columnIndex(n);
            if (i < 0) {
                throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + n
                        + "\" referenced in foreign key constraint does not exist", position);
            }
            out.add(i);
        }
        return out;
    }

    private static List<String> names(Relation.Table t, List<Integer> columns) {
        List<String> out = new ArrayList<>();
        for (int c : columns) {
            out.add(t.columns().get(c).name());
        }
        return out;
    }

    /** Whether {@code name} names a constraint of {@code t} (check, foreign key, index). */
    static boolean hasConstraint(Relation.Table t, String name) {
        for (ForeignKeyDesc f : t.foreignKeys()) {
            if (f.name().equals(name)) {
                return true;
            }
        }
        for (CheckDesc c : t.checks()) {
            if (c.name().equals(name)) {
                return true;
            }
        }
        return name.equals(t.primaryKeyName())
                || t.indexes().stream().anyMatch(i -> i.name().equals(name));
    }

    private static String freeName(Relation.Table t, String base) {
        String n = base;
        for (int i = 1; hasConstraint(t, n); i++) {
            n = base + i;
        }
        return n;
    }

    /** Fails with 42710 when {@code t} already has a constraint named {@code name}. */
    static void requireNewConstraint(Relation.Table t, String name, int position) {
        if (hasConstraint(t, name)) {
            throw new SqlException(SqlState.DUPLICATE_OBJECT, "constraint \"" + name
                    + "\" for relation \"" + t.name() + "\" already exists", position);
        }
    }

    private static Relation.Table withReferrer(Relation.Table parent, Relation.Table child) {
        ForeignKeyDesc.Referrer r = new ForeignKeyDesc.Referrer(child.schema(), child.name());
        if (parent.referencedBy().contains(r)) {
            return parent;
        }
        List<ForeignKeyDesc.Referrer> all = new ArrayList<>(parent.referencedBy());
        all.add(r);
        return parent.withReferencedBy(all);
    }

    /**
     * Removes the foreign keys of {@code child} that {@code drop} selects, and the child from
     * the {@code referencedBy} of parents it no longer references (stored at once; a self
     * reference is updated on the returned, not yet stored, child).
     */
    Relation.Table remove(Relation.Table child, Predicate<ForeignKeyDesc> drop) {
        List<ForeignKeyDesc> kept = new ArrayList<>();
        List<ForeignKeyDesc> gone = new ArrayList<>();
        for (ForeignKeyDesc f : child.foreignKeys()) {
            (drop.test(f) ? gone : kept).add(f);
        }
        Relation.Table t = child.withForeignKeys(kept);
        ForeignKeyDesc.Referrer me = new ForeignKeyDesc.Referrer(child.schema(), child.name());
        for (ForeignKeyDesc f : gone) {
            if (kept.stream().anyMatch(k -> k.references(f.refSchema(), f.refTable()))) {
                continue;
            }
            if (f.references(child.schema(), child.name())) {
                t = t.withReferencedBy(without(t.referencedBy(), me));
            } else if (Catalog.lookup(cx.txn(), f.refSchema(), f.refTable())
                    instanceof Relation.Table p) {
                Catalog.put(cx.txn(), p.withReferencedBy(without(p.referencedBy(), me)));
            }
        }
        return t;
    }

    private static List<ForeignKeyDesc.Referrer> without(List<ForeignKeyDesc.Referrer> all,
            ForeignKeyDesc.Referrer r) {
        List<ForeignKeyDesc.Referrer> out = new ArrayList<>(all);
        out.remove(r);
        return out;
    }

    /** The foreign keys of other tables that reference {@code parent}, with their tables. */
    List<ForeignKeys.Link> referencing(Relation.Table parent) {
        List<ForeignKeys.Link> out = new ArrayList<>();
        for (ForeignKeyDesc.Referrer r : parent.referencedBy()) {
            if (r.schema().equals(parent.schema()) && r.table().equals(parent.name())) {
                continue;
            }
            if (Catalog.lookup(cx.txn(), r.schema(), r.table()) instanceof Relation.Table c) {
                for (ForeignKeyDesc f : c.foreignKeys()) {
                    if (f.references(parent.schema(), parent.name())) {
                        out.add(new ForeignKeys.Link(c, f));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Renames {@code t} to {@code to} on both sides of its foreign keys: children's
     * {@code refTable}, parents' {@code referencedBy}. Returns t's renamed descriptor (to be
     * stored by the caller).
     */
    Relation.Table rename(Relation.Table t, String to) {
        ForeignKeyDesc.Referrer oldName = new ForeignKeyDesc.Referrer(t.schema(), t.name());
        ForeignKeyDesc.Referrer newName = new ForeignKeyDesc.Referrer(t.schema(), to);
        for (ForeignKeys.Link l : referencing(t)) {
            Relation.Table c = (Relation.Table) Catalog.lookup(cx.txn(), l.child().schema(),
                    l.child().name());
            Catalog.put(cx.txn(), c.withForeignKeys(retarget(c.foreignKeys(), t, to)));
        }
        for (ForeignKeyDesc f : t.foreignKeys()) {
            if (!f.references(t.schema(), t.name())
                    && Catalog.lookup(cx.txn(), f.refSchema(), f.refTable())
                    instanceof Relation.Table p && p.referencedBy().contains(oldName)) {
                List<ForeignKeyDesc.Referrer> rs = new ArrayList<>(p.referencedBy());
                rs.set(rs.indexOf(oldName), newName);
                Catalog.put(cx.txn(), p.withReferencedBy(rs));
            }
        }
        List<ForeignKeyDesc.Referrer> mine = new ArrayList<>(t.referencedBy());
        if (mine.contains(oldName)) {
            mine.set(mine.indexOf(oldName), newName);
        }
        return t.withName(to).withForeignKeys(retarget(t.foreignKeys(), t, to))
                .withReferencedBy(mine);
    }

    private static List<ForeignKeyDesc> retarget(List<ForeignKeyDesc> keys, Relation.Table t,
            String to) {
        List<ForeignKeyDesc> out = new ArrayList<>();
        for (ForeignKeyDesc f : keys) {
            out.add(f.references(t.schema(), t.name()) ? f.withRefTable(to) : f);
        }
        return out;
    }
}
