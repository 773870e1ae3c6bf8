package dev.cutaway.server;

import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.ColumnDesc;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.catalog.RoleDesc;
import dev.cutaway.sql.catalog.Roles;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.system.PgOids;
import dev.cutaway.sql.system.SystemTable;
import dev.cutaway.sql.system.SystemTables;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code pg_catalog} tables psql's {@code \d} family and pgjdbc's DatabaseMetaData read,
 * registered through the system tables of ADR 0017 when the server starts (ADR 0025):
 * {@code pg_type} (every type OID the server puts in a RowDescription, so pgjdbc's lookups of
 * unfamiliar OIDs find them), {@code pg_namespace}, {@code pg_class}, {@code pg_attribute},
 * {@code pg_database}, {@code pg_roles} and {@code pg_settings} here; indexes, constraints
 * and defaults in {@link PgConstraints}; the catalogs of objects Cutaway does not have
 * (triggers, policies, publications, ...) in {@link PgEmptyCatalogs}. Columns are a subset of
 * PostgreSQL's with its names; OIDs are bigint, {@code name} is text, arrays are their text
 * form. Relation rows come from the statement's transaction (its snapshot of the catalog).
 *
 * <p>OIDs ({@link PgOids}): built-in types keep PostgreSQL's; schemas 11 ({@code pg_catalog}),
 * 2200 ({@code public}), 16384 + their rank otherwise; relation OIDs are the catalog's
 * relation ids; the database is OID 5 as in PostgreSQL.
 */
final class PgCatalog {
    private PgCatalog() {}

