package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.util.List;
import java.util.Objects;

/**
 * A SQL type: a {@link TypeId} and its modifiers, as PostgreSQL's (type OID, typmod) pair.
 *
 * <ul>
 *   <li>{@code numeric(p,s)}: {@code precision} p in 1..1000, {@code scale} s in 0..p;
 *       {@code numeric(p)} has scale 0; plain {@code numeric} has both -1 (any precision).</li>
 *   <li>{@code varchar(n)}, {@code char(n)}: the length n (1..10485760) is kept in
 *       {@code precision}; scale is -1. Plain {@code varchar} is unbounded, plain {@code char}
 *       is {@code char(1)} when it comes from a type name (see {@link TypeNames}).</li>
 *   <li>{@code time(p)}, {@code timestamp(p)}, {@code timestamptz(p)}, {@code interval(p)}:
 *       fractional-second digits p (0..6) in {@code precision}.</li>
 *   <li>An array ({@link TypeId#ARRAY}, ADR 0028) has precision and scale -1 and its element
 *       type, with the element's modifiers, in {@code element} ({@code varchar(5)[]}); the
 *       element is a scalar (no arrays of arrays, no records). int2vector and oidvector have
 *       fixed elements ({@link #elementType()}), so {@code element} is null for them.</li>
 *   <li>A record ({@link TypeId#RECORD}) lists its named {@code fields}.</li>
 *   <li>Every other type has precision and scale -1, no element and no fields.</li>
 * </ul>
 *
 * <p>Invariant: a modifier is either -1 (none) or within the ranges above; scale is only set
 * for numeric, and only together with a precision.
 */
