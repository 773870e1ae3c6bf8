package dev.cutaway.sql.slt;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny in-memory SQL engine for the runner's tests: {@code CREATE TABLE t(a INTEGER, ...)},
 * {@code DROP TABLE t}, {@code INSERT INTO t VALUES(1, 'x', NULL, 2.5)} and {@code SELECT
 * cols|*|count(*) FROM t [ORDER BY col]}. Anything else is a syntax error, as is a name it
 * does not know. {@link #wrong()} gives a variant that answers wrongly in one precise way: the
 * last row of every multi-row result is lost.
 */
class ToyEngine implements SltEngine {
    private static final Pattern CREATE =
            Pattern.compile("(?is)CREATE TABLE (\\w+)\\s*\\((.*)\\)");
    private static final Pattern DROP = Pattern.compile("(?is)DROP TABLE (\\w+)");
    private static final Pattern INSERT =
            Pattern.compile("(?is)INSERT INTO (\\w+) VALUES\\s*\\((.*)\\)");
    private static final Pattern SELECT =
            Pattern.compile("(?is)SELECT\\s+(.+?)\\s+FROM\\s+(\\w+)(?:\\s+ORDER\\s+BY\\s+(\\w+))?");

    private final Map<String, List<String>> columnsByTable = new HashMap<>();
    private final Map<String, List<List<Object>>> rowsByTable = new HashMap<>();
    private final boolean dropsLastRow;
    final List<String> executed = new ArrayList<>();
    boolean closed;

    ToyEngine() {
        this(false);
    }

    private ToyEngine(boolean dropsLastRow) {
        this.dropsLastRow = dropsLastRow;
    }

    static ToyEngine wrong() {
        return new ToyEngine(true);
    }

    @Override
    public void execute(String sql) throws SQLException {
        executed.add(sql);
        Matcher m;
        if ((m = CREATE.matcher(sql)).matches()) {
            String table = m.group(1).toLowerCase(Locale.ROOT);
            if (columnsByTable.containsKey(table)) {
                throw new SQLException("table " + table + " exists");
            }
            List<String> columns = new ArrayList<>();
            for (String def : m.group(2).split(",")) {
                columns.add(def.strip().split("\\s+")[0].toLowerCase(Locale.ROOT));
            }
            columnsByTable.put(table, columns);
            rowsByTable.put(table, new ArrayList<>());
        } else if ((m = DROP.matcher(sql)).matches()) {
            table(m.group(1));
            columnsByTable.remove(m.group(1).toLowerCase(Locale.ROOT));
        } else if ((m = INSERT.matcher(sql)).matches()) {
            String table = table(m.group(1));
            List<Object> row = new ArrayList<>();
            for (String literal : m.group(2).split(",")) {
                row.add(literal(literal.strip()));
            }
            if (row.size() != columnsByTable.get(table).size()) {
                throw new SQLException("wrong number of values");
            }
            rowsByTable.get(table).add(row);
        } else {
            throw new SQLException("syntax error: " + sql);
        }
    }

    @Override
    public SltRows query(String sql) throws SQLException {
        executed.add(sql);
        Matcher m = SELECT.matcher(sql);
        if (!m.matches()) {
            throw new SQLException("syntax error: " + sql);
        }
        String table = table(m.group(2));
        List<String> columns = columnsByTable.get(table);
        List<List<Object>> source = new ArrayList<>(rowsByTable.get(table));
        if (m.group(1).strip().equalsIgnoreCase("count(*)")) {
            return new SltRows(1, List.of(List.of((long) source.size())));
        }
        if (m.group(3) != null) {
            int key = index(columns, m.group(3));
            source.sort(Comparator.comparing((List<Object> r) -> r.get(key),
                    Comparator.nullsFirst(ToyEngine::compareValues)));
        }
        List<Integer> picked = new ArrayList<>();
        for (String c : m.group(1).split(",")) {
            if (c.strip().equals("*")) {
                for (int i = 0; i < columns.size(); i++) {
                    picked.add(i);
                }
            } else {
                picked.add(index(columns, c.strip()));
            }
        }
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : source) {
            out.add(new ArrayList<>(picked.stream().map(row::get).toList()));
        }
        if (dropsLastRow && out.size() > 1) {
            out.removeLast();
        }
        return new SltRows(picked.size(), out);
    }

    @Override
    public void close() {
        closed = true;
    }

    private String table(String name) throws SQLException {
        String table = name.toLowerCase(Locale.ROOT);
        if (!columnsByTable.containsKey(table)) {
            throw new SQLException("no such table: " + name);
        }
        return table;
    }

    private static int index(List<String> columns, String name) throws SQLException {
        int i = columns.indexOf(name.toLowerCase(Locale.ROOT));
        if (i < 0) {
            throw new SQLException("no such column: " + name);
        }
        return i;
    }

    private static Object literal(String text) throws SQLException {
        if (text.equalsIgnoreCase("NULL")) {
            return null;
        }
        if (text.startsWith("'") && text.endsWith("'") && text.length() >= 2) {
            return text.substring(1, text.length() - 1).replace("''", "'");
        }
        try {
            return text.contains(".") ? (Object) Double.parseDouble(text) : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new SQLException("bad literal " + text);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }
}
