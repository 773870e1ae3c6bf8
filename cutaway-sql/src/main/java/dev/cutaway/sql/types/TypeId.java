package dev.cutaway.sql.types;

/**
 * The built-in SQL types, each with PostgreSQL's internal name ({@code pg_type.typname}), OID
 * (what the wire protocol sends in RowDescription), type category and "preferred" flag (both
 * drive implicit coercion and operator resolution exactly as in PostgreSQL's
 * {@code pg_type.typcategory} / {@code typispreferred}), and the name PostgreSQL's
 * {@code format_type} prints in messages.
 *
 * <p>Categories: {@code N} numeric, {@code S} string, {@code B} boolean, {@code D} date/time,
 * {@code T} timespan, {@code U} user-defined (bytea), {@code X} unknown.
 */
public enum TypeId {
    SMALLINT("int2", 21, 'N', false, "smallint"),
    INTEGER("int4", 23, 'N', false, "integer"),
    BIGINT("int8", 20, 'N', false, "bigint"),
    NUMERIC("numeric", 1700, 'N', false, "numeric"),
    REAL("float4", 700, 'N', false, "real"),
    DOUBLE("float8", 701, 'N', true, "double precision"),
    TEXT("text", 25, 'S', true, "text"),
    VARCHAR("varchar", 1043, 'S', false, "character varying"),
    CHAR("bpchar", 1042, 'S', false, "character"),
    BOOLEAN("bool", 16, 'B', true, "boolean"),
    DATE("date", 1082, 'D', false, "date"),
    TIME("time", 1083, 'D', false, "time without time zone"),
    TIMESTAMP("timestamp", 1114, 'D', false, "timestamp without time zone"),
    TIMESTAMPTZ("timestamptz", 1184, 'D', true, "timestamp with time zone"),
    INTERVAL("interval", 1186, 'T', true, "interval"),
    BYTEA("bytea", 17, 'U', false, "bytea"),
    UNKNOWN("unknown", 705, 'X', false, "unknown");

    private final String pgName;
    private final int oid;
    private final char category;
    private final boolean preferred;
    private final String displayName;

    TypeId(String pgName, int oid, char category, boolean preferred, String displayName) {
        this.pgName = pgName;
        this.oid = oid;
        this.category = category;
        this.preferred = preferred;
        this.displayName = displayName;
    }

    /** PostgreSQL's internal name, e.g. {@code int4}, {@code bpchar}. */
    public String pgName() {
        return pgName;
    }

    /** The OID of the type in PostgreSQL's {@code pg_type}. */
    public int oid() {
        return oid;
    }

    /** PostgreSQL's type category letter (N, S, B, D, T, U, X). */
    public char category() {
        return category;
    }

    /** Whether the type is the preferred type of its category (float8, text, ...). */
    public boolean preferred() {
        return preferred;
    }

    /** The name {@code format_type} prints, e.g. {@code double precision}. */
    public String displayName() {
        return displayName;
    }

    /** True for smallint, integer and bigint. */
    public boolean isInteger() {
        return this == SMALLINT || this == INTEGER || this == BIGINT;
    }

    /** True for the numeric category (integers, numeric, real, double precision). */
    public boolean isNumeric() {
        return category == 'N';
    }

    /** True for text, varchar and char. */
    public boolean isString() {
        return category == 'S';
    }

    /** The type with this OID, or null. */
    public static TypeId byOid(int oid) {
        for (TypeId id : values()) {
            if (id.oid == oid) {
                return id;
            }
        }
        return null;
    }
}
