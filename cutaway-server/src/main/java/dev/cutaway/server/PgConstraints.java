package dev.cutaway.server;

import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.ColumnDesc;
import dev.cutaway.sql.catalog.ForeignKeyDesc;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.system.PgOids;
import dev.cutaway.sql.system.SystemTable;
import dev.cutaway.sql.system.SystemTables;
import dev.cutaway.sql.types.SqlArray;
import dev.cutaway.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code pg_index}, {@code pg_constraint} and {@code pg_attrdef} over the tables of the
 * statement's catalog snapshot (ADR 0025), for psql's {@code \d TABLE} and {@code \di} and
 * pgjdbc's getPrimaryKeys / getIndexInfo.
 *
 * <p>Every index of a table (its primary key first) is one pg_index row, keyed by its
 * {@code Relation.Index} companion's id. A primary key and every UNIQUE index are also
 * constraints ({@code contype} p and u, {@code conindid} the index; Cutaway does not tell a
 * UNIQUE constraint from a unique index, so both show as constraints); CHECK (c) and FOREIGN
 * KEY (f) constraints get the OIDs of {@link PgOids}. Column lists ({@code indkey},
 * {@code conkey}) are 1-based attribute numbers, as PostgreSQL types them (ADR 0028):
 * {@code indkey} and {@code indoption} are int2vector (subscripts from 0), {@code indclass}
 * an oidvector (every key uses one default operator class), {@code conkey}/{@code confkey}
 * int2[]. {@code adbin} is the default's SQL text.
 */
final class PgConstraints {
    /** A serial's default as Cutaway stores it; PostgreSQL shows the argument's regclass. */
    private static final Pattern NEXTVAL = Pattern.compile("^nextval\\('([^']*)'\\)$");
    /** PostgreSQL's int4_ops, the operator class the catalog names for every key column. */
    private static final Long INT4_OPS = 1978L;
    private static final SqlType SMALLINTS = SqlType.arrayOf(SqlType.SMALLINT);

    private PgConstraints() {}

    static void register(SystemTables tables) {
        tables.register(SystemTable.of("pg_catalog", "pg_index", "indexes",
                PgConstraints::indexes, "indexrelid", SqlType.BIGINT,
                "indrelid", SqlType.BIGINT, "indnatts", SqlType.SMALLINT,
                "indnkeyatts", SqlType.SMALLINT, "indisunique", SqlType.BOOLEAN,
                "indisprimary", SqlType.BOOLEAN, "indisexclusion", SqlType.BOOLEAN,
                "indimmediate", SqlType.BOOLEAN, "indisclustered", SqlType.BOOLEAN,
                "indisvalid", SqlType.BOOLEAN, "indisready", SqlType.BOOLEAN,
                "indislive", SqlType.BOOLEAN, "indisreplident", SqlType.BOOLEAN,
                "indnullsnotdistinct", SqlType.BOOLEAN,
                "indkey", SqlType.INT2VECTOR, "indclass", SqlType.OIDVECTOR,
                "indoption", SqlType.INT2VECTOR,
                "indexprs", SqlType.TEXT, "indpred", SqlType.TEXT));
        tables.register(SystemTable.of("pg_catalog", "pg_constraint", "constraints",
                PgConstraints::constraints, "oid", SqlType.BIGINT, "conname", SqlType.TEXT,
                "connamespace", SqlType.BIGINT, "contype", SqlType.TEXT,
                "condeferrable", SqlType.BOOLEAN, "condeferred", SqlType.BOOLEAN,
                "convalidated", SqlType.BOOLEAN, "conrelid", SqlType.BIGINT,
                "contypid", SqlType.BIGINT, "conindid", SqlType.BIGINT,
                "conparentid", SqlType.BIGINT, "confrelid", SqlType.BIGINT,
                "confupdtype", SqlType.TEXT, "confdeltype", SqlType.TEXT,
                "confmatchtype", SqlType.TEXT, "conislocal", SqlType.BOOLEAN,
                "coninhcount", SqlType.INTEGER, "connoinherit", SqlType.BOOLEAN,
                "conkey", SMALLINTS, "confkey", SMALLINTS));
        tables.register(SystemTable.of("pg_catalog", "pg_sequence", "sequences",
                PgConstraints::sequences, "seqrelid", SqlType.BIGINT,
                "seqtypid", SqlType.BIGINT, "seqstart", SqlType.BIGINT,
                "seqincrement", SqlType.BIGINT, "seqmax", SqlType.BIGINT,
                "seqmin", SqlType.BIGINT, "seqcache", SqlType.BIGINT,
                "seqcycle", SqlType.BOOLEAN));
        tables.register(SystemTable.of("pg_catalog", "pg_depend", "dependencies (sequences"
                + " owned by columns)", PgConstraints::depends, "classid", SqlType.BIGINT,
                "objid", SqlType.BIGINT, "objsubid", SqlType.INTEGER,
                "refclassid", SqlType.BIGINT, "refobjid", SqlType.BIGINT,
                "refobjsubid", SqlType.INTEGER, "deptype", SqlType.TEXT));
        tables.register(SystemTable.of("pg_catalog", "pg_attrdef", "column defaults",
                PgConstraints::defaults, "oid", SqlType.BIGINT, "adrelid", SqlType.BIGINT,
                "adnum", SqlType.SMALLINT, "adbin", SqlType.TEXT));
    }

