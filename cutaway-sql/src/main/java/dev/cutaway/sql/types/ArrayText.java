package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Text input and output of arrays, as PostgreSQL's {@code array_in} / {@code array_out}
 * (ADR 0028), and of int2vector, oidvector and records.
 *
 * <p>Array input: optional white space, an optional dimension decoration {@code [lo:hi]=},
 * then {@code {e1,e2,...}}. An element is either double-quoted (a backslash escapes the next
 * character; {@code "NULL"} is the string NULL) or unquoted (white space around it is dropped,
 * a backslash escapes, {@code NULL} in any case is SQL NULL). Each element goes through the
 * element type's own input. A malformed literal is 22P02 {@code malformed array literal} with
 * PostgreSQL's detail; a nested {@code {} (a multidimensional array) is 0A000.
 *
 * <p>Array output: elements by their type's output, comma-separated in braces; an element is
 * double-quoted when it is empty, is {@code NULL} in any case, or holds {@code " \ { } ,} or
 * white space, with {@code "} and {@code \} backslash-escaped; SQL NULL prints {@code NULL};
 * a lower bound other than 1 prints the decoration {@code [0:2]=}. int2vector and oidvector
 * print their elements separated by single spaces; records print {@code (a,b)} with
 * PostgreSQL's record_out quoting.
 */
public final class ArrayText {
    private ArrayText() {}

    /** The text form of {@code array} of type {@code type} (an array type). */
    public static String format(SqlArray array, SqlType type, ZoneId zone) {
        SqlType element = type.elementType();
        if (type.id() != TypeId.ARRAY) {
            StringJoiner j = new StringJoiner(" ");
            for (Object e : array.elements()) {
                j.add(e == null ? "0" : ValueText.format(e, element, zone));
            }
            return j.toString();
        }
        StringBuilder b = new StringBuilder();
        if (array.lowerBound() != 1) {
            b.append('[').append(array.lowerBound()).append(':').append(array.upperBound())
                    .append("]=");
        }
        b.append('{');
        for (int i = 0; i < array.length(); i++) {
            if (i > 0) {
                b.append(',');
            }
            Object e = array.elements().get(i);
            if (e == null) {
                b.append("NULL");
            } else {
                appendQuoted(b, ValueText.format(e, element, zone), true);
            }
        }
        return b.append('}').toString();
    }

    /** The text form of a record: {@code (1,abc)}, an empty field for NULL. */
    public static String formatRecord(SqlRecord record, SqlType type, ZoneId zone) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < record.values().size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            Object v = record.get(i);
            if (v != null) {
                appendQuoted(b, ValueText.format(v, type.fields().get(i).type(), zone), false);
            }
        }
        return b.append(')').toString();
    }

    private static void appendQuoted(StringBuilder b, String text, boolean array) {
        boolean quote = text.isEmpty() || (array && text.equalsIgnoreCase("NULL"));
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == '"' || c == '\\' || c == ',' || isSpace(c)
                    || (array ? c == '{' || c == '}' : c == '(' || c == ')');
        }
        if (!quote) {
            b.append(text);
            return;
        }
        b.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        b.append('"');
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }

    /** Parses the text form of an array of {@code type} (element modifiers applied). */
    public static SqlArray parse(String text, SqlType type, ZoneId zone) {
        SqlType element = type.elementType();
        if (type.id() != TypeId.ARRAY) {
            return parseVector(text, type, element, zone);
        }
        Parser p = new Parser(text);
        p.skipSpace();
        Integer lower = null;
        Integer upper = null;
        if (p.peek() == '[') {
            int[] bounds = p.dimensions();
            lower = bounds[0];
            upper = bounds[1];
        }
        if (p.peek() != '{') {
            throw p.malformed("Array value must start with \"{\" or dimension information.");
        }
        p.next();
        List<String> raw = p.elements();
        p.skipSpace();
        if (!p.atEnd()) {
            throw p.malformed("Junk after closing right brace.");
        }
        if (lower != null && upper - lower + 1 != raw.size()) {
            throw p.malformed("Specified array dimensions do not match array contents.");
        }
        List<Object> values = new ArrayList<>(raw.size());
        for (String r : raw) {
            values.add(r == null ? null : Casts.applyModifiers(
                    ValueText.parse(r, element.base(), zone), element, CastContext.ASSIGNMENT));
        }
        return new SqlArray(lower == null ? 1 : lower, values);
    }

    private static SqlArray parseVector(String text, SqlType type, SqlType element,
            ZoneId zone) {
        List<Object> values = new ArrayList<>();
        for (String part : text.strip().split("\\s+")) {
            if (!part.isEmpty()) {
                try {
                    values.add(ValueText.parse(part, element, zone));
                } catch (SqlException e) {
                    throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                            "invalid input syntax for type " + type.id().pgName() + ": \""
                            + text + "\"");
                }
            }
        }
        return new SqlArray(0, values);
    }

    /** A cursor over an array literal; errors quote the whole literal. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        SqlException malformed(String detail) {
            return new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                    "malformed array literal: \"" + text + "\"", 0, detail, null, null);
        }

        boolean atEnd() {
            return at >= text.length();
        }

        char peek() {
            return atEnd() ? '\0' : text.charAt(at);
        }

        char next() {
            if (atEnd()) {
                throw malformed("Unexpected end of input.");
            }
            return text.charAt(at++);
        }

        void skipSpace() {
            while (!atEnd() && isSpace(text.charAt(at))) {
                at++;
            }
        }

        /** {@code [lo:hi]=} (one dimension; {@code [hi]} means {@code [1:hi]}). */
        int[] dimensions() {
            next();
            int first = number();
            int lo = 1;
            int hi = first;
            if (peek() == ':') {
                next();
                lo = first;
                hi = number();
            }
            if (next() != ']') {
                throw malformed("Missing \"]\" after array dimensions.");
            }
            if (peek() == '[') {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        "multidimensional arrays are not supported");
            }
            if (hi < lo - 1) {
                throw new SqlException(SqlState.ARRAY_SUBSCRIPT_ERROR, "upper bound cannot be"
                        + " less than lower bound");
            }
            skipSpace();
            if (next() != '=') {
                throw malformed("Missing \"=\" after array dimensions.");
            }
            skipSpace();
            return new int[] {lo, hi};
        }

        private int number() {
            int start = at;
            if (peek() == '-' || peek() == '+') {
                at++;
            }
            while (Character.isDigit(peek())) {
                at++;
            }
            try {
                return Integer.parseInt(text.substring(start, at));
            } catch (NumberFormatException e) {
                throw malformed("\"[\" must introduce explicitly-specified array dimensions.");
            }
        }

        /** The elements after the opening brace, through the closing one (null = NULL). */
        List<String> elements() {
            List<String> out = new ArrayList<>();
            skipSpace();
            if (peek() == '}') {
                next();
                return out;
            }
            while (true) {
                skipSpace();
                out.add(element());
                skipSpace();
                char c = next();
                if (c == '}') {
                    return out;
                }
                if (c != ',') {
                    throw malformed("Unexpected \"" + c + "\" character.");
                }
            }
        }

        private String element() {
            char c = peek();
            if (c == '{') {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        "multidimensional arrays are not supported");
            }
            if (c == ',' || c == '}') {
                throw malformed("Unexpected \"" + c + "\" character.");
            }
            StringBuilder b = new StringBuilder();
            if (c == '"') {
                next();
                for (char d = next(); d != '"'; d = next()) {
                    b.append(d == '\\' ? next() : d);
                }
                return b.toString();
            }
            int keep = 0;   // length of b up to the last escaped or non-space character
            boolean escaped = false;
            while (!atEnd() && peek() != ',' && peek() != '}') {
                char d = next();
                if (d == '"' || d == '{') {
                    throw malformed("Unexpected \"" + d + "\" character.");
                }
                if (d == '\\') {
                    b.append(next());
                    keep = b.length();
                    escaped = true;
                } else {
                    b.append(d);
                    if (!isSpace(d)) {
                        keep = b.length();
                    }
                }
            }
            String s = b.substring(0, keep);
            return s.toUpperCase(Locale.ROOT).equals("NULL") && !escaped ? null : s;
        }
    }
}
