package dev.cutaway.sql.engine;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.ColumnConstraint;
import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.ast.TableConstraint;
import dev.cutaway.sql.bind.QueryBinder;
import dev.cutaway.sql.bind.Scope;
import dev.cutaway.sql.catalog.CheckDesc;
import dev.cutaway.sql.catalog.ColumnDesc;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.parse.SqlPrinter;
import dev.cutaway.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a CREATE TABLE (or an added column) into catalog descriptors: column types (SERIAL
 * and IDENTITY become an integer column with a sequence), NOT NULL, DEFAULT (validated by
 * binding it), PRIMARY KEY, UNIQUE (an index each), CHECK, and the storage parameters. Names
 * follow PostgreSQL: {@code t_pkey}, {@code t_a_key}, {@code t_a_check}, {@code t_a_seq}.
 * Foreign keys are collected as {@link ForeignKeyDefs.Spec}s and added once the table is
 * built (they may reference the table itself).
 */
final class TableDefs {
    private final Ddl ddl;
    private final QueryBinder binder;
    private final String schema;
    private final String table;
    private final long id;
    private final List<Relation> companions = new ArrayList<>();
    private final List<String> usedNames = new ArrayList<>();

    TableDefs(Ddl ddl, QueryBinder binder, String schema, String table, long id) {
        this.ddl = ddl;
        this.binder = binder;
        this.schema = schema;
        this.table = table;
        this.id = id;
    }

    /** Sequences and index name entries the table needs, to store with it. */
    List<Relation> companions() {
        return companions;
    }

    /** Constraints collected while reading a CREATE TABLE. */
    private static final class Parts {
        final List<ColumnDesc> columns = new ArrayList<>();
        final List<Integer> pk = new ArrayList<>();
        String pkName;
        final List<List<Integer>> uniques = new ArrayList<>();
        final List<String> uniqueNames = new ArrayList<>();
        final List<CheckDesc> checks = new ArrayList<>();
    }

    private final List<ForeignKeyDefs.Spec> foreignKeys = new ArrayList<>();

    /** The FOREIGN KEYs of the CREATE TABLE, for {@link ForeignKeyDefs#add} once built. */
    List<ForeignKeyDefs.Spec> foreignKeys() {
        return foreignKeys;
    }

    Relation.Table build(Statement.CreateTable c) {
        Parts parts = new Parts();
        readColumns(c, parts);
        readTableConstraints(c, parts);
        return assemble(c, parts);
    }