    static void register(SystemTables tables) {
        if (tables.lookup("pg_catalog", "pg_type") != null) {
            return;   // another server on the same database registered them
        }
        tables.register(SystemTable.of("pg_catalog", "pg_type", "data types",
                cx -> types(), "oid", SqlType.BIGINT, "typname", SqlType.TEXT,
                "typnamespace", SqlType.BIGINT, "typowner", SqlType.BIGINT,
                "typlen", SqlType.SMALLINT, "typtype", SqlType.TEXT,
                "typcategory", SqlType.TEXT, "typispreferred", SqlType.BOOLEAN,
                "typrelid", SqlType.BIGINT, "typelem", SqlType.BIGINT,
                "typarray", SqlType.BIGINT, "typbasetype", SqlType.BIGINT,
                "typtypmod", SqlType.INTEGER, "typnotnull", SqlType.BOOLEAN,
                "typcollation", SqlType.BIGINT, "typinput", SqlType.TEXT,
                "typoutput", SqlType.TEXT, "typdelim", SqlType.TEXT));
        tables.register(SystemTable.of("pg_catalog", "pg_namespace", "schemas",
                PgCatalog::namespaces, "oid", SqlType.BIGINT, "nspname", SqlType.TEXT,
                "nspowner", SqlType.BIGINT, "nspacl", SqlType.TEXT));
        tables.register(SystemTable.of("pg_catalog", "pg_class", "relations",
                PgCatalog::classes, "oid", SqlType.BIGINT, "relname", SqlType.TEXT,
                "relnamespace", SqlType.BIGINT, "reltype", SqlType.BIGINT,
                "reloftype", SqlType.BIGINT, "relowner", SqlType.BIGINT,
                "relam", SqlType.BIGINT, "reltablespace", SqlType.BIGINT,
                "reltoastrelid", SqlType.BIGINT, "relhasindex", SqlType.BOOLEAN,
                "relpersistence", SqlType.TEXT, "relkind", SqlType.TEXT,
                "relnatts", SqlType.SMALLINT, "relchecks", SqlType.SMALLINT,
                "relhasrules", SqlType.BOOLEAN, "relhastriggers", SqlType.BOOLEAN,
                "relrowsecurity", SqlType.BOOLEAN, "relforcerowsecurity", SqlType.BOOLEAN,
                "relispartition", SqlType.BOOLEAN, "relreplident", SqlType.TEXT,
                "relacl", SqlType.TEXT, "reloptions", SqlType.TEXT,
                "relpartbound", SqlType.TEXT, "relpages", SqlType.INTEGER,
                "reltuples", SqlType.REAL));
        tables.register(SystemTable.of("pg_catalog", "pg_am", "access methods",
                cx -> List.<Object[]>of(new Object[] {2L, "heap", "t"},
                        new Object[] {403L, "btree", "i"}),
                "oid", SqlType.BIGINT, "amname", SqlType.TEXT, "amtype", SqlType.TEXT));
        tables.register(SystemTable.of("pg_catalog", "pg_attribute", "columns",
                PgCatalog::attributes, "attrelid", SqlType.BIGINT, "attname", SqlType.TEXT,
                "atttypid", SqlType.BIGINT, "attnum", SqlType.SMALLINT,
                "atttypmod", SqlType.INTEGER, "attnotnull", SqlType.BOOLEAN,
                "attisdropped", SqlType.BOOLEAN, "atthasdef", SqlType.BOOLEAN,
                "attcollation", SqlType.BIGINT, "attidentity", SqlType.TEXT,
                "attgenerated", SqlType.TEXT, "attstorage", SqlType.TEXT,
                "attcompression", SqlType.TEXT, "attstattarget", SqlType.INTEGER,
                "attlen", SqlType.SMALLINT, "attndims", SqlType.INTEGER));
        tables.register(SystemTable.of("pg_catalog", "pg_database", "databases",
                cx -> List.<Object[]>of(new Object[] {5L, "postgres", 10L, 6, true, false,
                        "C.UTF-8", "C.UTF-8", null, "c", null}),
                "oid", SqlType.BIGINT, "datname", SqlType.TEXT, "datdba", SqlType.BIGINT,
                "encoding", SqlType.INTEGER, "datallowconn", SqlType.BOOLEAN,
                "datistemplate", SqlType.BOOLEAN, "datcollate", SqlType.TEXT,
                "datctype", SqlType.TEXT, "daticulocale", SqlType.TEXT,
                "datlocprovider", SqlType.TEXT, "datacl", SqlType.TEXT));
        tables.register(SystemTable.of("pg_catalog", "pg_roles", "roles",
                PgCatalog::roles, "oid", SqlType.BIGINT, "rolname", SqlType.TEXT,
                "rolsuper", SqlType.BOOLEAN, "rolinherit", SqlType.BOOLEAN,
                "rolcreaterole", SqlType.BOOLEAN, "rolcreatedb", SqlType.BOOLEAN,
                "rolcanlogin", SqlType.BOOLEAN, "rolreplication", SqlType.BOOLEAN,
                "rolconnlimit", SqlType.INTEGER, "rolpassword", SqlType.TEXT,
                "rolvaliduntil", SqlType.TIMESTAMPTZ, "rolbypassrls", SqlType.BOOLEAN));
        tables.register(SystemTable.of("pg_catalog", "pg_settings", "settings",
                cx -> settings(), "name", SqlType.TEXT, "setting", SqlType.TEXT));
        PgConstraints.register(tables);
        PgEmptyCatalogs.register(tables);
        InformationSchema.register(tables);
    }

    /**
     * One row per built-in type, then one per array type (ADR 0028): {@code _int4} (1007)
     * with {@code typelem} 23 and category A, and the element's {@code typarray} pointing
     * back; int2vector and oidvector are arrays of int2 and oid; {@code record} is a
     * pseudo-type. {@code typinput} names the input function, {@code array_in} for arrays
     * (what pgjdbc's {@code typinput='pg_catalog.array_in'::regproc} asks).
     */
    private static List<Object[]> types() {
        List<Object[]> rows = new ArrayList<>();
        for (TypeId t : TypeId.values()) {
            if (t == TypeId.ARRAY) {
                continue;
            }
            boolean collatable = t.category() == 'S';
            boolean vector = t == TypeId.INT2VECTOR || t == TypeId.OIDVECTOR;
            SqlType type = vector ? SqlType.of(t) : t == TypeId.RECORD ? null : SqlType.of(t);
            long element = vector ? SqlType.of(t).elementType().oid() : 0L;
            String input = vector ? t.pgName() + "in" : t == TypeId.RECORD ? "record_in"
                    : t.pgName() + "in";
            rows.add(new Object[] {(long) t.oid(), t.pgName(), PgOids.PG_CATALOG, 10L,
                    (short) (type == null ? -1 : BinaryFormat.typlen(type)),
                    t == TypeId.UNKNOWN || t == TypeId.RECORD ? "p" : "b",
                    String.valueOf(t.category()), t.preferred(), 0L, element,
                    (long) t.arrayOid(), 0L, -1, false, collatable ? 100L : 0L, input,
                    input.substring(0, input.length() - 2) + "out", ","});
            if (t.arrayOid() != 0 && t != TypeId.RECORD && !vector) {
                rows.add(new Object[] {(long) t.arrayOid(), "_" + t.pgName(),
                        PgOids.PG_CATALOG, 10L, (short) -1, "b", "A", false, 0L, (long) t.oid(),
                        0L, 0L, -1, false, collatable ? 100L : 0L, "array_in", "array_out",
                        ","});
            }
        }
        return rows;
    }

