package dev.cutaway.jdbc;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.engine.Prepared;
import dev.cutaway.sql.parse.Parser;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import dev.cutaway.sql.types.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;

/**
 * A prepared statement. The text is split at its {@code ?} placeholders (outside literals,
 * quoted identifiers and comments, {@link SqlText}). A single statement is prepared in the
 * engine with {@code $1..$n} in their place ({@link Prepared}: parsed and bound once, the plan
 * cached) at the first execution, and each execution passes the bound Java values. The
 * first increment's path stays for what the engine path does not take: the bound values are
 * rendered as typed SQL literals into the text ({@link ParameterLiterals}), parsed each time —
 * for scripts of several statements, generated keys (RETURNING appended), batches and
 * {@code setObject} with a target type.
 *
 * <p>Invariant: {@code literals.length == values.length == pieces.size() - 1}; a null literal
 * is an unset parameter, and executing with one fails with 07002 before anything runs. A
 * literal that is {@link #DEFERRED} is rendered from {@code bound} only when the text path
 * needs it: numbers, booleans and strings without NUL always render, so the engine path of a
 * typed setter does not pay for a literal it never uses.
 */
final class CutawayPreparedStatement extends RefusingPreparedStatement {
    private final List<String> pieces;
    /** Marks a literal rendered on demand from {@code bound} (compared by identity). */
    private static final String DEFERRED = new String("deferred");
    private final String[] literals;
    /** The Java values as the caller bound them, for {@link #DEFERRED} literals. */
    private final Object[] bound;
    private final String keysList;
    /** The bound values as the engine takes them (ADR 0010 classes). */
    private final Object[] values;
    /** Parameters bound with a target type (a CAST literal): only the literal path has it. */
    private final boolean[] castOnly;
    /** The engine's prepared statement; null until the first execution (or not applicable). */
    private Prepared prepared;
    /** The declared parameter types {@link #prepared} was prepared with. */
    private List<SqlType> preparedTypes;
    private boolean engineRefused;

    /** {@code keysList}: the RETURNING list for generated keys, or null for none. */
    CutawayPreparedStatement(CutawayConnection connection, String sql, String keysList) {
        super(connection);
        this.pieces = SqlText.splitAtPlaceholders(sql);
        this.literals = new String[pieces.size() - 1];
        this.values = new Object[literals.length];
        this.bound = new Object[literals.length];
        this.castOnly = new boolean[literals.length];
        this.keysList = keysList;
    }

    /** The text with {@code $1..$n} in place of the placeholders. */
    private String numberedText() {
        StringBuilder out = new StringBuilder(pieces.getFirst());
        for (int i = 1; i < pieces.size(); i++) {
            out.append('$').append(i).append(pieces.get(i));
        }
        return out.toString();
    }

