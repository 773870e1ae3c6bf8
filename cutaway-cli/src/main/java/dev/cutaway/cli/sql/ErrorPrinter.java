package dev.cutaway.cli.sql;

/**
 * Renders an error as psql does with VERBOSITY verbose, minus the source location:
 * <pre>
 * ERROR:  42703: column "nosuch" does not exist
 * LINE 1: select nosuch from t
 *                ^
 * </pre>
 * The LINE part appears when the error has a position (1-based, in characters of the
 * statement): the line holding it is shown and the caret sits under the character. DETAIL and
 * HINT lines follow when present.
 */
public final class ErrorPrinter {
    private ErrorPrinter() {}

    public static String render(String sqlState, String message, int position, String detail,
            String hint, String statement) {
        StringBuilder out = new StringBuilder("ERROR:  ");
        if (sqlState != null) {
            out.append(sqlState).append(": ");
        }
        out.append(message).append('\n');
        if (position > 0 && statement != null && position <= statement.length() + 1) {
            int index = statement.offsetByCodePoints(0,
                    Math.min(position - 1, statement.codePointCount(0, statement.length())));
            int lineStart = statement.lastIndexOf('\n', index - 1) + 1;
            int lineEnd = statement.indexOf('\n', index);
            if (lineEnd < 0) {
                lineEnd = statement.length();
            }
            int lineNumber = 1;
            for (int i = 0; i < lineStart; i++) {
                if (statement.charAt(i) == '\n') {
                    lineNumber++;
                }
            }
            String prefix = "LINE " + lineNumber + ": ";
            String line = statement.substring(lineStart, lineEnd).replace('\t', ' ');
            out.append(prefix).append(line).append('\n');
            int caretColumn = prefix.length()
                    + statement.codePointCount(lineStart, index);
            out.repeat(' ', caretColumn).append("^\n");
        }
        if (detail != null) {
            out.append("DETAIL:  ").append(detail).append('\n');
        }
        if (hint != null) {
            out.append("HINT:  ").append(hint).append('\n');
        }
        return out.toString();
    }
}
