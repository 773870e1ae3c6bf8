package dev.cutaway.server;

import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.ColumnDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.catalog.RoleDesc;
import dev.cutaway.sql.catalog.Roles;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.system.SystemTable;
import dev.cutaway.sql.system.SystemTables;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A first slice of {@code pg_catalog}, registered through the system tables of ADR 0017 when
 * the server starts: {@code pg_type} (every type OID the server puts in a RowDescription, so
 * pgjdbc's lookups of unfamiliar OIDs find them), {@code pg_namespace}, {@code pg_class},
 * {@code pg_attribute}, {@code pg_database}, {@code pg_roles} and {@code pg_settings}.
 * Columns are a subset of PostgreSQL's with its names; OIDs are bigint. Relation rows come from
 * the statement's transaction (its snapshot of the catalog).
 *
 * <p>OIDs: built-in types keep PostgreSQL's; schema OIDs are 11 ({@code pg_catalog}), 2200
 * ({@code public}) and 16384 + their rank otherwise; relation OIDs are the catalog's relation
 * ids; the database is OID 5 as in PostgreSQL.
 */
final class PgCatalog {
    private static final long PG_CATALOG_OID = 11;
    private static final long PUBLIC_OID = 2200;

    private PgCatalog() {}

    static void register(SystemTables tables) {
        if (tables.lookup("pg_catalog", "pg_type") != null) {
            return;   // another server on the same database registered them
        }
        tables.register(SystemTable.of("pg_catalog", "pg_type", "data types",
                cx -> types(), "oid", SqlType.BIGINT, "typname", SqlType.TEXT,
                "typnamespace", SqlType.BIGINT, "typlen", SqlType.SMALLINT,
                "typtype", SqlType.TEXT, "typcategory", SqlType.TEXT,
                "typispreferred", SqlType.BOOLEAN, "typelem", SqlType.BIGINT,
                "typarray", SqlType.BIGINT, "typbasetype", SqlType.BIGINT,
                "typtypmod", SqlType.INTEGER, "typnotnull", SqlType.BOOLEAN));
        tables.register(SystemTable.of("pg_catalog", "pg_namespace", "schemas",
                PgCatalog::namespaces, "oid", SqlType.BIGINT, "nspname", SqlType.TEXT,
                "nspowner", SqlType.BIGINT));
        tables.register(SystemTable.of("pg_catalog", "pg_class", "relations",
                PgCatalog::classes, "oid", SqlType.BIGINT, "relname", SqlType.TEXT,
                "relnamespace", SqlType.BIGINT, "relkind", SqlType.TEXT,
                "relnatts", SqlType.SMALLINT, "relhasindex", SqlType.BOOLEAN,
                "relowner", SqlType.BIGINT, "relam", SqlType.BIGINT));
        tables.register(SystemTable.of("pg_catalog", "pg_am", "access methods",
                cx -> List.<Object[]>of(new Object[] {2L, "heap", "t"},
                        new Object[] {403L, "btree", "i"}),
                "oid", SqlType.BIGINT, "amname", SqlType.TEXT, "amtype", SqlType.TEXT));
        tables.register(SystemTable.of("pg_catalog", "pg_attribute", "columns",
                PgCatalog::attributes, "attrelid", SqlType.BIGINT, "attname", SqlType.TEXT,
                "atttypid", SqlType.BIGINT, "attnum", SqlType.SMALLINT,
                "atttypmod", SqlType.INTEGER, "attnotnull", SqlType.BOOLEAN,
                "attisdropped", SqlType.BOOLEAN, "atthasdef", SqlType.BOOLEAN));
        tables.register(SystemTable.of("pg_catalog", "pg_database", "databases",
                cx -> List.<Object[]>of(new Object[] {5L, "postgres", 10L, 6, true, false}),
                "oid", SqlType.BIGINT, "datname", SqlType.TEXT, "datdba", SqlType.BIGINT,
                "encoding", SqlType.INTEGER, "datallowconn", SqlType.BOOLEAN,
                "datistemplate", SqlType.BOOLEAN));
        tables.register(SystemTable.of("pg_catalog", "pg_roles", "roles",
                PgCatalog::roles, "oid", SqlType.BIGINT, "rolname", SqlType.TEXT,
                "rolsuper", SqlType.BOOLEAN, "rolcanlogin", SqlType.BOOLEAN,
                "rolpassword", SqlType.TEXT));
        tables.register(SystemTable.of("pg_catalog", "pg_settings", "settings",
                cx -> settings(), "name", SqlType.TEXT, "setting", SqlType.TEXT));
    }

    private static List<Object[]> types() {
        List<Object[]> rows = new ArrayList<>();
        for (TypeId t : TypeId.values()) {
            rows.add(new Object[] {(long) t.oid(), t.pgName(), PG_CATALOG_OID,
                    (short) BinaryFormat.typlen(SqlType.of(t)),
                    t == TypeId.UNKNOWN ? "p" : "b", String.valueOf(t.category()),
                    t.preferred(), 0L, 0L, 0L, -1, false});
        }
        return rows;
    }

    private static List<String> schemas(ExecContext cx) {
        Set<String> names = new LinkedHashSet<>(List.of("pg_catalog", "public"));
        for (Relation r : Catalog.all(cx.txn())) {
            names.add(r.schema());
        }
        return new ArrayList<>(names);
    }

    private static long schemaOid(List<String> schemas, String name) {
        return switch (name) {
            case "pg_catalog" -> PG_CATALOG_OID;
            case "public" -> PUBLIC_OID;
            default -> 16_384L + schemas.indexOf(name);
        };
    }

    private static List<Object[]> namespaces(ExecContext cx) {
        List<String> schemas = schemas(cx);
        List<Object[]> rows = new ArrayList<>();
        for (String s : schemas) {
            rows.add(new Object[] {schemaOid(schemas, s), s, 10L});
        }
        return rows;
    }

    private static List<Object[]> classes(ExecContext cx) {
        List<String> schemas = schemas(cx);
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : Catalog.all(cx.txn())) {
            String kind = switch (r) {
                case Relation.Table t -> "r";
                case Relation.View v -> "v";
                case Relation.Sequence s -> "S";
                case Relation.Index i -> "i";
            };
            short columns = (short) (r instanceof Relation.Table t ? t.columns().size() : 0);
            boolean indexed = r instanceof Relation.Table t
                    && (t.hasPrimaryKey() || !t.indexes().isEmpty());
            long am = kind.equals("r") ? 2L : kind.equals("i") ? 403L : 0L;
            rows.add(new Object[] {r.id(), r.name(), schemaOid(schemas, r.schema()), kind,
                    columns, indexed, 10L, am});
        }
        return rows;
    }

    private static List<Object[]> attributes(ExecContext cx) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : Catalog.all(cx.txn())) {
            if (r instanceof Relation.Table t) {
                short n = 0;
                for (ColumnDesc c : t.columns()) {
                    n++;
                    rows.add(new Object[] {t.id(), c.name(), (long) c.type().id().oid(), n,
                            BinaryFormat.typmod(c.type()), c.notNull(), false,
                            c.defaultSql() != null});
                }
            }
        }
        return rows;
    }

    private static List<Object[]> roles(ExecContext cx) {
        List<Object[]> rows = new ArrayList<>();
        long oid = 10;
        for (RoleDesc r : Roles.all(cx.txn())) {
            rows.add(new Object[] {r.name().equals(Roles.BOOTSTRAP_SUPERUSER) ? 10L : ++oid
                    + 16_000L, r.name(), r.superuser(), r.login(), "********"});
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
