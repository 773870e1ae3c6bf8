package dev.cutaway.sql.types;

import static dev.cutaway.sql.types.TypeId.BIGINT;
import static dev.cutaway.sql.types.TypeId.BOOLEAN;
import static dev.cutaway.sql.types.TypeId.INTEGER;
import static dev.cutaway.sql.types.TypeId.TEXT;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
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
 *
 * <p>Definitions by OID ({@code pg_get_indexdef}, {@code pg_get_constraintdef}, the
 * {@code regclassin}/{@code regclassout} pairs the {@code ::regclass}, {@code ::regtype} and
 * {@code ::regnamespace} casts bind to) ask the statement's {@link CatalogLookup}; they are
 * volatile so a cached plan never keeps a folded, stale definition. {@code pg_get_expr}
 * returns its argument (Cutaway stores defaults as SQL text, its "node tree"); descriptions,
 * triggers, extended statistics and publications do not exist, so their functions return null
 * or false.
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
        r.addNonStrict("format_type", List.of(BIGINT, INTEGER), TEXT, (c, a) -> a[0] == null
                ? null : formatType((Long) a[0], a[1] == null ? -1 : (Integer) a[1]));
        r.add("quote_ident", List.of(TEXT), TEXT, (c, a) -> quoteIdent((String) a[0]));
        // Arrays are their text form here: '{a,b}' joined by the separator.
        r.add("array_to_string", List.of(TEXT, TEXT), TEXT, (c, a) -> {
            String v = (String) a[0];
            String inner = v.startsWith("{") && v.endsWith("}")
                    ? v.substring(1, v.length() - 1) : v;
            return inner.replace(",", (String) a[1]);
        });
        definitions(r);
        registryCasts(r);
        absentObjects(r);
    }

    private static void definitions(Functions.Registrar r) {
        r.add("pg_get_expr", List.of(TEXT, BIGINT), TEXT, (c, a) -> a[0]);
        r.add("pg_get_expr", List.of(TEXT, BIGINT, BOOLEAN), TEXT, (c, a) -> a[0]);
        r.addVolatile("pg_get_indexdef", List.of(BIGINT), TEXT,
                (c, a) -> c.catalog().indexDefinition((Long) a[0]));
        r.addVolatile("pg_get_indexdef", List.of(BIGINT, INTEGER, BOOLEAN), TEXT,
                (c, a) -> (Integer) a[1] == 0 ? c.catalog().indexDefinition((Long) a[0])
                        : c.catalog().indexColumn((Long) a[0], (Integer) a[1]));
        r.addVolatile("pg_get_constraintdef", List.of(BIGINT), TEXT,
                (c, a) -> c.catalog().constraintDefinition((Long) a[0]));
        r.addVolatile("pg_get_constraintdef", List.of(BIGINT, BOOLEAN), TEXT,
                (c, a) -> c.catalog().constraintDefinition((Long) a[0]));
        // No partitioning: a relation's only "ancestor" is itself (psql's \d asks).
        r.add("pg_partition_ancestors", List.of(BIGINT), BIGINT, (c, a) -> a[0]);
    }

    /** What {@code x::regclass} and friends bind to (see ExprBinder's cast). */
    private static void registryCasts(Functions.Registrar r) {
        r.addVolatile("regclassin", List.of(TEXT), BIGINT, (c, a) -> known(
                c.catalog().relationOid((String) a[0]), "relation", (String) a[0]));
        r.addVolatile("regclassout", List.of(BIGINT), TEXT,
                (c, a) -> c.catalog().relationName((Long) a[0]));
        r.addVolatile("regnamespacein", List.of(TEXT), BIGINT, (c, a) -> known(
                c.catalog().schemaOid((String) a[0]), "schema", (String) a[0]));
        r.addVolatile("regnamespaceout", List.of(BIGINT), TEXT, (c, a) -> {
            String name = c.catalog().schemaName((Long) a[0]);
            return name == null ? a[0].toString() : name;
        });
        r.add("regtypein", List.of(TEXT), BIGINT,
                (c, a) -> (long) TypeNames.resolve((String) a[0]).oid());
        r.add("regtypeout", List.of(BIGINT), TEXT, (c, a) -> {
            TypeId t = byOid((Long) a[0]);
            return t == null ? a[0].toString() : t.displayName();
        });
        // Functions have no OIDs here: a regproc is the function's name (pg_type.typinput
        // holds names such as array_in), and 'pg_catalog.array_in'::regproc drops the schema.
        r.add("regprocin", List.of(TEXT), TEXT, (c, a) -> ((String) a[0])
                .replaceFirst("^pg_catalog\\.", ""));
        r.add("regprocout", List.of(BIGINT), TEXT, (c, a) -> a[0].toString());
    }

    private static void absentObjects(Functions.Registrar r) {
        r.add("obj_description", List.of(BIGINT), TEXT, (c, a) -> null);
        r.add("obj_description", List.of(BIGINT, TEXT), TEXT, (c, a) -> null);
        r.add("shobj_description", List.of(BIGINT, TEXT), TEXT, (c, a) -> null);
        r.add("col_description", List.of(BIGINT, INTEGER), TEXT, (c, a) -> null);
        r.add("pg_get_triggerdef", List.of(BIGINT, BOOLEAN), TEXT, (c, a) -> null);
        r.add("pg_get_statisticsobjdef_columns", List.of(BIGINT), TEXT, (c, a) -> null);
        r.add("pg_relation_is_publishable", List.of(BIGINT), BOOLEAN, (c, a) -> false);
        r.add("pg_tablespace_location", List.of(BIGINT), TEXT, (c, a) -> "");
    }

    /** PostgreSQL's quote_ident: bare when lower-case letters, digits and _ suffice. */
    static String quoteIdent(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name
                : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static long known(long oid, String kind, String name) {
        if (oid < 0) {
            throw new SqlException(kind.equals("schema") ? SqlState.INVALID_SCHEMA_NAME
                    : SqlState.UNDEFINED_TABLE, kind + " \"" + name + "\" does not exist");
        }
        return oid;
    }

    private static TypeId byOid(long oid) {
        for (TypeId t : TypeId.values()) {
            if (t.oid() == oid) {
                return t;
            }
        }
        return null;
    }

    /** PostgreSQL's format_type: the type's name with the modifiers its typmod encodes. */
    static String formatType(long oid, int typmod) {
        for (TypeId element : TypeId.values()) {
            if (element.arrayOid() == oid && element.category() != 'A') {
                return formatType(element.oid(), typmod) + "[]";
            }
        }
        TypeId t = byOid(oid);
        if (t == null) {
            return "???";
        }
        if (typmod < 0) {
            return t.displayName();
        }
        SqlType type = switch (t) {
            case VARCHAR, CHAR -> new SqlType(t, typmod - 4, -1);
            case NUMERIC -> new SqlType(t, (typmod - 4) >> 16, (typmod - 4) & 0xFFFF);
            case TIME, TIMESTAMP, TIMESTAMPTZ -> new SqlType(t, typmod, -1);
            case INTERVAL -> new SqlType(t, typmod & 0xFFFF, -1);
            default -> SqlType.of(t);
        };
        return type.displayName();
    }
}
