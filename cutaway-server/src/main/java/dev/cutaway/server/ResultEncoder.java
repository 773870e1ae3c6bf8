package dev.cutaway.server;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.engine.Result;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.ValueText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link Result} into RowDescription and DataRow messages. Result formats follow
 * Bind's rule: no codes = all text, one code = all columns, else one code per column.
 * Text cells are the SQL layer's text output ({@link ValueText}) in the session's time zone;
 * binary cells come from {@link BinaryFormat}. Table OID and column number are 0: the SQL
 * layer does not yet say which table a result column comes from.
 */
final class ResultEncoder {
    private final BackendWriter out;
    private final SessionSettings settings;

    ResultEncoder(BackendWriter out, SessionSettings settings) {
        this.out = out;
        this.settings = settings;
    }

    /** The format of column {@code c} under {@code formats}; 08P01 when the list is bad. */
    static int format(int[] formats, int c, int columns) {
        if (formats.length == 0) {
            return 0;
        }
        if (formats.length != 1 && formats.length != columns) {
            throw new SqlException("08P01", "bind message has " + formats.length
                    + " result formats but query has " + columns + " columns");
        }
        int f = formats.length == 1 ? formats[0] : formats[c];
        if (f != 0 && f != 1) {
            throw new SqlException("22023", "unsupported format code: " + f);
        }
        return f;
    }

    static List<BackendWriter.Field> fields(Result r, int[] formats) {
        return fields(r.columnNames(), r.columnTypes(), formats);
    }

    static List<BackendWriter.Field> fields(List<String> names, List<SqlType> types,
            int[] formats) {
        List<BackendWriter.Field> fields = new ArrayList<>();
        int n = names.size();
        for (int c = 0; c < n; c++) {
            SqlType t = types.get(c);
            int oid = t.oid() == 705 ? 25 : t.oid();
            fields.add(new BackendWriter.Field(names.get(c), 0, 0, oid,
                    oid == 25 ? -1 : BinaryFormat.typlen(t), BinaryFormat.typmod(t),
                    format(formats, c, n)));
        }
        return fields;
    }

    void rowDescription(Result r, int[] formats) throws IOException {
        out.rowDescription(fields(r, formats));
    }

    /** DataRows for rows {@code from} (inclusive) to {@code to} (exclusive). */
    void rows(Result r, int from, int to, int[] formats) throws IOException {
        List<SqlType> types = r.columnTypes();
        int n = types.size();
        int[] perColumn = new int[n];
        for (int c = 0; c < n; c++) {
            perColumn[c] = format(formats, c, n);
        }
        for (int i = from; i < to; i++) {
            Object[] row = r.rows().get(i);
            byte[][] cells = new byte[n][];
            for (int c = 0; c < n; c++) {
                cells[c] = cell(row[c], types.get(c), perColumn[c]);
            }
            out.dataRow(cells);
        }
    }

    private byte[] cell(Object value, SqlType type, int format) {
        if (value == null) {
            return null;
        }
        if (format == 1) {
            return BinaryFormat.encode(value, type);
        }
        return ValueText.format(value, type, settings.zone()).getBytes(StandardCharsets.UTF_8);
    }
}
