package dev.cutaway.sql.types;

/**
 * The built-in SQL types, each with PostgreSQL's internal name ({@code pg_type.typname}), OID
 * (what the wire protocol sends in RowDescription), type category and "preferred" flag (both
 * drive implicit coercion and operator resolution exactly as in PostgreSQL's
 * {@code pg_type.typcategory} / {@code typispreferred}), and the name PostgreSQL's
 * {@code format_type} prints in messages.
 *
 * <p>Categories: {@code N} numeric, {@code S} string, {@code B} boolean, {@code D} date/time,
 * {@code T} timespan, {@code U} user-defined (bytea), {@code X} unknown, {@code A} array,
 * {@code P} pseudo-type (record). Arrays (ADR 0028) are one id, {@link #ARRAY}, whose
 * {@link SqlType} carries the element type; the OID a client sees is the element's
 * {@link #arrayOid()}.
 */
public enum TypeId {
    SMALLINT("int2", 21, 'N', false, "smallint", 1005),
    INTEGER("int4", 23, 'N', false, "integer", 1007),
    BIGINT("int8", 20, 'N', false, "bigint", 1016),
    NUMERIC("numeric", 1700, 'N', false, "numeric", 1231),
    REAL("float4", 700, 'N', false, "real", 1021),
    DOUBLE("float8", 701, 'N', true, "double precision", 1022),
    TEXT("text", 25, 'S', true, "text", 1009),
    VARCHAR("varchar", 1043, 'S', false, "character varying", 1015),
    CHAR("bpchar", 1042, 'S', false, "character", 1014),
    BOOLEAN("bool", 16, 'B', true, "boolean", 1000),
    DATE("date", 1082, 'D', false, "date", 1182),
    TIME("time", 1083, 'D', false, "time without time zone", 1183),
    TIMESTAMP("timestamp", 1114, 'D', false, "timestamp without time zone", 1115),
    TIMESTAMPTZ("timestamptz", 1184, 'D', true, "timestamp with time zone", 1185),
    INTERVAL("interval", 1186, 'T', true, "interval", 1187),
    BYTEA("bytea", 17, 'U', false, "bytea", 1001),
    UNKNOWN("unknown", 705, 'X', false, "unknown", 0),
    /** A one-dimensional array; {@link SqlType#element()} says of what (its OID too). */
    ARRAY("anyarray", 2277, 'A', false, "anyarray", 0),
    /** pg_index.indkey's type: int2 elements, subscripts from 0, text form {@code 1 2}. */
    INT2VECTOR("int2vector", 22, 'A', false, "int2vector", 1006),
    /** oidvector: OID (bigint here) elements, subscripts from 0, text form {@code 23 25}. */
    OIDVECTOR("oidvector", 30, 'A', false, "oidvector", 1013),
    /** A composite value (a set-returning function's row); {@link SqlType#fields()}. */
    RECORD("record", 2249, 'P', false, "record", 2287);

    private final String pgName;
    private final int oid;
    private final char category;
    private final boolean preferred;
    private final String displayName;
    private final int arrayOid;

    TypeId(String pgName, int oid, char category, boolean preferred, String displayName,
            int arrayOid) {
        this.pgName = pgName;
        this.oid = oid;
        this.category = category;
        this.preferred = preferred;
        this.displayName = displayName;
        this.arrayOid = arrayOid;
    }

    /** The OID of the array type of this element type ({@code _int4} is 1007), or 0. */
    public int arrayOid() {
        return arrayOid;
    }

    /** True for arrays, int2vector and oidvector (the types that take subscripts). */
    public boolean isArray() {
        return category == 'A';
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