    private static List<Object[]> namespaces(ExecContext cx) {
        List<String> schemas = PgOids.schemas(cx.txn());
        List<Object[]> rows = new ArrayList<>();
        for (String s : schemas) {
            rows.add(new Object[] {PgOids.schema(schemas, s), s, 10L, null});
        }
        return rows;
    }

    private static List<Object[]> classes(ExecContext cx) {
        List<Relation> relations = Catalog.all(cx.txn());
        List<String> schemas = PgOids.schemas(relations);
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : relations) {
            String kind = switch (r) {
                case Relation.Table t -> "r";
                case Relation.View v -> "v";
                case Relation.Sequence s -> "S";
                case Relation.Index i -> "i";
            };
            short columns = (short) switch (r) {
                case Relation.Table t -> t.columns().size();
                case Relation.View v -> v.columns().size();
                default -> 0;
            };
            short checks = (short) (r instanceof Relation.Table t ? t.checks().size() : 0);
            // PostgreSQL enforces foreign keys with triggers; psql lists them only then.
            boolean triggers = r instanceof Relation.Table t && t.hasForeignKeys();
            boolean indexed = r instanceof Relation.Table t
                    && (t.hasPrimaryKey() || !t.indexes().isEmpty());
            long am = kind.equals("r") ? 2L : kind.equals("i") ? 403L : 0L;
            rows.add(new Object[] {PgOids.relation(relations, r), r.name(),
                    PgOids.schema(schemas, r.schema()), 0L,
                    0L, 10L, am, 0L, 0L, indexed, "p", kind, columns, checks, false, triggers,
                    false, false, false, "d", null, null, null, 0, -1f});
        }
        return rows;
    }

    private static List<Object[]> attributes(ExecContext cx) {
        List<Relation> relations = Catalog.all(cx.txn());
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : relations) {
            if (r instanceof Relation.Table t) {
                short n = 0;
                for (ColumnDesc c : t.columns()) {
                    rows.add(attribute(t.id(), c, ++n));
                }
                for (IndexDesc i : PgOids.indexes(t)) {
                    long oid = PgOids.index(relations, t, i.name());
                    short k = 0;
                    for (int col : i.columns()) {
                        rows.add(attribute(oid, t.columns().get(col), ++k));
                    }
                }
            }
        }
        return rows;
    }

    private static Object[] attribute(long relation, ColumnDesc c, short number) {
        int typlen = BinaryFormat.typlen(c.type());
        return new Object[] {relation, c.name(), (long) c.type().oid(), number,
                BinaryFormat.typmod(c.type()), c.notNull(), false, c.defaultSql() != null,
                c.type().id().category() == 'S' ? 100L : 0L, "", "", typlen < 0 ? "x" : "p",
                "", -1, (short) typlen, c.type().isArray() ? 1 : 0};
    }

    private static List<Object[]> roles(ExecContext cx) {
        List<Object[]> rows = new ArrayList<>();
        long oid = 10;
        for (RoleDesc r : Roles.all(cx.txn())) {
            boolean su = r.superuser();
            rows.add(new Object[] {r.name().equals(Roles.BOOTSTRAP_SUPERUSER) ? 10L : ++oid
                    + 16_000L, r.name(), su, true, su, su, r.login(), su, -1, "********",
                    null, su});
        }
        return rows;
    }

    private static List<Object[]> settings() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"server_version", SessionSettings.SERVER_VERSION});
        rows.add(new Object[] {"server_version_num", "150004"});
        rows.add(new Object[] {"max_index_keys", "32"});
        rows.add(new Object[] {"default_transaction_isolation", "read committed"});
        rows.add(new Object[] {"integer_datetimes", "on"});
        rows.add(new Object[] {"server_encoding", "UTF8"});
        return rows;
    }
}
