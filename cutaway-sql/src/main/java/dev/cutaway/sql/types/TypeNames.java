package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves a type name as written in SQL ({@code int}, {@code character varying},
 * {@code double precision}, {@code timestamp with time zone}, ...) plus its modifiers
 * ({@code varchar(10)}, {@code numeric(10,2)}) to a {@link SqlType}, as PostgreSQL's grammar
 * and {@code typenameType} do. Names are case-insensitive; runs of white space count as one.
 *
 * <p>Rules kept from PostgreSQL: {@code char}/{@code character} without a length is
 * {@code char(1)} (but {@code bpchar} is unbounded); {@code float(p)} is real for p 1..24 and
 * double precision for 25..53; {@code decimal} is numeric; {@code numeric(p)} has scale 0.
 */
public final class TypeNames {
    private static final Map<String, TypeId> NAMES = Map.ofEntries(
            Map.entry("smallint", TypeId.SMALLINT), Map.entry("int2", TypeId.SMALLINT),
            Map.entry("integer", TypeId.INTEGER), Map.entry("int", TypeId.INTEGER),
            Map.entry("int4", TypeId.INTEGER),
            Map.entry("bigint", TypeId.BIGINT), Map.entry("int8", TypeId.BIGINT),
            Map.entry("numeric", TypeId.NUMERIC), Map.entry("decimal", TypeId.NUMERIC),
            Map.entry("dec", TypeId.NUMERIC),
            Map.entry("real", TypeId.REAL), Map.entry("float4", TypeId.REAL),
            Map.entry("double precision", TypeId.DOUBLE), Map.entry("float8", TypeId.DOUBLE),
            Map.entry("float", TypeId.DOUBLE),
            Map.entry("text", TypeId.TEXT),
            Map.entry("varchar", TypeId.VARCHAR), Map.entry("character varying", TypeId.VARCHAR),
            Map.entry("char varying", TypeId.VARCHAR),
            Map.entry("char", TypeId.CHAR), Map.entry("character", TypeId.CHAR),
            Map.entry("bpchar", TypeId.CHAR),
            Map.entry("boolean", TypeId.BOOLEAN), Map.entry("bool", TypeId.BOOLEAN),
            Map.entry("date", TypeId.DATE),
            Map.entry("time", TypeId.TIME), Map.entry("time without time zone", TypeId.TIME),
            Map.entry("timestamp", TypeId.TIMESTAMP),
            Map.entry("timestamp without time zone", TypeId.TIMESTAMP),
            Map.entry("timestamptz", TypeId.TIMESTAMPTZ),
            Map.entry("timestamp with time zone", TypeId.TIMESTAMPTZ),
            Map.entry("interval", TypeId.INTERVAL),
            Map.entry("bytea", TypeId.BYTEA),
            // pg_catalog's own types, as Cutaway represents them (ADR 0025): OIDs are bigint,
            // names are text.
            Map.entry("oid", TypeId.BIGINT), Map.entry("name", TypeId.TEXT),
            Map.entry("int2vector", TypeId.INT2VECTOR), Map.entry("oidvector", TypeId.OIDVECTOR),
            Map.entry("unknown", TypeId.UNKNOWN));

    private TypeNames() {}

    /** The type named {@code name} without modifiers; 42704 when there is none. */
    public static SqlType resolve(String name) {
        return resolve(name, List.of());
    }

    /**
     * The type named {@code name} with {@code modifiers} applied. 42704 when the name is
     * unknown, 22023 when a modifier is out of range, 42601 when the type takes no (or fewer)
     * modifiers.
     */
    public static SqlType resolve(String name, List<Integer> modifiers) {
        String key = name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (key.startsWith("_") && key.length() > 1) {
            // int[], integer ARRAY, _int4 (ADR 0028): the element type with the modifiers
            SqlType element = resolve(key.substring(1), modifiers);
            if (element.isArray()) {
                throw new SqlException(SqlState.UNDEFINED_OBJECT,
                        "type \"" + name.strip() + "\" does not exist");
            }
            return SqlType.arrayOf(element);
        }
        if (key.startsWith("interval ")) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "interval field qualifiers (" + key.substring(9) + ") are not supported");
        }
        if (key.equals("time with time zone") || key.equals("timetz")) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "type time with time zone is not supported");
        }
        TypeId id = NAMES.get(key);
        if (id == null) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT,
                    "type \"" + name.strip() + "\" does not exist");
        }
        if (key.equals("float")) {
            return floatOf(modifiers);
        }
        return switch (id) {
            case NUMERIC -> switch (modifiers.size()) {
                case 0 -> SqlType.NUMERIC;
                case 1 -> SqlType.numeric(modifiers.get(0), 0);
                case 2 -> SqlType.numeric(modifiers.get(0), modifiers.get(1));
                default -> throw badModifiers("numeric");
            };
            case VARCHAR -> modifiers.isEmpty() ? SqlType.VARCHAR
                    : SqlType.varchar(single(modifiers, "varchar"));
            case CHAR -> modifiers.isEmpty()
                    ? (key.equals("bpchar") ? SqlType.CHAR : SqlType.character(1))
                    : SqlType.character(single(modifiers, "bpchar"));
            case TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> modifiers.isEmpty() ? SqlType.of(id)
                    : SqlType.withFractionDigits(id, single(modifiers, id.pgName()));
            default -> {
                if (!modifiers.isEmpty()) {
                    throw new SqlException(SqlState.SYNTAX_ERROR,
                            "type modifier is not allowed for type \"" + id.pgName() + "\"");
                }
                yield SqlType.of(id);
            }
        };
    }

    private static SqlType floatOf(List<Integer> modifiers) {
        if (modifiers.isEmpty()) {
            return SqlType.DOUBLE;
        }
        int bits = single(modifiers, "float");
        if (bits < 1) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "precision for type float must be at least 1 bit");
        }
        if (bits > 53) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "precision for type float must be less than 54 bits");
        }
        return bits <= 24 ? SqlType.REAL : SqlType.DOUBLE;
    }

    private static int single(List<Integer> modifiers, String type) {
        if (modifiers.size() != 1) {
            throw badModifiers(type);
        }
        return modifiers.get(0);
    }

    private static SqlException badModifiers(String type) {
        return new SqlException(SqlState.SYNTAX_ERROR, "invalid type modifier for " + type);
    }
}