    /**
     * The engine's prepared statement when this execution can take the engine path, else
     * null. Each non-string value declares its parameter's type (as pgjdbc's typed setters
     * do; strings and nulls leave it to the use), so the statement is prepared again when the
     * bound values' types change. A text the engine cannot take as one statement (a script, a
     * syntax error) is left to the literal path, which reports its errors as before.
     */
    private Prepared enginePrepared() throws SQLException {
        if (keysList != null || engineRefused) {
            return null;
        }
        List<SqlType> declared = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            if (castOnly[i]) {
                return null;
            }
            declared.add(Prepared.typeOfValue(values[i]));
        }
        if (prepared == null || !declared.equals(preparedTypes)) {
            String text = numberedText();
            try {
                engineRefused = Parser.parseScript(text).size() != 1;
            } catch (SqlException e) {
                engineRefused = true;
            }
            if (engineRefused) {
                return null;
            }
            prepared = connection.prepare(text, declared);
            preparedTypes = declared;
            engineRefused = prepared.parameterTypes().size() != values.length;
        }
        return engineRefused ? null : prepared;
    }

    /** Runs one execution: on the engine path when it applies, else as rendered text. */
    private boolean run() throws SQLException {
        checkAllSet();   // 07002 for an unset parameter, before anything runs
        Prepared p = enginePrepared();
        if (p == null) {
            return runText(render(), keysList);
        }
        List<Object> given = Arrays.asList(values.clone());
        return runOne(() -> connection.execute(p, given));
    }

    /** 07002 unless every parameter has a value (what {@link #render} checks, unrendered). */
    private void checkAllSet() throws SQLException {
        for (int i = 0; i < literals.length; i++) {
            if (literals[i] == null) {
                throw new SQLException("No value specified for parameter " + (i + 1) + ".",
                        "07002");
            }
        }
    }

    /** The statement text with the bound literals in place of the placeholders. */
    String render() throws SQLException {
        StringBuilder out = new StringBuilder(pieces.getFirst());
        for (int i = 0; i < literals.length; i++) {
            if (literals[i] == null) {
                throw new SQLException("No value specified for parameter " + (i + 1) + ".",
                        "07002");
            }
            String literal = literals[i] == DEFERRED ? ParameterLiterals.of(bound[i])
                    : literals[i];
            out.append(literal).append(pieces.get(i + 1));
        }
        return out.toString();
    }

    private void bind(int index, String literal) throws SQLException {
        checkOpen();
        if (index < 1 || index > literals.length) {
            throw new SQLException("The column index is out of range: " + index
                    + ", number of columns: " + literals.length + ".", "22023");
        }
        literals[index - 1] = literal;
    }

    private void bindValue(int index, Object value) throws SQLException {
        bind(index, renderAlways(value) ? DEFERRED : ParameterLiterals.of(value));
        bound[index - 1] = value;
        values[index - 1] = ParameterLiterals.engineValue(value);
        castOnly[index - 1] = false;
    }

    /** True if {@link ParameterLiterals#of} cannot refuse {@code value}: it may wait. */
    private static boolean renderAlways(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof Boolean || value instanceof Double
                || value instanceof Float || value instanceof String s && s.indexOf('\0') < 0;
    }

    @Override
    public boolean execute() throws SQLException {
        return run();
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        run();
        return queryResult();
    }

    @Override
    public int executeUpdate() throws SQLException {
        run();
        return updateResult();
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return executeUpdate();
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        addToBatch(render());
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(literals, null);
        Arrays.fill(bound, null);
        Arrays.fill(values, null);
        Arrays.fill(castOnly, false);
    }

    private static SQLException textMethod() {
        return new SQLException("Can't use query methods that take a query string on a"
                + " PreparedStatement.", "42809");
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        throw textMethod();
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw textMethod();
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        throw textMethod();
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw textMethod();
    }

    @Override
    public void setNull(int index, int sqlType) throws SQLException {
        bind(index, ParameterLiterals.nullOf(ParameterLiterals.typeName(sqlType)));
        values[index - 1] = null;
        castOnly[index - 1] = false;
    }

    @Override
    public void setNull(int index, int sqlType, String typeName) throws SQLException {
        setNull(index, sqlType);
    }

    @Override
    public void setBoolean(int index, boolean x) throws SQLException {
        bindValue(index, x);
    }

    @Override
    public void setByte(int index, byte x) throws SQLException {
        bindValue(index, x);
    }

    @Override
    public void setShort(int index, short x) throws SQLException {
        bindValue(index, x);
    }

    @Override
    public void setInt(int index, int x) throws SQLException {
        bindValue(index, x);
    }

    @Override
    public void setLong(int index, long x) throws SQLException {
        bindValue(index, x);
    }

    @Override
    public void setFloat(int index, float x) throws SQLException {
        bindValue(index, x);
    }

    @Override
    public void setDouble(int index, double x) throws SQLException {
        bindValue(index, x);
    }

    @Override
    public void setBigDecimal(int index, BigDecimal x) throws SQLException {
        bindValue(index, x);
    }

    @Override
    public void setString(int index, String x) throws SQLException {
        try {
            bindValue(index, x);
        } catch (IllegalArgumentException e) {
            throw new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00",
                    "22021", e);
        }
    }

    @Override
    public void setNString(int index, String x) throws SQLException {
        setString(index, x);
    }

    @Override
    public void setBytes(int index, byte[] x) throws SQLException {
        bindValue(index, x);
    }

    @Override
    public void setDate(int index, Date x) throws SQLException {
        bindValue(index, x);
    }

    @Override
    public void setTime(int index, Time x) throws SQLException {
        bindValue(index, x);
    }

    @Override
    public void setTimestamp(int index, Timestamp x) throws SQLException {
        bindValue(index, x);
    }

    /**
     * The date as it reads in {@code cal}'s time zone (pgjdbc's rule): the instant of
     * {@code x} seen from that zone.
     */
    @Override
    public void setDate(int index, Date x, Calendar cal) throws SQLException {
        bindValue(index, x == null ? null : cal == null ? x
                : Instant.ofEpochMilli(x.getTime()).atZone(zone(cal)).toLocalDate());
    }

    @Override
    public void setTime(int index, Time x, Calendar cal) throws SQLException {
        bindValue(index, x == null ? null : cal == null ? x
                : Instant.ofEpochMilli(x.getTime()).atZone(zone(cal)).toLocalTime());
    }

    /**
     * The timestamp's local time in {@code cal}'s zone, with that zone's offset, as an untyped
     * literal: a timestamp column keeps the local time, a timestamptz column the instant.
     */
    @Override
    public void setTimestamp(int index, Timestamp x, Calendar cal) throws SQLException {
        if (x == null || cal == null) {
            setTimestamp(index, x);
            return;
        }
        String text = x.toInstant().atZone(zone(cal)).toOffsetDateTime()
                .format(ParameterLiterals.OFFSET_TIMESTAMP);
        bind(index, ParameterLiterals.string(text));
        values[index - 1] = text;   // untyped text: the column's type reads it, as the literal
        castOnly[index - 1] = false;
    }

    private static ZoneId zone(Calendar cal) {
        return cal.getTimeZone().toZoneId();
    }

    @Override
    public void setCharacterStream(int index, Reader reader) throws SQLException {
        setCharacterStream(index, reader, Long.MAX_VALUE);
    }

    @Override
    public void setCharacterStream(int index, Reader reader, int length) throws SQLException {
        setCharacterStream(index, reader, (long) length);
    }

    /** Reads up to {@code length} characters now; the text binds as a string. */
    @Override
    public void setCharacterStream(int index, Reader reader, long length) throws SQLException {
        if (reader == null) {
            setNull(index, Types.VARCHAR);
            return;
        }
        StringBuilder text = new StringBuilder();
        char[] chunk = new char[8192];
        try {
            for (int n; text.length() < length
                    && (n = reader.read(chunk, 0, (int) Math.min(chunk.length,
                            length - text.length()))) > 0; ) {
                text.append(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new SQLException("reading the character stream failed: " + e, "58030", e);
        }
        setString(index, text.toString());
    }

    @Override
    public void setBinaryStream(int index, InputStream in) throws SQLException {
        setBinaryStream(index, in, Long.MAX_VALUE);
    }

    @Override
    public void setBinaryStream(int index, InputStream in, int length) throws SQLException {
        setBinaryStream(index, in, (long) length);
    }

    /** Reads up to {@code length} bytes now; they bind as bytea. */
    @Override
    public void setBinaryStream(int index, InputStream in, long length) throws SQLException {
        if (in == null) {
            setNull(index, Types.VARBINARY);
            return;
        }
        try {
            setBytes(index, in.readNBytes((int) Math.min(length, Integer.MAX_VALUE - 8)));
        } catch (IOException e) {
            throw new SQLException("reading the binary stream failed: " + e, "58030", e);
        }
    }

    @Override
    public void setObject(int index, Object x) throws SQLException {
        bindValue(index, x);
    }

    /** The value cast to the SQL type {@code targetSqlType} names. */
    @Override
    public void setObject(int index, Object x, int targetSqlType) throws SQLException {
        String typeName = ParameterLiterals.typeName(targetSqlType);
        if (typeName == null) {
            throw refused("setObject with java.sql.Types " + targetSqlType);
        }
        String literal = ParameterLiterals.of(x);
        bind(index, "CAST(" + literal + " AS " + typeName + ")");
        castOnly[index - 1] = true;
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType, int scaleOrLength)
            throws SQLException {
        setObject(index, x, targetSqlType);
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return null;   // JDBC allows null when the driver cannot tell before executing
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        throw refused("getParameterMetaData (parameters are rendered as literals)");
    }
}