    private void readColumns(Statement.CreateTable c, Parts p) {
        List<ColumnDesc> columns = p.columns;
        List<Integer> pk = p.pk;
        List<CheckDesc> checks = p.checks;
        for (Statement.ColumnDef def : c.columns()) {
            for (ColumnDesc existing : columns) {
                if (existing.name().equals(def.name())) {
                    throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + def.name()
                            + "\" specified more than once", def.position());
                }
            }
            int index = columns.size();
            columns.add(column(def));
            for (ColumnConstraint cc : def.constraints()) {
                switch (cc) {
                    case ColumnConstraint.PrimaryKey pk0 -> {
                        if (!pk.isEmpty()) {
                            throw multiplePrimaryKeys(def.position());
                        }
                        pk.add(index);
                        p.pkName = pk0.name();
                    }
                    case ColumnConstraint.Unique u -> {
                        p.uniques.add(List.of(index));
                        p.uniqueNames.add(u.name());
                    }
                    case ColumnConstraint.Check k -> checks.add(new CheckDesc(
                            name(k.name(), table + "_" + def.name() + "_check"),
                            SqlPrinter.print(k.condition())));
                    case ColumnConstraint.References r -> foreignKeys.add(new ForeignKeyDefs
                            .Spec(r.name(), List.of(def.name()), r.target()));
                    default -> { }
                }
            }
        }
    }

    private void readTableConstraints(Statement.CreateTable c, Parts parts) {
        List<ColumnDesc> columns = parts.columns;
        List<Integer> pk = parts.pk;
        for (TableConstraint tc : c.constraints()) {
            switch (tc) {
                case TableConstraint.PrimaryKey p -> {
                    if (!pk.isEmpty()) {
                        throw multiplePrimaryKeys(c.position());
                    }
                    pk.addAll(ordinals(columns, p.columns(), c.position()));
                    parts.pkName = p.name();
                }
                case TableConstraint.Unique u -> {
                    parts.uniques.add(ordinals(columns, u.columns(), c.position()));
                    parts.uniqueNames.add(u.name());
                }
                case TableConstraint.Check k -> parts.checks.add(new CheckDesc(name(k.name(),
                        table + "_check"), SqlPrinter.print(k.condition())));
                case TableConstraint.ForeignKey f -> foreignKeys.add(new ForeignKeyDefs.Spec(
                        f.name(), f.columns(), f.target()));
            }
        }
    }

    private Relation.Table assemble(Statement.CreateTable c, Parts parts) {
        List<ColumnDesc> columns = parts.columns;
        List<Integer> pk = parts.pk;
        String pkName = parts.pkName;
        List<List<Integer>> uniques = parts.uniques;
        List<String> uniqueNames = parts.uniqueNames;
        for (int p : pk) {
            columns.set(p, columns.get(p).withNotNull(true));
        }
        if (!pk.isEmpty()) {
            pkName = name(pkName, table + "_pkey");
            companions.add(new Relation.Index(id, schema, pkName, table));
        }
        List<IndexDesc> indexes = new ArrayList<>();
        for (int i = 0; i < uniques.size(); i++) {
            List<String> names = new ArrayList<>();
            for (int col : uniques.get(i)) {
                names.add(columns.get(col).name());
            }
            String n = name(uniqueNames.get(i), table + "_" + String.join("_", names) + "_key");
            IndexDesc index = new IndexDesc(ddl.nextId(), n, uniques.get(i), true, false);
            indexes.add(index);
            companions.add(new Relation.Index(index.id(), schema, n, table));
        }
        Relation.Table t = new Relation.Table(id, schema, table, columns, pk, pkName, indexes,
                parts.checks, 0, engine(c), pk.isEmpty() ? id : 0);
        validate(t, c.position());
        return t;
    }

    private SqlException multiplePrimaryKeys(int position) {
        return new SqlException(SqlState.INVALID_TABLE_DEFINITION,
                "multiple primary keys for table \"" + table + "\" are not allowed", position);
    }

    /** A free constraint name: the given one, or {@code base} made unique. */
    private String name(String given, String base) {
        String n = given != null ? given : ddl.freeName(schema, base);
        while (given == null && usedNames.contains(n)) {
            n = n + "1";
        }
        if (given != null && usedNames.contains(n)) {
            throw new SqlException(SqlState.DUPLICATE_OBJECT, "constraint \"" + n
                    + "\" for relation \"" + table + "\" already exists");
        }
        usedNames.add(n);
        return n;
    }

    private static List<Integer> ordinals(List<ColumnDesc> columns, List<String> names,
            int position) {
        List<Integer> out = new ArrayList<>();
        for (String n : names) {
            int found = -1;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(n)) {
                    found = i;
                }
            }
            if (found < 0) {
                throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + n
                        + "\" named in key does not exist", position);
            }
            out.add(found);
        }
        return out;
    }

    private static String engine(Statement.CreateTable c) {
        String engine = null;
        for (Statement.StorageParameter p : c.storage()) {
            if (p.name().equalsIgnoreCase("fillfactor")) {
                continue;   // PostgreSQL's heap page fill: accepted (pgbench sends it), no effect
            }
            if (!p.name().equalsIgnoreCase("engine")) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                        "unrecognized parameter \"" + p.name() + "\"", c.position());
            }
            engine = p.value();
        }
        return engine;
    }

    /** One column: its type (SERIAL/IDENTITY made concrete), NOT NULL, DEFAULT. */
    ColumnDesc column(Statement.ColumnDef def) {
        String typeName = def.type().name().toLowerCase(Locale.ROOT);
        SqlType type = switch (typeName) {
            case "serial", "serial4" -> SqlType.INTEGER;
            case "bigserial", "serial8" -> SqlType.BIGINT;
            case "smallserial", "serial2" -> SqlType.SMALLINT;
            default -> QueryBinder.resolveType(def.type());
        };
        ColumnDesc.Identity identity = typeName.contains("serial")
                ? ColumnDesc.Identity.SERIAL : ColumnDesc.Identity.NONE;
        boolean notNull = identity == ColumnDesc.Identity.SERIAL;
        String defaultSql = null;
        for (ColumnConstraint cc : def.constraints()) {
            switch (cc) {
                case ColumnConstraint.NotNull n -> notNull = true;
                case ColumnConstraint.Default d -> defaultSql = SqlPrinter.print(d.value());
                case ColumnConstraint.Identity i -> {
                    identity = i.always() ? ColumnDesc.Identity.ALWAYS
                            : ColumnDesc.Identity.BY_DEFAULT;
                    notNull = true;
                }
                default -> { }
            }
        }
        long sequenceId = 0;
        if (identity != ColumnDesc.Identity.NONE) {
            String seqName = ddl.freeName(schema, table + "_" + def.name() + "_seq");
            sequenceId = ddl.nextId();
            long max = type.equals(SqlType.INTEGER) ? Integer.MAX_VALUE
                    : type.equals(SqlType.SMALLINT) ? Short.MAX_VALUE : Long.MAX_VALUE;
            companions.add(new Relation.Sequence(sequenceId, schema, seqName, 1, 1, 1, max,
                    false, table));
            defaultSql = "nextval(" + SqlPrinter.stringLiteral(seqName) + ")";
        }
        return new ColumnDesc(def.name(), type, notNull, defaultSql, identity, sequenceId);
    }

    /** Binds defaults and checks now, so a bad one fails the CREATE, not a later INSERT. */
    /**
     * 0A000 when a key or index column is an array (ADR 0028): arrays have no
     * order-preserving key encoding.
     */
    static void requireKeyable(Relation.Table t, List<Integer> columns, int position) {
        for (int c : columns) {
            ColumnDesc d = t.columns().get(c);
            if (d.type().isArray()) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "column \"" + d.name()
                        + "\" of type " + d.type().displayName() + " cannot be part of a key or"
                        + " index", position);
            }
        }
    }

    private void validate(Relation.Table t, int position) {
        requireKeyable(t, t.primaryKey(), position);
        for (IndexDesc i : t.indexes()) {
            requireKeyable(t, i.columns(), position);
        }
        Scope scope = QueryBinder.tableScope(t, t.name(), null);
        for (CheckDesc c : t.checks()) {
            binder.bindCondition(TableWriter.parseExpr(c.sql()), scope, "CHECK");
        }
        for (ColumnDesc c : t.columns()) {
            if (c.defaultSql() != null && c.identity() == ColumnDesc.Identity.NONE) {
                Expr e = TableWriter.parseExpr(c.defaultSql());
                BoundExpr b = binder.bindExpr(e, Scope.empty(null), "DEFAULT");
                binder.assign(b, c.type(), c.name(), position);
            }
        }
    }
}
