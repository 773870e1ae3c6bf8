package dev.cutaway.cli.sql;

import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.CheckDesc;
import dev.cutaway.sql.catalog.ColumnDesc;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.Result;
import dev.cutaway.sql.engine.Session;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.txn.Isolation;
import dev.cutaway.txn.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * psql's describe commands over Cutaway's catalog: {@code \d} (relations), {@code \d NAME}
 * (a table's or view's columns, then its indexes and check constraints), {@code \dt},
 * {@code \di}, {@code \dv}, laid out as psql 15 lays them out:
 * <pre>
 *                 Table "public.t"
 *  Column |  Type   | Collation | Nullable | Default
 * --------+---------+-----------+----------+---------
 *  id     | integer |           | not null |
 * Indexes:
 *     "t_pkey" PRIMARY KEY, btree (id)
 * </pre>
 * The catalog is read in a read-only snapshot of committed state (like JDBC's metadata), so
 * DDL of the shell's own open transaction shows after COMMIT. Every relation is owned by
 * {@code cutaway} (there are no roles yet).
 */
final class Describe {
    static final String OWNER = "cutaway";
    private static final List<String> LIST_COLUMNS = List.of("Schema", "Name", "Type", "Owner");

    private Describe() {}

    /** Every relation the catalog holds now, ordered by schema and name. */
    static List<Relation> relations(Database db) {
        try (Transaction t = db.txnStore().begin(Isolation.REPEATABLE_READ, true)) {
            List<Relation> all = new ArrayList<>(Catalog.all(t));
            all.sort(Comparator.comparing(Relation::schema).thenComparing(Relation::name));
            return all;
        }
    }

    /**
     * {@code \d}, {@code \dt}, {@code \di}, {@code \dv}: the relations whose kind is one of
     * {@code kinds}, optionally only those named {@code pattern} (psql's * and ? wildcards).
     */
    static String list(Database db, List<String> kinds, String pattern) {
        boolean indexes = kinds.equals(List.of("index"));
        List<String[]> rows = new ArrayList<>();
        for (Relation r : relations(db)) {
            if (kinds.contains(r.kindName()) && matches(pattern, r.name())) {
                rows.add(indexes
                        ? new String[] {r.schema(), r.name(), "index", OWNER,
                            ((Relation.Index) r).table()}
                        : new String[] {r.schema(), r.name(), r.kindName(), OWNER});
            }
        }
        if (rows.isEmpty()) {
            return pattern == null ? "Did not find any relations.\n"
                    : "Did not find any relation named \"" + pattern + "\".\n";
        }
        List<String> names = new ArrayList<>(LIST_COLUMNS);
        if (indexes) {
            names.add("Table");
        }
        return TablePrinter.titled("List of relations", names, new boolean[names.size()], rows,
                true) + "\n";
    }

    /** {@code \d NAME}: one relation in detail (or each relation a pattern matches). */
    static String describe(Database db, Session session, String pattern) {
        StringBuilder out = new StringBuilder();
        for (Relation r : relations(db)) {
            if (matches(pattern, r.name())
                    || matches(pattern, r.schema() + "." + r.name())) {
                out.append(switch (r) {
                    case Relation.Table t -> table(t);
                    case Relation.View v -> view(v, session);
                    case Relation.Sequence s -> sequence(s);
                    case Relation.Index i -> index(db, i);
                }).append('\n');
            }
        }
        return out.isEmpty() ? "Did not find any relation named \"" + pattern + "\".\n"
                : out.toString();
    }

    private static String table(Relation.Table t) {
        List<String[]> rows = new ArrayList<>();
        for (ColumnDesc c : t.columns()) {
            rows.add(new String[] {c.name(), c.type().displayName(), "",
                c.notNull() ? "not null" : "", defaultText(c)});
        }
        StringBuilder out = new StringBuilder(TablePrinter.titled(
                "Table \"" + t.schema() + "." + t.name() + "\"",
                List.of("Column", "Type", "Collation", "Nullable", "Default"), new boolean[5],
                rows, false));
        List<String> indexLines = new ArrayList<>();
        for (IndexDesc i : indexesOf(t)) {
            indexLines.add("    \"" + i.name() + "\" " + indexKind(i) + "btree ("
                    + columnList(t, i) + ")");
        }
        if (!indexLines.isEmpty()) {
            out.append("Indexes:\n");
            indexLines.forEach(l -> out.append(l).append('\n'));
        }
        if (!t.checks().isEmpty()) {
            out.append("Check constraints:\n");
            for (CheckDesc c : t.checks()) {
                out.append("    \"").append(c.name()).append("\" CHECK (").append(c.sql())
                        .append(")\n");
            }
        }
        if (t.engine() != null) {
            out.append("Storage engine: ").append(t.engine()).append('\n');
        }
        return out.toString();
    }

    /** The primary key first, then the other indexes by name, as psql orders them. */
    static List<IndexDesc> indexesOf(Relation.Table t) {
        List<IndexDesc> all = new ArrayList<>();
        if (t.hasPrimaryKey()) {
            all.add(new IndexDesc(t.id(), t.primaryKeyName(), t.primaryKey(), true, true));
        }
        List<IndexDesc> others = new ArrayList<>(t.indexes());
        others.removeIf(IndexDesc::primary);
        others.sort(Comparator.comparing(IndexDesc::name));
        all.addAll(others);
        return all;
    }

    private static String indexKind(IndexDesc i) {
        return i.primary() ? "PRIMARY KEY, " : i.unique() ? "UNIQUE, " : "";
    }

    private static String columnList(Relation.Table t, IndexDesc i) {
        List<String> names = new ArrayList<>();
        for (int c : i.columns()) {
            names.add(t.columns().get(c).name());
        }
        return String.join(", ", names);
    }

    private static String defaultText(ColumnDesc c) {
        return switch (c.identity()) {
            case ALWAYS -> "generated always as identity";
            case BY_DEFAULT -> "generated by default as identity";
            case SERIAL, NONE -> c.defaultSql() == null ? "" : c.defaultSql();
        };
    }

    /** A view's column types come from running it with no rows (the catalog keeps only SQL). */
    private static String view(Relation.View v, Session session) {
        List<String[]> rows = new ArrayList<>();
        List<SqlType> types = null;
        try {
            Result r = session.executeOne("SELECT * FROM " + quote(v.schema()) + "."
                    + quote(v.name()) + " LIMIT 0");
            types = r.columnTypes();
        } catch (RuntimeException e) {
            // A broken view (a dropped table beneath it) still shows its columns.
        }
        for (int c = 0; c < v.columns().size(); c++) {
            String type = types == null || c >= types.size() ? "?"
                    : types.get(c).displayName();
            rows.add(new String[] {v.columns().get(c), type, "", "", ""});
        }
        return TablePrinter.titled("View \"" + v.schema() + "." + v.name() + "\"",
                List.of("Column", "Type", "Collation", "Nullable", "Default"), new boolean[5],
                rows, false) + "View definition:\n " + v.sql() + ";\n";
    }

    private static String sequence(Relation.Sequence s) {
        List<String[]> rows = List.<String[]>of(new String[] {"bigint", Long.toString(s.start()),
            Long.toString(s.min()), Long.toString(s.max()), Long.toString(s.increment()),
            s.cycle() ? "yes" : "no", "1"});
        String owned = s.ownerTable() == null ? "" : "Owned by: " + s.ownerTable() + "\n";
        return TablePrinter.titled("Sequence \"" + s.schema() + "." + s.name() + "\"",
                List.of("Type", "Start", "Minimum", "Maximum", "Increment", "Cycles?", "Cache"),
                new boolean[] {false, true, true, true, true, false, true}, rows, false)
                + owned;
    }

    private static String index(Database db, Relation.Index i) {
        for (Relation r : relations(db)) {
            if (r instanceof Relation.Table t && t.name().equals(i.table())
                    && t.schema().equals(i.schema())) {
                for (IndexDesc d : indexesOf(t)) {
                    if (d.name().equals(i.name())) {
                        return indexDetail(t, d);
                    }
                }
            }
        }
        return "Index \"" + i.schema() + "." + i.name() + "\" on table " + i.table() + "\n";
    }

    private static String indexDetail(Relation.Table t, IndexDesc d) {
        List<String[]> rows = new ArrayList<>();
        for (int c : d.columns()) {
            ColumnDesc col = t.columns().get(c);
            rows.add(new String[] {col.name(), col.type().displayName(), "yes", col.name()});
        }
        String kind = d.primary() ? "primary key, " : d.unique() ? "unique, " : "";
        return TablePrinter.titled("Index \"" + t.schema() + "." + d.name() + "\"",
                List.of("Column", "Type", "Key?", "Definition"), new boolean[4], rows, false)
                + kind + "btree, for table \"" + t.schema() + "." + t.name() + "\"\n";
    }

    /** psql's name patterns: {@code *} any run, {@code ?} one character, else exact. */
    static boolean matches(String pattern, String name) {
        if (pattern == null) {
            return true;
        }
        String p = pattern.startsWith("\"") && pattern.endsWith("\"") && pattern.length() > 1
                ? pattern.substring(1, pattern.length() - 1)
                : pattern.toLowerCase(Locale.ROOT);
        StringBuilder regex = new StringBuilder();
        for (char c : p.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return name.matches(regex.toString());
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
