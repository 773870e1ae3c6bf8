package dev.cutaway.sql.system;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The registry of a database's {@link SystemTable}s, consulted by the binder before the
 * stored catalog (ADR 0017). One per {@code Database}; thread-safe (registration may happen
 * while sessions run, a lookup sees a table once its registration returned).
 *
 * <p>Name resolution, as PostgreSQL's: a qualified name {@code schema.name} with a reserved
 * schema finds the system table or nothing (42P01); an unqualified name looks in
 * {@code pg_catalog} first (PostgreSQL searches it implicitly before the search path), then
 * the stored catalog. {@code cutaway} and {@code information_schema} are not on the search
 * path, so their tables must be qualified.
 *
 * <p>Invariants: (1) tables live only in {@link #SCHEMAS}; (2) a (schema, name) pair is
 * registered at most once; (3) nothing in a reserved schema can be created, altered or
 * written by SQL ({@link #rejectWrite}, {@link #rejectDdl}).
 */
public final class SystemTables {
    /** The reserved schemas: stored relations can never be created in them. */
    public static final Set<String> SCHEMAS = Set.of("cutaway", "pg_catalog",
            "information_schema");
    /** The schema searched for unqualified names before the search path. */
    public static final String IMPLICIT_SCHEMA = "pg_catalog";

    private final Map<String, SystemTable> tables = new ConcurrentSkipListMap<>();

    /** Adds {@code table}; fails if its schema is not reserved or the name is taken. */
    public void register(SystemTable table) {
        if (!SCHEMAS.contains(table.schema())) {
            throw new IllegalArgumentException("not a reserved schema: " + table.schema());
        }
        if (tables.putIfAbsent(table.qualifiedName(), table) != null) {
            throw new IllegalStateException("already registered: " + table.qualifiedName());
        }
    }

    /** The system table {@code schema.name}, or null. */
    public SystemTable lookup(String schema, String name) {
        return tables.get(schema + "." + name);
    }

    /**
     * The system table a (possibly qualified) name refers to: {@code [schema,] name}, or
     * null when it names none (then the stored catalog decides).
     */
    public SystemTable resolve(List<String> names) {
        if (names.size() >= 2) {
            return lookup(names.get(names.size() - 2), names.getLast());
        }
        return lookup(IMPLICIT_SCHEMA, names.getLast());
    }

    /** Every registered table, ordered by schema then name. */
    public List<SystemTable> all() {
        return new ArrayList<>(tables.values());
    }

    public static boolean isReserved(String schema) {
        return SCHEMAS.contains(schema);
    }

    /**
     * Fails with 55000 as PostgreSQL does for a write to one of its system views, if
     * {@code names} is a system table; {@code verb} is "insert into", "update" or
     * "delete from".
     */
    public void rejectWrite(List<String> names, String verb, int position) {
        SystemTable t = resolve(names);
        if (t != null) {
            throw new SqlException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot " + verb
                    + " view \"" + t.name() + "\"", position,
                    "System views show live state and are read-only.", null, null);
        }
    }

    /**
     * Fails with 42501 as PostgreSQL does when DDL would create or change a relation in a
     * reserved schema ({@code names} qualified by one), or change a system table.
     */
    public void rejectDdl(List<String> names, int position) {
        boolean reserved = names.size() >= 2 && isReserved(names.get(names.size() - 2));
        SystemTable t = resolve(names);
        if (t != null) {
            throw new SqlException(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of view "
                    + t.name(), position);
        }
        if (reserved) {
            throw new SqlException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to "
                    + "create \"" + String.join(".", names.subList(names.size() - 2,
                    names.size())) + "\"", position,
                    "System catalog modifications are currently disallowed.", null, null);
        }
    }
}
