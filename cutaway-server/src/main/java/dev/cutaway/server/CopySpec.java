package dev.cutaway.server;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.parse.Lexer;
import dev.cutaway.sql.parse.Token;
import dev.cutaway.sql.parse.TokenKind;
import java.util.List;
import java.util.Locale;

/**
 * A parsed {@code COPY} statement, read from its tokens here because only the wire server
 * can run COPY (it needs the client's data stream):
 * <pre>
 *   COPY table [(col, ...)] FROM STDIN [[WITH] (option [value], ...) | legacy options]
 *   COPY {table [(col, ...)] | (query)} TO STDOUT [[WITH] (...) | legacy options]
 * </pre>
 * Options: FORMAT text|csv, HEADER [bool], DELIMITER 'c', NULL 's', QUOTE 'c', ESCAPE 'c',
 * FREEZE [bool] and ENCODING 'UTF8' (accepted, nothing to do); legacy CSV, HEADER, BINARY,
 * DELIMITER [AS] 'c', NULL [AS] 's'. Files (anything but STDIN/STDOUT) and the binary format
 * are refused with 0A000.
 *
 * @param source  table name as written, or null for a query
 * @param columns column list as written (without parentheses), or null
 * @param query   the query text for {@code COPY (query) TO}, or null
 */
record CopySpec(String source, String columns, String query, boolean in, boolean csv,
        boolean header, char delimiter, String nullText, char quote, char escape) {

    static boolean isCopy(String sql) {
        List<Token> t = Lexer.tokenize(sql);
        return !t.isEmpty() && t.get(0).is("copy");
    }

    static CopySpec parse(String sql) {
        List<Token> t = Lexer.tokenize(sql);
        int i = 1;
        String source = null;
        String query = null;
        if (at(t, i).kind() == TokenKind.LPAREN) {
            int close = matching(t, i);
            query = sql.substring(at(t, i).end(), at(t, close).position() - 1);
            i = close + 1;
        } else {
            int start = i;
            while (at(t, i + 1).kind() == TokenKind.DOT) {
                i += 2;
            }
            source = sql.substring(at(t, start).position() - 1, at(t, i).end());
            i++;
        }
        String columns = null;
        if (query == null && at(t, i).kind() == TokenKind.LPAREN) {
            int close = matching(t, i);
            columns = sql.substring(at(t, i).end(), at(t, close).position() - 1);
            i = close + 1;
        }
        boolean in = at(t, i).is("from");
        if (!in && !at(t, i).is("to")) {
            throw syntax(at(t, i));
        }
        if (!at(t, i + 1).is(in ? "stdin" : "stdout")) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "COPY " + (in ? "FROM" : "TO")
                    + " a file or program is not supported; use STDIN/STDOUT (psql's \\copy)",
                    at(t, i + 1).position());
        }
        if (query != null && in) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "COPY FROM needs a table");
        }
        return options(t, i + 2, source, columns, query, in);
    }

    private static CopySpec options(List<Token> t, int i, String source, String columns,
            String query, boolean in) {
        Options o = new Options();
        if (at(t, i).is("with")) {
            i++;
        }
        boolean parenthesized = at(t, i).kind() == TokenKind.LPAREN;
        if (parenthesized) {
            i++;
        }
        while (at(t, i).kind() != TokenKind.EOF && at(t, i).kind() != TokenKind.RPAREN
                && at(t, i).kind() != TokenKind.SEMICOLON) {
            if (at(t, i).kind() == TokenKind.COMMA) {
                i++;
                continue;
            }
            String name = at(t, i).value().toLowerCase(Locale.ROOT);
            Token value = at(t, i + 1);
            if (value.is("as")) {
                i++;
                value = at(t, i + 1);
            }
            boolean hasValue = value.kind() == TokenKind.STRING
                    || (parenthesized && value.kind() != TokenKind.COMMA
                    && value.kind() != TokenKind.RPAREN);
            o.apply(name, hasValue ? value.value() : null, at(t, i));
            i += hasValue ? 2 : 1;
        }
        char quote = o.quote;
        return new CopySpec(source, columns, query, in, o.csv, o.header,
                o.delimiter == 0 ? (o.csv ? ',' : '\t') : o.delimiter,
                o.nullText == null ? (o.csv ? "" : "\\N") : o.nullText, quote,
                o.escape == 0 ? quote : o.escape);
    }

    /** Accumulated options. */
    private static final class Options {
        boolean csv;
        boolean header;
        char delimiter;
        String nullText;
        char quote = '"';
        char escape;

        void apply(String name, String value, Token at) {
            switch (name) {
                case "format" -> {
                    String f = value == null ? "" : value.toLowerCase(Locale.ROOT);
                    if (f.equals("binary")) {
                        throw binary(at);
                    }
                    if (!f.equals("text") && !f.equals("csv")) {
                        throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                                "COPY format \"" + value + "\" not recognized", at.position());
                    }
                    csv = f.equals("csv");
                }
                case "csv" -> csv = true;
                case "binary" -> throw binary(at);
                case "header" -> header = value == null || isTrue(value);
                case "delimiter" -> delimiter = single(value, at);
                case "null" -> nullText = value;
                case "quote" -> quote = single(value, at);
                case "escape" -> escape = single(value, at);
                case "freeze", "encoding", "oids" -> { }
                default -> throw new SqlException(SqlState.SYNTAX_ERROR,
                        "option \"" + name + "\" not recognized", at.position());
            }
        }

        private static boolean isTrue(String v) {
            String s = v.toLowerCase(Locale.ROOT);
            return s.equals("true") || s.equals("on") || s.equals("1") || s.equals("match");
        }

        private static char single(String value, Token at) {
            if (value == null || value.length() != 1) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        "COPY delimiter, quote and escape must be a single one-byte character",
                        at.position());
            }
            return value.charAt(0);
        }

        private static SqlException binary(Token at) {
            return new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "COPY in binary format is not supported", at.position());
        }
    }

    private static Token at(List<Token> t, int i) {
        return i < t.size() ? t.get(i) : t.get(t.size() - 1);
    }

    private static int matching(List<Token> t, int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).kind() == TokenKind.LPAREN) {
                depth++;
            } else if (t.get(i).kind() == TokenKind.RPAREN && --depth == 0) {
                return i;
            }
        }
        throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
    }

    private static SqlException syntax(Token t) {
        return new SqlException(SqlState.SYNTAX_ERROR, t.kind() == TokenKind.EOF
                ? "syntax error at end of input" : "syntax error at or near \""
                + t.value() + "\"", t.position());
    }
}
