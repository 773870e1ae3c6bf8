package dev.cutaway.sql.system;

import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.CheckDesc;
import dev.cutaway.sql.catalog.ColumnDesc;
import dev.cutaway.sql.catalog.ForeignKeyDesc;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.types.CatalogLookup;
import dev.cutaway.txn.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@link CatalogLookup} of one statement: answers the pg_catalog helper functions from
 * the statement's transaction (its snapshot of the catalog), with the OIDs of {@link PgOids}.
 * Reads the catalog once, on first use (a statement calling {@code pg_get_indexdef} per row
 * does not rescan it per row).
 *
 * <p>Definitions are printed as PostgreSQL's {@code pg_get_indexdef} and
 * {@code pg_get_constraintdef} print them for the same objects: {@code CREATE UNIQUE INDEX
 * t_pkey ON public.t USING btree (id)}, {@code PRIMARY KEY (id)}, {@code UNIQUE (a, b)},
 * {@code CHECK (...)} with the expression as Cutaway stored it, {@code FOREIGN KEY (a)
 * REFERENCES p(id) ON DELETE CASCADE}. Identifiers are quoted when they need to be.
 */
public final class PgDefinitions implements CatalogLookup {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    private final Transaction txn;
    private List<Relation> relations;

    public PgDefinitions(Transaction txn) {
        this.txn = txn;
    }

    private List<Relation> relations() {
        if (relations == null) {
            relations = Catalog.all(txn);
        }
        return relations;
    }

    /** {@code name} as an SQL identifier: bare when it can be, else double-quoted. */
    public static String quoteIdent(String name) {
        return PLAIN.matcher(name).matches() ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** {@code schema.name} as regclass prints it: the schema only when not public. */
    static String qualified(String schema, String name) {
        return schema.equals(Catalog.DEFAULT_SCHEMA) ? quoteIdent(name)
                : quoteIdent(schema) + "." + quoteIdent(name);
    }

    @Override
    public String relationName(long oid) {
        Relation r = PgOids.byId(relations(), oid);
        return r == null ? Long.toString(oid) : qualified(r.schema(), r.name());
    }

    @Override
    public long relationOid(String name) {
        String n = name.strip();
        if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(n);
        }
        List<String> parts = identifiers(n);
        Long system = PgOids.CATALOG_TABLES.get(parts.getLast());
        if (system != null && (parts.size() == 1 || parts.get(0).equals("pg_catalog"))) {
            return system;
        }
        String schema = parts.size() > 1 ? parts.get(parts.size() - 2) : Catalog.DEFAULT_SCHEMA;
        for (Relation r : relations()) {
            if (r.schema().equals(schema) && r.name().equals(parts.getLast())) {
                return PgOids.relation(relations(), r);
            }
        }
        return -1;
    }

    /** {@code a.b} or {@code "A".b} split and case-folded as SQL does. */
    private static List<String> identifiers(String name) {
        List<String> out = new ArrayList<>();
        for (String part : name.split("\\.")) {
            out.add(part.startsWith("\"") && part.endsWith("\"") && part.length() >= 2
                    ? part.substring(1, part.length() - 1) : part.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    @Override
    public String schemaName(long oid) {
        for (String s : PgOids.schemas(relations())) {
            if (PgOids.schema(PgOids.schemas(relations()), s) == oid) {
                return s;
            }
        }
        return null;
    }

    @Override
    public long schemaOid(String name) {
        List<String> schemas = PgOids.schemas(relations());
        String n = identifiers(name.strip()).getLast();
        return schemas.contains(n) ? PgOids.schema(schemas, n) : -1;
    }

    @Override
    public String indexDefinition(long oid) {
        for (Relation r : relations()) {
            if (r instanceof Relation.Table t) {
                for (IndexDesc i : PgOids.indexes(t)) {
                    if (PgOids.index(relations(), t, i.name()) == oid) {
                        return "CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX "
                                + quoteIdent(i.name()) + " ON " + quoteIdent(t.schema()) + "."
                                + quoteIdent(t.name()) + " USING btree (" + columns(t,
                                i.columns()) + ")";
                    }
                }
            }
        }
        return null;
    }

    @Override
    public String indexColumn(long oid, int column) {
        for (Relation r : relations()) {
            if (r instanceof Relation.Table t) {
                for (IndexDesc i : PgOids.indexes(t)) {
                    if (PgOids.index(relations(), t, i.name()) == oid && column >= 1
                            && column <= i.columns().size()) {
                        return columns(t, List.of(i.columns().get(column - 1)));
                    }
                }
            }
        }
        return null;
    }

    @Override
    public String constraintDefinition(long oid) {
        for (Relation r : relations()) {
            if (r instanceof Relation.Table t) {
                String def = constraintOf(t, oid);
                if (def != null) {
                    return def;
                }
            }
        }
        return null;
    }

    private String constraintOf(Relation.Table t, long oid) {
        for (IndexDesc i : PgOids.indexes(t)) {
            if (i.unique() && PgOids.index(relations(), t, i.name()) == oid) {
                return (i.primary() ? "PRIMARY KEY (" : "UNIQUE (") + columns(t, i.columns())
                        + ")";
            }
        }
        long k = oid - PgOids.check(t, 0);
        if (k < 0 || k >= PgOids.PER_TABLE) {
            return null;
        }
        if (k < t.checks().size()) {
            return checkDefinition(t.checks().get((int) k));
        }
        ForeignKeyDesc f = PgOids.foreignKeyAt(t, (int) k - PgOids.FOREIGN_KEY_OFFSET);
        return k >= PgOids.FOREIGN_KEY_OFFSET && f != null ? foreignKeyDefinition(t, f) : null;
    }

    /** {@code CHECK (expr)}: the stored text, parenthesised once. */
    public static String checkDefinition(CheckDesc c) {
        String sql = c.sql().strip();
        return sql.startsWith("(") && sql.endsWith(")") ? "CHECK " + sql
                : "CHECK (" + sql + ")";
    }

    private String foreignKeyDefinition(Relation.Table t, ForeignKeyDesc f) {
        StringBuilder b = new StringBuilder("FOREIGN KEY (").append(columns(t, f.columns()))
                .append(") REFERENCES ").append(qualified(f.refSchema(), f.refTable()));
        Relation parent = Catalog.lookup(txn, f.refSchema(), f.refTable());
        if (parent instanceof Relation.Table p) {
            b.append('(').append(columns(p, f.refColumns())).append(')');
        }
        appendAction(b, "UPDATE", f.onUpdate());
        appendAction(b, "DELETE", f.onDelete());
        return b.toString();
    }

    private static void appendAction(StringBuilder b, String event, ForeignKeyDesc.Action a) {
        if (a != ForeignKeyDesc.Action.NO_ACTION) {
            b.append(" ON ").append(event).append(' ')
                    .append(a.name().replace('_', ' '));
        }
    }

    static String columns(Relation.Table t, List<Integer> ordinals) {
        List<String> names = new ArrayList<>();
        for (int o : ordinals) {
            ColumnDesc c = t.columns().get(o);
            names.add(quoteIdent(c.name()));
        }
        return String.join(", ", names);
    }
}
