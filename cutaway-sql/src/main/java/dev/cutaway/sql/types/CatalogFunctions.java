package dev.cutaway.sql.types;

import static dev.cutaway.sql.types.TypeId.BIGINT;
import static dev.cutaway.sql.types.TypeId.BOOLEAN;
import static dev.cutaway.sql.types.TypeId.TEXT;

import java.util.List;

/**
 * The pg_catalog helper functions client catalog queries call (psql's {@code \d} family,
 * pgjdbc's metadata), in their simplest faithful form for a database without privileges or a
 * search path beyond {@code public}: {@code pg_table_is_visible(oid)},
 * {@code pg_type_is_visible(oid)} and {@code pg_function_is_visible(oid)} are true (every
 * object is in {@code pg_catalog} or {@code public}); {@code pg_get_userbyid(oid)} names
 * the bootstrap superuser for its OID 10 and {@code unknown (OID=n)} otherwise, as
 * PostgreSQL does for a missing role; {@code has_database_privilege} and friends are true;
 * {@code current_schema()} is {@code public}, {@code current_database()} {@code postgres}
 * (what pgjdbc's getSchema and getTables ask), {@code version()} PostgreSQL-looking.
 * OIDs are bigint here.
 */
final class CatalogFunctions {
    private CatalogFunctions() {}

    static void register(Functions.Registrar r) {
        for (String name : List.of("pg_table_is_visible", "pg_type_is_visible",
                "pg_function_is_visible")) {
            r.add(name, List.of(BIGINT), BOOLEAN, (c, a) -> true);
        }
        r.add("pg_get_userbyid", List.of(BIGINT), TEXT, (c, a) ->
                (Long) a[0] == 10L ? "postgres" : "unknown (OID=" + a[0] + ")");
        r.add("has_database_privilege", List.of(TEXT, TEXT), BOOLEAN, (c, a) -> true);
        r.add("has_table_privilege", List.of(TEXT, TEXT), BOOLEAN, (c, a) -> true);
        // One data directory is one database, "postgres" (ADR 0019); one schema search path.
        r.add("current_schema", List.of(), TEXT, (c, a) -> "public");
        r.add("current_database", List.of(), TEXT, (c, a) -> "postgres");
        r.add("version", List.of(), TEXT, (c, a) -> "PostgreSQL 15.4 (Cutaway 0.1) on Java "
                + Runtime.version().feature());
        r.add("pg_encoding_to_char", List.of(TypeId.INTEGER), TEXT,
                (c, a) -> (Integer) a[0] == 6 ? "UTF8" : "SQL_ASCII");
    }
}
