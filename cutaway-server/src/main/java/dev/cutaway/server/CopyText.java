package dev.cutaway.server;

import dev.cutaway.sql.SqlException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * COPY's text and CSV line formats, both directions.
 *
 * <p>Text: fields split on the delimiter (tab); the null string ({@code \N}) as a whole raw
 * field is NULL; backslash escapes {@code \b \f \n \r \t \v \\}, octal {@code \NNN} and hex
 * {@code \xHH}; on output backslash, newline, carriage return, tab and the delimiter are
 * escaped. CSV: fields split on the delimiter outside quotes, {@code ""} inside quotes is a
 * quote (or the escape character before a quote); an unquoted field equal to the null string
 * (empty by default) is NULL, a quoted empty field is the empty string. A line holding a
 * quoted newline is not supported (lines are cut at every newline first).
 */
final class CopyText {
    private final CopySpec spec;

    CopyText(CopySpec spec) {
        this.spec = spec;
    }

    /** The fields of one input line (null = NULL); 22P04 when the count is wrong. */
    List<String> fields(String line, int expected) {
        List<String> f = spec.csv() ? csvFields(line) : textFields(line);
        if (f.size() != expected) {
            throw new SqlException("22P04", f.size() < expected
                    ? "missing data for column " + (f.size() + 1)
                    : "extra data after last expected column");
        }
        return f;
    }

    private List<String> textFields(String line) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int end = line.indexOf(spec.delimiter(), start);
            String raw = end < 0 ? line.substring(start) : line.substring(start, end);
            out.add(raw.equals(spec.nullText()) ? null : unescape(raw));
            if (end < 0) {
                return out;
            }
            start = end + 1;
        }
    }

    private static String unescape(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 == raw.length()) {
                b.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'v' -> b.append('\u000b');
                case 'x' -> {
                    int j = i + 1;
                    while (j < raw.length() && j < i + 3
                            && Character.digit(raw.charAt(j), 16) >= 0) {
                        j++;
                    }
                    if (j == i + 1) {
                        b.append('x');
                    } else {
                        b.append((char) Integer.parseInt(raw.substring(i + 1, j), 16));
                        i = j - 1;
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int j = i;
                        while (j < raw.length() && j < i + 3 && raw.charAt(j) >= '0'
                                && raw.charAt(j) <= '7') {
                            j++;
                        }
                        b.append((char) Integer.parseInt(raw.substring(i, j), 8));
                        i = j - 1;
                    } else {
                        b.append(e);
                    }
                }
            }
        }
        return b.toString();
    }

    private List<String> csvFields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean inQuotes = false;
        for (int i = 0; i <= line.length(); i++) {
            char c = i < line.length() ? line.charAt(i) : 0;
            if (i == line.length() || (!inQuotes && c == spec.delimiter())) {
                String v = field.toString();
                out.add(!quoted && v.equals(spec.nullText()) ? null : v);
                field.setLength(0);
                quoted = false;
            } else if (inQuotes && c == spec.escape() && i + 1 < line.length()
                    && line.charAt(i + 1) == spec.quote()) {
                field.append(spec.quote());
                i++;
            } else if (c == spec.quote()) {
                inQuotes = !inQuotes;
                quoted = true;
            } else {
                field.append(c);
            }
        }
        if (inQuotes) {
            throw new SqlException("22P04", "unterminated CSV quoted field");
        }
        return out;
    }

    /** One output line (with its newline) for the cells (null = NULL). */
    byte[] line(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                b.append(spec.delimiter());
            }
            String v = cells.get(c);
            if (spec.csv()) {
                csvCell(b, v);
            } else if (v == null) {
                b.append(spec.nullText());
            } else {
                textCell(b, v);
            }
        }
        return b.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void textCell(StringBuilder b, String v) {
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch == spec.delimiter()) {
                        b.append('\\');
                    }
                    b.append(ch);
                }
            }
        }
    }

    private void csvCell(StringBuilder b, String v) {
        if (v == null) {
            b.append(spec.nullText());
            return;
        }
        boolean quote = v.isEmpty() || v.equals(spec.nullText()) || v.indexOf(spec.delimiter()) >= 0
                || v.indexOf(spec.quote()) >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        if (!quote) {
            b.append(v);
            return;
        }
        b.append(spec.quote());
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch == spec.quote() || ch == spec.escape()) {
                b.append(spec.escape());
            }
            b.append(ch);
        }
        b.append(spec.quote());
    }
}
