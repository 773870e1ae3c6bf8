package dev.cutaway.sql;

/**
 * The SQLSTATE codes Cutaway raises, named as PostgreSQL's errcodes.txt names them, so that
 * code reads {@code SqlState.DIVISION_BY_ZERO} rather than a bare string.
 */
public final class SqlState {
    public static final String SYNTAX_ERROR = "42601";
    public static final String UNDEFINED_TABLE = "42P01";
    public static final String UNDEFINED_COLUMN = "42703";
    public static final String UNDEFINED_FUNCTION = "42883";
    public static final String UNDEFINED_OBJECT = "42704";
    public static final String DUPLICATE_TABLE = "42P07";
    public static final String DUPLICATE_COLUMN = "42701";
    public static final String DUPLICATE_OBJECT = "42710";
    public static final String AMBIGUOUS_COLUMN = "42702";
    public static final String DATATYPE_MISMATCH = "42804";
    public static final String INVALID_FOREIGN_KEY = "42830";
    public static final String CANNOT_COERCE = "42846";
    public static final String GROUPING_ERROR = "42803";
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    public static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";
    public static final String DIVISION_BY_ZERO = "22012";
    public static final String INVALID_TEXT_REPRESENTATION = "22P02";
    public static final String ARRAY_SUBSCRIPT_ERROR = "2202E";
    public static final String INDETERMINATE_DATATYPE = "42P18";
    public static final String INVALID_DATETIME_FORMAT = "22007";
    public static final String DATETIME_FIELD_OVERFLOW = "22008";
    public static final String STRING_DATA_RIGHT_TRUNCATION = "22001";
    public static final String INVALID_PARAMETER_VALUE = "22023";
    public static final String DATETIME_VALUE_OUT_OF_RANGE = "22008";
    public static final String INVALID_ARGUMENT_FOR_LOG = "2201E";
    public static final String INVALID_ARGUMENT_FOR_POWER_FUNCTION = "2201F";
    public static final String INVALID_ESCAPE_SEQUENCE = "22025";
    public static final String INVALID_ESCAPE_CHARACTER = "22019";
    public static final String AMBIGUOUS_FUNCTION = "42725";
    public static final String SUBSTRING_ERROR = "22011";
    public static final String INTERVAL_FIELD_OVERFLOW = "22015";
    public static final String INVALID_TIME_ZONE_DISPLACEMENT_VALUE = "22009";
    public static final String PROGRAM_LIMIT_EXCEEDED = "54000";
    public static final String CARDINALITY_VIOLATION = "21000";
    public static final String NOT_NULL_VIOLATION = "23502";
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String CHECK_VIOLATION = "23514";
    public static final String IN_FAILED_SQL_TRANSACTION = "25P02";
    public static final String ACTIVE_SQL_TRANSACTION = "25001";
    public static final String NO_ACTIVE_SQL_TRANSACTION = "25P01";
    public static final String SERIALIZATION_FAILURE = "40001";
    public static final String QUERY_CANCELED = "57014";
    public static final String DEADLOCK_DETECTED = "40P01";
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    public static final String STATEMENT_TOO_COMPLEX = "54001";
    public static final String SEQUENCE_GENERATOR_LIMIT_EXCEEDED = "2200H";
    public static final String INVALID_ROW_COUNT_IN_LIMIT_CLAUSE = "2201W";
    public static final String INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE = "2201X";
    public static final String READ_ONLY_SQL_TRANSACTION = "25006";
    public static final String INVALID_SAVEPOINT_SPECIFICATION = "3B001";
    public static final String INVALID_SCHEMA_NAME = "3F000";
    public static final String DUPLICATE_SCHEMA = "42P06";
    public static final String DUPLICATE_ALIAS = "42712";
    public static final String WRONG_OBJECT_TYPE = "42809";
    public static final String INVALID_COLUMN_REFERENCE = "42P10";
    public static final String INVALID_TABLE_DEFINITION = "42P16";
    public static final String INVALID_RECURSION = "42P19";
    public static final String WINDOWING_ERROR = "42P20";
    public static final String GENERATED_ALWAYS = "428C9";
    public static final String DEPENDENT_OBJECTS_STILL_EXIST = "2BP01";
    public static final String OUT_OF_MEMORY = "53200";
    public static final String OBJECT_NOT_IN_PREREQUISITE_STATE = "55000";
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    public static final String INTERNAL_ERROR = "XX000";

    private SqlState() {}
}
