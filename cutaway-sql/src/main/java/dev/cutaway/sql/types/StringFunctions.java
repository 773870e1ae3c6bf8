package dev.cutaway.sql.types;

import static dev.cutaway.sql.types.TypeId.BOOLEAN;
import static dev.cutaway.sql.types.TypeId.BYTEA;
import static dev.cutaway.sql.types.TypeId.INTEGER;
import static dev.cutaway.sql.types.TypeId.TEXT;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * PostgreSQL's string functions. A character is a Unicode code point (PostgreSQL counts
 * characters of the UTF-8 database encoding), never a Java UTF-16 unit; positions are 1-based.
 * lower, upper and initcap map each character alone with Unicode case mapping (PostgreSQL
 * with a UTF-8 locale; the C locale would map only ASCII). Results are bounded: a result
 * longer than {@link #RESULT_CHARS_MAX} characters is 54000 {@code requested length too large}.
 */
final class StringFunctions {
    static final int RESULT_CHARS_MAX = SqlType.VARCHAR_LENGTH_MAX;

    private StringFunctions() {}

    static void register(Functions.Registrar r) {
        for (String name : List.of("length", "char_length", "character_length")) {
            r.add(name, List.of(TEXT), INTEGER, (c, a) -> codePoints(a[0]).length);
        }
        r.add("octet_length", List.of(TEXT), INTEGER,
                (c, a) -> ((String) a[0]).getBytes(StandardCharsets.UTF_8).length);
        r.add("octet_length", List.of(TypeId.CHAR), INTEGER, // counts the padding
                (c, a) -> ((String) a[0]).getBytes(StandardCharsets.UTF_8).length);
        r.add("length", List.of(BYTEA), INTEGER, (c, a) -> ((Bytea) a[0]).length());
        r.add("octet_length", List.of(BYTEA), INTEGER, (c, a) -> ((Bytea) a[0]).length());
        r.add("lower", List.of(TEXT), TEXT,
                (c, a) -> mapCodePoints((String) a[0], Character::toLowerCase));
        r.add("upper", List.of(TEXT), TEXT,
                (c, a) -> mapCodePoints((String) a[0], Character::toUpperCase));
        r.add("initcap", List.of(TEXT), TEXT, (c, a) -> initcap((String) a[0]));
        for (String name : List.of("substring", "substr")) {
            r.add(name, List.of(TEXT, INTEGER), TEXT,
                    (c, a) -> substring((String) a[0], (Integer) a[1], null));
            r.add(name, List.of(TEXT, INTEGER, INTEGER), TEXT,
                    (c, a) -> substring((String) a[0], (Integer) a[1], (Integer) a[2]));
        }
        r.add("position", List.of(TEXT, TEXT), INTEGER,
                (c, a) -> position((String) a[0], (String) a[1]));
        r.add("strpos", List.of(TEXT, TEXT), INTEGER,
                (c, a) -> position((String) a[0], (String) a[1]));
        registerTrims(r);
        r.add("replace", List.of(TEXT, TEXT, TEXT), TEXT, (c, a) -> ((String) a[1]).isEmpty()
                ? a[0] : bounded(((String) a[0]).replace((String) a[1], (String) a[2])));
        r.addVariadic("concat", Arrays.asList((TypeId) null), TEXT, false,
                (c, a) -> concat(c, a, 0, ""));
        r.addVariadic("concat_ws", Arrays.asList(TEXT, null), TEXT, false,
                (c, a) -> a[0] == null ? null : concat(c, a, 1, (String) a[0]));
        r.add("left", List.of(TEXT, INTEGER), TEXT, (c, a) -> left((String) a[0], (Integer) a[1]));
        r.add("right", List.of(TEXT, INTEGER), TEXT,
                (c, a) -> right((String) a[0], (Integer) a[1]));
        r.add("repeat", List.of(TEXT, INTEGER), TEXT,
                (c, a) -> repeat((String) a[0], (Integer) a[1]));
        r.add("reverse", List.of(TEXT), TEXT, (c, a) -> reverse((String) a[0]));
        r.add("lpad", List.of(TEXT, INTEGER), TEXT, (c, a) -> pad((String) a[0], (Integer) a[1],
                " ", true));
        r.add("lpad", List.of(TEXT, INTEGER, TEXT), TEXT, (c, a) -> pad((String) a[0],
                (Integer) a[1], (String) a[2], true));
        r.add("rpad", List.of(TEXT, INTEGER), TEXT, (c, a) -> pad((String) a[0], (Integer) a[1],
                " ", false));
        r.add("rpad", List.of(TEXT, INTEGER, TEXT), TEXT, (c, a) -> pad((String) a[0],
                (Integer) a[1], (String) a[2], false));
        r.add("split_part", List.of(TEXT, TEXT, INTEGER), TEXT,
                (c, a) -> splitPart((String) a[0], (String) a[1], (Integer) a[2]));
        r.add("starts_with", List.of(TEXT, TEXT), BOOLEAN,
                (c, a) -> ((String) a[0]).startsWith((String) a[1]));
        r.add("ascii", List.of(TEXT), INTEGER,
                (c, a) -> ((String) a[0]).isEmpty() ? 0 : ((String) a[0]).codePointAt(0));
        r.add("chr", List.of(INTEGER), TEXT, (c, a) -> chr((Integer) a[0]));
        r.add("md5", List.of(TEXT), TEXT, (c, a) -> md5(((String) a[0])
                .getBytes(StandardCharsets.UTF_8)));
        r.add("md5", List.of(BYTEA), TEXT, (c, a) -> md5(((Bytea) a[0]).bytes()));
        r.add("translate", List.of(TEXT, TEXT, TEXT), TEXT,
                (c, a) -> translate((String) a[0], (String) a[1], (String) a[2]));
    }

    private static void registerTrims(Functions.Registrar r) {
        r.add("btrim", List.of(TEXT), TEXT, (c, a) -> trim((String) a[0], " ", true, true));
        r.add("btrim", List.of(TEXT, TEXT), TEXT,
                (c, a) -> trim((String) a[0], (String) a[1], true, true));
        r.add("ltrim", List.of(TEXT), TEXT, (c, a) -> trim((String) a[0], " ", true, false));
        r.add("ltrim", List.of(TEXT, TEXT), TEXT,
                (c, a) -> trim((String) a[0], (String) a[1], true, false));
        r.add("rtrim", List.of(TEXT), TEXT, (c, a) -> trim((String) a[0], " ", false, true));
        r.add("rtrim", List.of(TEXT, TEXT), TEXT,
                (c, a) -> trim((String) a[0], (String) a[1], false, true));
    }

    /** Maps each character alone (ß stays ß in upper, as PostgreSQL's towupper). */
    private static String mapCodePoints(String s, java.util.function.IntUnaryOperator f) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.appendCodePoint(f.applyAsInt(c)));
        return out.toString();
    }

    static int[] codePoints(Object s) {
        return ((String) s).codePoints().toArray();
    }

    private static String string(int[] codes, int from, int to) {
        return new String(codes, from, Math.max(0, to - from));
    }

    private static String bounded(String s) {
        if (s.length() > RESULT_CHARS_MAX * 2L) {
            throw tooLarge();
        }
        return s;
    }

    private static SqlException tooLarge() {
        return new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested length too large");
    }

    /** substring(s from start [for count]): characters start..start+count-1 (1-based). */
    static String substring(String s, int start, Integer count) {
        int[] codes = s.codePoints().toArray();
        long end;
        if (count == null) {
            end = codes.length + 1L;
        } else {
            if (count < 0) {
                throw new SqlException(SqlState.SUBSTRING_ERROR,
                        "negative substring length not allowed");
            }
            end = (long) start + count;
        }
        long from = Math.max(start, 1);
        long to = Math.min(end, codes.length + 1L);
        return from >= to ? "" : string(codes, (int) from - 1, (int) to - 1);
    }

    private static int position(String s, String sub) {
        int index = s.indexOf(sub);
        return index < 0 ? 0 : s.codePointCount(0, index) + 1;
    }

    private static String trim(String s, String chars, boolean leading, boolean trailing) {
        int[] codes = s.codePoints().toArray();
        int[] set = chars.codePoints().toArray();
        int from = 0;
        int to = codes.length;
        while (leading && from < to && contains(set, codes[from])) {
            from++;
        }
        while (trailing && to > from && contains(set, codes[to - 1])) {
            to--;
        }
        return string(codes, from, to);
    }

    private static boolean contains(int[] set, int c) {
        for (int x : set) {
            if (x == c) {
                return true;
            }
        }
        return false;
    }

    private static String concat(EvalContext ctx, Object[] args, int first, String separator) {
        SqlType[] types = (SqlType[]) args[args.length - 1];
        StringBuilder out = new StringBuilder();
        boolean any = false;
        for (int i = first; i < args.length - 1; i++) {
            if (args[i] == null) {
                continue;
            }
            if (any) {
                out.append(separator);
            }
            any = true;
            out.append(ValueText.format(args[i], types[i], ctx.zone())); // char keeps padding
            if (out.length() > RESULT_CHARS_MAX * 2L) {
                throw tooLarge();
            }
        }
        return out.toString();
    }

    private static String left(String s, int n) {
        int[] codes = s.codePoints().toArray();
        int count = n >= 0 ? Math.min(n, codes.length) : Math.max(codes.length + n, 0);
        return string(codes, 0, count);
    }

    private static String right(String s, int n) {
        if (n == Integer.MIN_VALUE) {
            return s; // PostgreSQL negates n in 32 bits: -MIN stays MIN and nothing is cut
        }
        int[] codes = s.codePoints().toArray();
        int count = n >= 0 ? Math.min(n, codes.length) : Math.max(codes.length + n, 0);
        return string(codes, codes.length - count, codes.length);
    }

    private static String repeat(String s, int n) {
        if (n <= 0 || s.isEmpty()) {
            return "";
        }
        if ((long) s.codePointCount(0, s.length()) * n > RESULT_CHARS_MAX) {
            throw tooLarge();
        }
        return s.repeat(n);
    }

    private static String reverse(String s) {
        int[] codes = s.codePoints().toArray();
        int[] reversed = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            reversed[i] = codes[codes.length - 1 - i];
        }
        return string(reversed, 0, reversed.length);
    }

    /** lpad/rpad: fill to {@code length} characters, or truncate to it. */
    private static String pad(String s, int length, String fill, boolean left) {
        if (length > RESULT_CHARS_MAX) {
            throw tooLarge();
        }
        int[] codes = s.codePoints().toArray();
        int target = Math.max(length, 0);
        if (codes.length >= target || fill.isEmpty()) {
            return string(codes, 0, Math.min(codes.length, target));
        }
        int[] fillCodes = fill.codePoints().toArray();
        StringBuilder padding = new StringBuilder();
        for (int i = 0; i < target - codes.length; i++) {
            padding.appendCodePoint(fillCodes[i % fillCodes.length]);
        }
        return left ? padding + s : s + padding;
    }

    private static String splitPart(String s, String delimiter, int field) {
        if (field == 0) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "field position must not be zero");
        }
        List<String> parts = delimiter.isEmpty() ? List.of(s)
                : Arrays.asList(s.split(java.util.regex.Pattern.quote(delimiter), -1));
        if (s.isEmpty()) {
            return "";
        }
        int index = field > 0 ? field - 1 : parts.size() + field;
        return index >= 0 && index < parts.size() ? parts.get(index) : "";
    }

    private static String initcap(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean inWord = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            out.appendCodePoint(inWord ? Character.toLowerCase(c) : Character.toUpperCase(c));
            inWord = Character.isLetterOrDigit(c);
        }
        return out.toString();
    }

    private static String chr(int code) {
        if (code == 0) {
            throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "null character not permitted");
        }
        if (code < 0 || code > Character.MAX_CODE_POINT
                || (code >= Character.MIN_SURROGATE && code <= Character.MAX_SURROGATE)) {
            throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "requested character too large for encoding: " + code);
        }
        return new String(Character.toChars(code));
    }

    private static String md5(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    private static String translate(String s, String from, String to) {
        int[] fromCodes = from.codePoints().toArray();
        int[] toCodes = to.codePoints().toArray();
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            for (int i = 0; i < fromCodes.length; i++) {
                if (fromCodes[i] == c) {
                    if (i < toCodes.length) {
                        out.appendCodePoint(toCodes[i]);
                    }
                    return;
                }
            }
            out.appendCodePoint(c);
        });
        return out.toString();
    }
}
