package dev.cutaway.txn.hermitage;

import dev.cutaway.txn.Isolation;
import dev.cutaway.txn.hermitage.MiniStatement.RowFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the statements of the Hermitage scripts into {@link MiniStatement}s. Grammar (keywords
 * in any case, one optional trailing semicolon):
 * <pre>
 *   begin [transaction|work] | start transaction
 *   commit [transaction|work] | end | rollback [transaction|work] | abort
 *   set transaction isolation level (read uncommitted|read committed|repeatable read|serializable)
 *   drop table [if exists] test
 *   create table test (id int primary key, value int)
 *   insert into test [(id, value)] values (n, n) {, (n, n)}
 *   select * from test [where filter]
 *   update test set value = (n | value + n) [where filter]
 *   delete from test [where filter]
 *   filter: id = n | id in (n {, n}) | value = n | value % n = n
 * </pre>
 * Bounded: at most {@link #TOKENS_MAX} tokens.
 */
final class MiniSqlParser {
    static final int TOKENS_MAX = 4096;

    private final List<String> tokens;
    private int pos;

    private MiniSqlParser(List<String> tokens) {
        this.tokens = tokens;
    }

    static MiniStatement parse(String sql) throws MiniSqlException {
        MiniSqlParser p = new MiniSqlParser(tokenize(sql));
        MiniStatement statement = p.statement();
        p.accept(";");
        if (p.pos != p.tokens.size()) {
            throw p.syntax();
        }
        return statement;
    }

    private MiniStatement statement() throws MiniSqlException {
        String first = next();
        return switch (first) {
            case "begin" -> {
                acceptEither("transaction", "work");
                yield new MiniStatement.Begin();
            }
            case "start" -> {
                expect("transaction");
                yield new MiniStatement.Begin();
            }
            case "commit", "end" -> {
                acceptEither("transaction", "work");
                yield new MiniStatement.Commit();
            }
            case "rollback", "abort" -> {
                acceptEither("transaction", "work");
                yield new MiniStatement.Rollback();
            }
            case "set" -> setIsolation();
            case "drop" -> {
                expect("table");
                boolean ifExists = accept("if");
                if (ifExists) {
                    expect("exists");
                }
                table();
                yield new MiniStatement.DropTable(ifExists);
            }
            case "create" -> createTable();
            case "insert" -> insert();
            case "select" -> {
                expect("*");
                expect("from");
                table();
                yield new MiniStatement.Select(where());
            }
            case "update" -> update();
            case "delete" -> {
                expect("from");
                table();
                yield new MiniStatement.Delete(where());
            }
            default -> throw syntax(first);
        };
    }

    private MiniStatement setIsolation() throws MiniSqlException {
        expect("transaction");
        expect("isolation");
        expect("level");
        String a = next();
        String name = switch (a) {
            case "read" -> "read " + next();
            case "repeatable" -> "repeatable " + next();
            default -> a;
        };
        try {
            return new MiniStatement.SetIsolation(Isolation.named(name));
        } catch (IllegalArgumentException e) {
            throw new MiniSqlException("42601", "unknown isolation level: " + name);
        }
    }

    private MiniStatement createTable() throws MiniSqlException {
        expect("table");
        table();
        for (String word : List.of("(", "id", "int", "primary", "key", ",", "value", "int",
                ")")) {
            expect(word);
        }
        return new MiniStatement.CreateTable();
    }

    private MiniStatement insert() throws MiniSqlException {
        expect("into");
        table();
        if (accept("(")) {
            expect("id");
            expect(",");
            expect("value");
            expect(")");
        }
        expect("values");
        List<MiniStatement.TestRow> rows = new ArrayList<>();
        do {
            expect("(");
            long id = number();
            expect(",");
            long value = number();
            expect(")");
            rows.add(new MiniStatement.TestRow(id, value));
        } while (accept(","));
        return new MiniStatement.Insert(rows);
    }

    private MiniStatement update() throws MiniSqlException {
        table();
        expect("set");
        column("value");
        expect("=");
        MiniStatement.Assignment set;
        if (accept("value")) {
            expect("+");
            set = new MiniStatement.AddTo(number());
        } else {
            set = new MiniStatement.SetTo(number());
        }
        return new MiniStatement.Update(set, where());
    }

    private RowFilter where() throws MiniSqlException {
        if (!accept("where")) {
            return new MiniStatement.All();
        }
        String column = next();
        if (column.equals("id")) {
            if (accept("=")) {
                return new MiniStatement.IdIn(List.of(number()));
            }
            expect("in");
            expect("(");
            List<Long> ids = new ArrayList<>();
            do {
                ids.add(number());
            } while (accept(","));
            expect(")");
            return new MiniStatement.IdIn(ids);
        }
        if (!column.equals("value")) {
            throw new MiniSqlException("42703", "column \"" + column + "\" does not exist");
        }
        if (accept("=")) {
            return new MiniStatement.ValueEquals(number());
        }
        expect("%");
        long divisor = number();
        expect("=");
        long remainder = number();
        if (divisor == 0) {
            throw new MiniSqlException("22012", "division by zero");
        }
        return new MiniStatement.ValueModulo(divisor, remainder);
    }

    private void table() throws MiniSqlException {
        String name = next();
        if (!name.equals("test")) {
            throw new MiniSqlException("42P01", "relation \"" + name + "\" does not exist");
        }
    }

    private void column(String wanted) throws MiniSqlException {
        String name = next();
        if (!name.equals(wanted)) {
            throw new MiniSqlException("42703", "column \"" + name + "\" does not exist");
        }
    }

    private long number() throws MiniSqlException {
        boolean negative = accept("-");
        String t = next();
        if (t.isEmpty() || !Character.isDigit(t.charAt(0))) {
            throw syntax(t);
        }
        try {
            long v = Long.parseLong(t);
            if (v > Integer.MAX_VALUE + (negative ? 1L : 0L)) {
                throw new NumberFormatException();
            }
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw new MiniSqlException("22003", "value \"" + t + "\" is out of range for int");
        }
    }

    private String next() throws MiniSqlException {
        if (pos >= tokens.size()) {
            throw new MiniSqlException("42601", "syntax error at end of input");
        }
        return tokens.get(pos++);
    }

    private boolean accept(String word) {
        if (pos < tokens.size() && tokens.get(pos).equals(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private void acceptEither(String a, String b) {
        if (!accept(a)) {
            accept(b);
        }
    }

    private void expect(String word) throws MiniSqlException {
        if (!accept(word)) {
            throw pos < tokens.size() ? syntax(tokens.get(pos)) : syntax();
        }
    }

    private MiniSqlException syntax() {
        return pos < tokens.size() ? syntax(tokens.get(pos))
                : new MiniSqlException("42601", "syntax error at end of input");
    }

    private static MiniSqlException syntax(String near) {
        return new MiniSqlException("42601", "syntax error at or near \"" + near + "\"");
    }

    /** Words (lower-cased), unsigned integers and one-character symbols. */
    static List<String> tokenize(String sql) throws MiniSqlException {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (Character.isLetter(c) || c == '_') {
                while (i < sql.length()
                        && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
            } else if (Character.isDigit(c)) {
                while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
            } else if ("()*,;=+-%".indexOf(c) >= 0) {
                i++;
            } else {
                throw syntax(String.valueOf(c));
            }
            if (out.size() == TOKENS_MAX) {
                throw new MiniSqlException("54000", "statement longer than " + TOKENS_MAX
                        + " tokens");
            }
            out.add(sql.substring(start, i).toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
