package dev.cutaway.sql.slt;

import dev.cutaway.sql.slt.SltRecord.Condition;
import dev.cutaway.sql.slt.SltRecord.SortMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a sqllogictest script record by record, so a script of several megabytes is never held
 * in memory at once: only the record being read is.
 *
 * <p>The format (shared/sqllogictest/README.md): records are separated by one or more blank
 * lines (a line of only white space is blank); a line starting with {@code #} is a comment
 * wherever it is, dropped without ending a record; a trailing CR is dropped (the reader splits
 * on LF, CRLF and CR). Conditions ({@code skipif}/{@code onlyif}) come before a record's
 * command line. A query's SQL ends at a {@code ----} line, after which come the expected lines.
 *
 * <p>Invariants: (1) {@link #next()} returns records in file order with increasing line
 * numbers; (2) a record is never longer than {@link #RECORD_CHARS_MAX} characters (a longer one
 * becomes {@link SltRecord.Malformed} and is skipped); (3) after a malformed record the parser
 * resynchronises at the next blank line, so one bad record costs one record.
 */
final class SltParser {
    /** Bound on the characters of one record (SQL plus expected lines). */
    static final int RECORD_CHARS_MAX = 8 << 20;
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    private static final Pattern TYPES = Pattern.compile("[IRT]+");
    private static final Pattern THRESHOLD = Pattern.compile("\\d{1,9}");

    private final BufferedReader in;
    private int lineNumber;
    private boolean eof;

    SltParser(BufferedReader in) {
        this.in = in;
    }

    /** The next record, or null at the end of the script. */
    SltRecord next() throws IOException {
        String line = nextContentLine();
        if (line == null) {
            return null;
        }
        List<Condition> conditions = new ArrayList<>();
        while (line != null && isCondition(line)) {
            String[] words = words(line);
            if (words.length < 2) {
                return malformed(conditions, "condition without an engine name: " + line);
            }
            conditions.add(new Condition(words[0].equals("onlyif"), words[1]));
            line = readLine();
            if (line != null && line.isBlank()) {
                return new SltRecord.Malformed(lineNumber - 1, conditions,
                        "conditions without a record");
            }
        }
        if (line == null) {
            return new SltRecord.Malformed(lineNumber, conditions, "conditions at end of file");
        }
        return command(line, conditions);
    }

    private SltRecord command(String line, List<Condition> conditions) throws IOException {
        int commandLine = lineNumber;
        String[] words = words(line);
        return switch (words[0]) {
            case "statement" -> statement(commandLine, conditions, words, line);
            case "query" -> query(commandLine, conditions, words);
            case "hash-threshold" -> hashThreshold(commandLine, conditions, words);
            case "halt" -> {
                skipRecord();
                yield new SltRecord.Halt(commandLine, conditions);
            }
            default -> malformed(conditions, "unknown record: " + line);
        };
    }

    private SltRecord statement(int commandLine, List<Condition> conditions, String[] words,
            String line) throws IOException {
        if (words.length < 2 || !(words[1].equals("ok") || words[1].equals("error"))) {
            return malformed(conditions, "expected 'statement ok' or 'statement error': " + line);
        }
        boolean error = words[1].equals("error");
        String errorText = error ? line.substring(line.indexOf("error") + 5).strip() : "";
        Body body = readBody(false);
        if (body.tooLong || body.sql.isBlank()) {
            return new SltRecord.Malformed(commandLine, conditions,
                    body.tooLong ? "record too long" : "statement without SQL");
        }
        return new SltRecord.Statement(commandLine, conditions, error, errorText, body.sql);
    }

    private SltRecord query(int commandLine, List<Condition> conditions, String[] words)
            throws IOException {
        if (words.length < 2 || !TYPES.matcher(words[1]).matches()) {
            return malformed(conditions, "query without a type string of I, R and T");
        }
        SortMode sort = SortMode.NOSORT;
        String label = "";
        int next = 2;
        if (words.length > next && SortMode.parse(words[next]) != null) {
            sort = SortMode.parse(words[next++]);
        }
        if (words.length > next) {
            label = words[next];
        }
        Body body = readBody(true);
        if (body.tooLong || body.sql.isBlank()) {
            return new SltRecord.Malformed(commandLine, conditions,
                    body.tooLong ? "record too long" : "query without SQL");
        }
        return new SltRecord.Query(commandLine, conditions, words[1], sort, label, body.sql,
                body.expected);
    }

    private SltRecord hashThreshold(int commandLine, List<Condition> conditions, String[] words)
            throws IOException {
        skipRecord();
        if (words.length < 2 || !THRESHOLD.matcher(words[1]).matches()) {
            return new SltRecord.Malformed(commandLine, conditions, "bad hash-threshold");
        }
        return new SltRecord.HashThreshold(commandLine, conditions, Integer.parseInt(words[1]));
    }

    /** SQL lines (and, for a query, expected lines after {@code ----}) up to a blank line. */
    private record Body(String sql, List<String> expected, boolean tooLong) {}

    private Body readBody(boolean query) throws IOException {
        StringBuilder sql = new StringBuilder();
        List<String> expected = new ArrayList<>();
        boolean inExpected = false;
        long chars = 0;
        boolean tooLong = false;
        for (String line = readLine(); line != null && !line.isBlank(); line = readLine()) {
            chars += line.length() + 1;
            if (chars > RECORD_CHARS_MAX) {
                tooLong = true;
                continue;
            }
            if (query && !inExpected && line.equals("----")) {
                inExpected = true;
            } else if (inExpected) {
                expected.add(line);
            } else {
                if (!sql.isEmpty()) {
                    sql.append('\n');
                }
                sql.append(line);
            }
        }
        return new Body(sql.toString(), tooLong ? List.of() : expected, tooLong);
    }

    private SltRecord malformed(List<Condition> conditions, String reason) throws IOException {
        int at = lineNumber;
        skipRecord();
        return new SltRecord.Malformed(at, conditions, reason);
    }

    private void skipRecord() throws IOException {
        for (String line = readLine(); line != null && !line.isBlank(); line = readLine()) {
            // The rest of the record is not read.
        }
    }

    /** The next line that is neither blank nor a comment, or null at the end. */
    private String nextContentLine() throws IOException {
        for (String line = readLine(); line != null; line = readLine()) {
            if (!line.isBlank()) {
                return line;
            }
        }
        return null;
    }

    /** The next line that is not a comment (comments do not end records), or null. */
    private String readLine() throws IOException {
        while (!eof) {
            String line = in.readLine();
            if (line == null) {
                eof = true;
                return null;
            }
            lineNumber++;
            if (!line.startsWith("#")) {
                return line;
            }
        }
        return null;
    }

    private static boolean isCondition(String line) {
        String first = words(line)[0];
        return first.equals("skipif") || first.equals("onlyif");
    }

    private static String[] words(String line) {
        return WHITE_SPACE.split(line.strip());
    }
}