public record SqlType(TypeId id, int precision, int scale, SqlType element,
        List<Field> fields) {
    /** A named field of a record type. */
    public record Field(String name, SqlType type) {}

    public static final int VARCHAR_LENGTH_MAX = 10_485_760;
    public static final int NUMERIC_PRECISION_MAX = 1000;

    public static final SqlType SMALLINT = of(TypeId.SMALLINT);
    public static final SqlType INTEGER = of(TypeId.INTEGER);
    public static final SqlType BIGINT = of(TypeId.BIGINT);
    public static final SqlType NUMERIC = of(TypeId.NUMERIC);
    public static final SqlType REAL = of(TypeId.REAL);
    public static final SqlType DOUBLE = of(TypeId.DOUBLE);
    public static final SqlType TEXT = of(TypeId.TEXT);
    public static final SqlType VARCHAR = of(TypeId.VARCHAR);
    /** {@code bpchar} without a length: what {@code 'a'::bpchar} and char results have. */
    public static final SqlType CHAR = of(TypeId.CHAR);
    public static final SqlType BOOLEAN = of(TypeId.BOOLEAN);
    public static final SqlType DATE = of(TypeId.DATE);
    public static final SqlType TIME = of(TypeId.TIME);
    public static final SqlType TIMESTAMP = of(TypeId.TIMESTAMP);
    public static final SqlType TIMESTAMPTZ = of(TypeId.TIMESTAMPTZ);
    public static final SqlType INTERVAL = of(TypeId.INTERVAL);
    public static final SqlType BYTEA = of(TypeId.BYTEA);
    public static final SqlType UNKNOWN = of(TypeId.UNKNOWN);

    public static final SqlType INT2VECTOR = of(TypeId.INT2VECTOR);
    public static final SqlType OIDVECTOR = of(TypeId.OIDVECTOR);

    public SqlType {
        Objects.requireNonNull(id, "id");
        checkModifiers(id, precision, scale);
        boolean elementOk = id == TypeId.ARRAY ? element != null && element.element == null
                && element.fields.isEmpty() && !element.id.isArray()
                && element.id != TypeId.RECORD : element == null;
        if (!elementOk) {
            throw new IllegalArgumentException("bad element type for " + id + ": " + element);
        }
        fields = fields == null ? List.of() : List.copyOf(fields);
        if (!fields.isEmpty() && id != TypeId.RECORD) {
            throw new IllegalArgumentException("fields on a non-record type " + id);
        }
    }

    /** A scalar type with modifiers. */
    public SqlType(TypeId id, int precision, int scale) {
        this(id, precision, scale, null, List.of());
    }

    /** The one-dimensional array of {@code element} (a scalar type). */
    public static SqlType arrayOf(SqlType element) {
        return new SqlType(TypeId.ARRAY, -1, -1, element, List.of());
    }

    /** A record with these fields. */
    public static SqlType record(List<Field> fields) {
        return new SqlType(TypeId.RECORD, -1, -1, null, fields);
    }

    /** Whether values of this type are arrays (int2vector and oidvector included). */
    public boolean isArray() {
        return id.isArray();
    }

    /** The element type of an array type, int2vector or oidvector; null otherwise. */
    public SqlType elementType() {
        return switch (id) {
            case ARRAY -> element;
            case INT2VECTOR -> SMALLINT;
            case OIDVECTOR -> BIGINT;
            default -> null;
        };
    }

    /** The index of the record field {@code name}, or -1. */
    public int fieldIndex(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The type without modifiers. */
    public static SqlType of(TypeId id) {
        return new SqlType(id, -1, -1);
    }

    /** {@code numeric(precision, scale)}; 22023 when out of PostgreSQL's ranges. */
    public static SqlType numeric(int precision, int scale) {
        if (precision < 1 || precision > NUMERIC_PRECISION_MAX) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "NUMERIC precision "
                    + precision + " must be between 1 and " + NUMERIC_PRECISION_MAX);
        }
        if (scale < 0 || scale > precision) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "NUMERIC scale " + scale + " must be between 0 and precision " + precision);
        }
        return new SqlType(TypeId.NUMERIC, precision, scale);
    }

    /** {@code varchar(length)}; 22023 when the length is out of range. */
    public static SqlType varchar(int length) {
        return new SqlType(TypeId.VARCHAR, checkLength("varchar", length), -1);
    }

    /** {@code char(length)}; 22023 when the length is out of range. */
    public static SqlType character(int length) {
        return new SqlType(TypeId.CHAR, checkLength("char", length), -1);
    }

    /** A date/time type with fractional-second precision 0..6 (PostgreSQL caps at 6). */
    public static SqlType withFractionDigits(TypeId id, int digits) {
        if (digits < 0) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "TIME"
                    + (id == TypeId.INTERVAL ? "" : "STAMP") + "(" + digits
                    + ") precision must not be negative");
        }
        return new SqlType(id, Math.min(digits, 6), -1);
    }

    private static int checkLength(String name, int length) {
        if (length < 1) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "length for type " + name + " must be at least 1");
        }
        if (length > VARCHAR_LENGTH_MAX) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "length for type " + name
                    + " cannot exceed " + VARCHAR_LENGTH_MAX);
        }
        return length;
    }

    private static void checkModifiers(TypeId id, int precision, int scale) {
        boolean ok = switch (id) {
            case NUMERIC -> (precision == -1 && scale == -1)
                    || (precision >= 1 && precision <= NUMERIC_PRECISION_MAX
                    && scale >= 0 && scale <= precision);
            case VARCHAR, CHAR -> scale == -1
                    && (precision == -1 || (precision >= 1 && precision <= VARCHAR_LENGTH_MAX));
            case TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL ->
                    scale == -1 && precision >= -1 && precision <= 6;
            default -> precision == -1 && scale == -1;
        };
        if (!ok) {
            throw new IllegalArgumentException(
                    "bad modifiers for " + id + ": (" + precision + ", " + scale + ")");
        }
    }

    /** The length of varchar(n)/char(n), or -1. */
    public int length() {
        return id == TypeId.VARCHAR || id == TypeId.CHAR ? precision : -1;
    }

    /** True when the type has modifiers. */
    public boolean hasModifiers() {
        return precision != -1;
    }

    /** The same type without modifiers (what operators and functions see). */
    public SqlType base() {
        if (id == TypeId.ARRAY) {
            return element.hasModifiers() ? arrayOf(element.base()) : this;
        }
        return hasModifiers() ? of(id) : this;
    }

    /** The type's OID; an array's is its element's array type ({@code _int4} 1007). */
    public int oid() {
        return id == TypeId.ARRAY ? element.id().arrayOid() : id.oid();
    }

    /** PostgreSQL's internal name: {@code int4}, {@code _int4} for int4[]. */
    public String pgName() {
        return id == TypeId.ARRAY ? "_" + element.id().pgName() : id.pgName();
    }

    /**
     * PostgreSQL's typmod, as the wire protocol's RowDescription carries it: -1 for none,
     * {@code n + 4} for varchar/char, {@code ((p << 16) | s) + 4} for numeric, the precision
     * for the date/time types (interval's range bits are not modelled: all fields).
     */
    public int typmod() {
        if (id == TypeId.ARRAY) {
            return element.typmod();
        }
        if (precision == -1) {
            return -1;
        }
        return switch (id) {
            case VARCHAR, CHAR -> precision + 4;
            case NUMERIC -> ((precision << 16) | scale) + 4;
            case INTERVAL -> (0x7FFF << 16) | precision;
            default -> precision;
        };
    }

    /** The name PostgreSQL's {@code format_type} prints, e.g. {@code numeric(10,2)}. */
    public String displayName() {
        if (id == TypeId.ARRAY) {
            return element.displayName() + "[]";
        }
        if (precision == -1) {
            return id.displayName();
        }
        return switch (id) {
            case NUMERIC -> "numeric(" + precision + "," + scale + ")";
            case VARCHAR -> "character varying(" + precision + ")";
            case CHAR -> "character(" + precision + ")";
            case TIME -> "time(" + precision + ") without time zone";
            case TIMESTAMP -> "timestamp(" + precision + ") without time zone";
            case TIMESTAMPTZ -> "timestamp(" + precision + ") with time zone";
            case INTERVAL -> "interval(" + precision + ")";
            default -> id.displayName();
        };
    }

    @Override
    public String toString() {
        return displayName();
    }
}