    private static List<Object[]> indexes(ExecContext cx) {
        List<Relation> relations = Catalog.all(cx.txn());
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : relations) {
            if (r instanceof Relation.Table t) {
                for (IndexDesc i : PgOids.indexes(t)) {
                    short n = (short) i.columns().size();
                    rows.add(new Object[] {PgOids.index(relations, t, i.name()), t.id(), n, n,
                            i.unique(), i.primary(), false, true, false, true, true, true,
                            false, false, vector(attnums(i.columns())),
                            vector(java.util.Collections.nCopies(n, INT4_OPS)),
                            vector(java.util.Collections.nCopies(n, (short) 0)), null, null});
                }
            }
        }
        return rows;
    }

    private static List<Object[]> constraints(ExecContext cx) {
        List<Relation> relations = Catalog.all(cx.txn());
        List<String> schemas = PgOids.schemas(relations);
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : relations) {
            if (r instanceof Relation.Table t) {
                long nsp = PgOids.schema(schemas, t.schema());
                for (IndexDesc i : PgOids.indexes(t)) {
                    if (i.unique()) {
                        long oid = PgOids.index(relations, t, i.name());
                        rows.add(constraint(oid, i.name(), nsp, i.primary() ? "p" : "u", t,
                                oid, 0L, i.columns(), null, null));
                    }
                }
                for (int k = 0; k < t.checks().size(); k++) {
                    rows.add(constraint(PgOids.check(t, k), t.checks().get(k).name(), nsp, "c",
                            t, 0L, 0L, List.of(), null, null));
                }
                for (int k = 0; k < t.foreignKeys().size(); k++) {
                    rows.add(foreignKey(cx, relations, t, nsp, k));
                }
            }
        }
        return rows;
    }

    private static Object[] foreignKey(ExecContext cx, List<Relation> relations,
            Relation.Table t, long nsp, int k) {
        ForeignKeyDesc f = t.foreignKeys().get(k);
        Relation parent = Catalog.lookup(cx.txn(), f.refSchema(), f.refTable());
        long parentOid = parent == null ? 0L : parent.id();
        long index = 0L;
        if (parent instanceof Relation.Table p) {
            for (IndexDesc i : PgOids.indexes(p)) {
                if (i.unique() && i.columns().containsAll(f.refColumns())
                        && f.refColumns().containsAll(i.columns())) {
                    index = PgOids.index(relations, p, i.name());
                }
            }
        }
        return constraint(PgOids.foreignKey(t, k), f.name(), nsp, "f", t, index, parentOid,
                f.columns(), f, f.refColumns());
    }

    private static Object[] constraint(long oid, String name, long nsp, String type,
            Relation.Table t, long index, long parent, List<Integer> columns,
            ForeignKeyDesc f, List<Integer> refColumns) {
        return new Object[] {oid, name, nsp, type, false, false, true, t.id(), 0L, index, 0L,
                parent, f == null ? " " : action(f.onUpdate()),
                f == null ? " " : action(f.onDelete()), f == null ? " " : "s", true, 0, false,
                columns.isEmpty() ? null : SqlArray.of(attnums(columns)),
                refColumns == null ? null : SqlArray.of(attnums(refColumns))};
    }

    /** pg_constraint's action letters: a no action, r restrict, c cascade, n/d set null/default. */
    private static String action(ForeignKeyDesc.Action a) {
        return switch (a) {
            case NO_ACTION -> "a";
            case RESTRICT -> "r";
            case CASCADE -> "c";
            case SET_NULL -> "n";
            case SET_DEFAULT -> "d";
        };
    }

    private static List<Object[]> defaults(ExecContext cx) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : Catalog.all(cx.txn())) {
            if (r instanceof Relation.Table t) {
                short n = 0;
                for (ColumnDesc c : t.columns()) {
                    n++;
                    if (c.defaultSql() != null) {
                        rows.add(new Object[] {t.id() * 1000 + n, t.id(), n,
                                NEXTVAL.matcher(c.defaultSql()).replaceFirst(
                                        "nextval('$1'::regclass)")});
                    }
                }
            }
        }
        return rows;
    }

    private static List<Object[]> sequences(ExecContext cx) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : Catalog.all(cx.txn())) {
            if (r instanceof Relation.Sequence q) {
                // A serial's sequence is an integer one (its maximum says so).
                long type = q.max() == Integer.MAX_VALUE ? 23L : 20L;
                rows.add(new Object[] {q.id(), type, q.start(), q.increment(), q.max(),
                        q.min(), 1L, q.cycle()});
            }
        }
        return rows;
    }

    /** A sequence owned by a column (a serial's): 'a' from the sequence to the column. */
    private static List<Object[]> depends(ExecContext cx) {
        List<Object[]> rows = new ArrayList<>();
        long pgClass = PgOids.CATALOG_TABLES.get("pg_class");
        for (Relation r : Catalog.all(cx.txn())) {
            if (r instanceof Relation.Sequence q && q.ownerTable() != null
                    && Catalog.lookup(cx.txn(), q.schema(), q.ownerTable())
                            instanceof Relation.Table t) {
                String def = "nextval('" + q.name() + "')";
                for (int c = 0; c < t.columns().size(); c++) {
                    if (def.equals(t.columns().get(c).defaultSql())) {
                        rows.add(new Object[] {pgClass, q.id(), 0, pgClass, t.id(), c + 1,
                                "a"});
                    }
                }
            }
        }
        return rows;
    }

    /** 1-based attribute numbers of 0-based column ordinals. */
    private static List<Object> attnums(List<Integer> ordinals) {
        List<Object> out = new ArrayList<>();
        for (int o : ordinals) {
            out.add((short) (o + 1));
        }
        return out;
    }

    /** An int2vector or oidvector value: subscripts from 0. */
    private static SqlArray vector(List<?> elements) {
        return new SqlArray(0, new ArrayList<>(elements));
    }
}
