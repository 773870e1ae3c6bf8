package dev.cutaway.sql.bind;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * The names visible at one query level: the columns of the FROM clause's row, each with the
 * alias of the table it came from, and the enclosing level ({@code parent}) for correlated
 * references. A reference resolved {@code d} levels out becomes a column reference at depth
 * {@code d} (see {@code exec.Frame}); the binder notes the level it reached, so a subquery
 * knows whether it must be re-evaluated per outer row.
 *
 * <p>Errors as PostgreSQL reports them: 42703 unknown column, 42702 ambiguous column, 42P01
 * missing FROM-clause entry for a qualifier that names nothing.
 */
public final class Scope {
    /**
     * One visible column. {@code hidden} columns are found only when qualified (the right
     * side of USING); {@code inStar} says whether {@code *} expands to it.
     */
    public record Entry(String qualifier, String name, SqlType type, int index, boolean hidden,
            boolean inStar) {}

    /** A resolved reference: depth (0 = this level) and column index in that level's row. */
    public record Resolved(int depth, int index, SqlType type) {}

    private final List<Entry> entries;
    private final Scope parent;
    private final int level;

    public Scope(List<Entry> entries, Scope parent) {
        this.entries = List.copyOf(entries);
        this.parent = parent;
        this.level = parent == null ? 0 : parent.level + 1;
    }

    public static Scope empty(Scope parent) {
        return new Scope(List.of(), parent);
    }

    public List<Entry> entries() {
        return entries;
    }

    public Scope parent() {
        return parent;
    }

    /** Nesting level: 0 for a top-level query, parent's level + 1 below it. */
    public int level() {
        return level;
    }

    /** Number of columns in this level's row. */
    public int width() {
        int w = 0;
        for (Entry e : entries) {
            w = Math.max(w, e.index() + 1);
        }
        return w;
    }

    /** This scope's entries followed by {@code right}'s, shifted by this row's width. */
    public List<Entry> concat(Scope right) {
        List<Entry> all = new ArrayList<>(entries);
        int offset = width();
        for (Entry e : right.entries) {
            all.add(new Entry(e.qualifier(), e.name(), e.type(), e.index() + offset, e.hidden(),
                    e.inStar()));
        }
        return all;
    }

    /** Resolves {@code names} (column, or qualifier + column) at {@code position}. */
    public Resolved resolve(List<String> names, int position) {
        String column = names.getLast();
        String qualifier = names.size() >= 2 ? names.get(names.size() - 2) : null;
        int depth = 0;
        boolean qualifierSeen = false;
        for (Scope s = this; s != null; s = s.parent, depth++) {
            Entry found = null;
            for (Entry e : s.entries) {
                if (qualifier != null && qualifier.equals(e.qualifier())) {
                    qualifierSeen = true;
                }
                if (!e.name().equals(column)
                        || (qualifier == null ? e.hidden() : !qualifier.equals(e.qualifier()))) {
                    continue;
                }
                if (found != null && found.index() != e.index()) {
                    throw new SqlException(SqlState.AMBIGUOUS_COLUMN, "column reference \""
                            + column + "\" is ambiguous", position);
                }
                found = e;
            }
            if (found != null) {
                return new Resolved(depth, found.index(), found.type());
            }
        }
        if (qualifier != null && !qualifierSeen) {
            throw new SqlException(SqlState.UNDEFINED_TABLE,
                    "missing FROM-clause entry for table \"" + qualifier + "\"", position);
        }
        String shown = qualifier == null ? "\"" + column + "\"" : qualifier + "." + column;
        throw new SqlException(SqlState.UNDEFINED_COLUMN, "column " + shown + " does not exist",
                position);
    }

    /** The entries {@code *} (or {@code qualifier.*}) expands to; 42P01 for an unknown one. */
    public List<Entry> star(List<String> qualifier, int position) {
        List<Entry> out = new ArrayList<>();
        String q = qualifier.isEmpty() ? null : qualifier.getLast();
        boolean seen = false;
        for (Entry e : entries) {
            if (q == null ? e.inStar() : q.equals(e.qualifier())) {
                seen |= q != null;
                if (q == null || !e.name().isEmpty()) {
                    out.add(e);
                }
            }
        }
        if (q != null && !seen) {
            throw new SqlException(SqlState.UNDEFINED_TABLE,
                    "missing FROM-clause entry for table \"" + q + "\"", position);
        }
        return out;
    }
}
