package dev.cutaway.cli.sql;

import dev.cutaway.sql.catalog.ColumnDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.engine.Database;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion for the shell: meta commands after a backslash at the start of a line; else
 * SQL keywords, relation names and column names from the catalog (read fresh at each Tab, so
 * a table created a moment ago completes). Keywords complete in the case the user started
 * typing them in (psql's COMP_KEYWORD_CASE preserve-lower); names complete as stored.
 */
public final class SqlCompleter implements Completer {
    static final List<String> KEYWORDS = List.of("ABORT", "ALL", "ALTER", "ANALYZE", "AND",
            "AS", "ASC", "BEGIN", "BETWEEN", "BIGINT", "BOOLEAN", "BY", "CASE", "CAST",
            "CHECK", "COMMIT", "CONSTRAINT", "COUNT", "CREATE", "CROSS", "DATE", "DEFAULT",
            "DELETE", "DESC", "DISTINCT", "DROP", "ELSE", "END", "EXCEPT", "EXISTS", "EXPLAIN",
            "FALSE", "FETCH", "FIRST", "FOREIGN", "FROM", "FULL", "GROUP", "HAVING", "IF",
            "ILIKE", "IN", "INDEX", "INNER", "INSERT", "INTEGER", "INTERSECT", "INTERVAL", "INTO",
            "IS", "ISOLATION", "JOIN", "KEY", "LEFT", "LEVEL", "LIKE", "LIMIT", "NOT", "NULL",
            "NUMERIC", "OFFSET", "ON", "OR", "ORDER", "OUTER", "OVER", "PARTITION", "PRIMARY",
            "READ", "REFERENCES", "RELEASE", "REPEATABLE", "RETURNING", "RIGHT", "ROLLBACK",
            "SAVEPOINT", "SELECT", "SEQUENCE", "SERIAL", "SERIALIZABLE", "SET", "SHOW", "TABLE",
            "TEXT", "THEN", "TIMESTAMP", "TRANSACTION", "TRUE", "TRUNCATE", "UNION", "UNIQUE",
            "UPDATE", "USING", "VALUES", "VARCHAR", "VIEW", "WHEN", "WHERE", "WINDOW", "WITH");

    private final Database db;

    public SqlCompleter(Database db) {
        this.db = db;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word().substring(0, line.wordCursor());
        for (String c : candidates(word, line.wordIndex() == 0)) {
            candidates.add(new Candidate(c, c, null, null, null, null, !c.startsWith("\\")));
        }
    }

    /** What may complete {@code prefix}; {@code firstWord} allows meta commands. */
    public List<String> candidates(String prefix, boolean firstWord) {
        TreeSet<String> out = new TreeSet<>();
        if (prefix.startsWith("\\")) {
            if (firstWord) {
                for (String m : MetaCommands.NAMES) {
                    if (m.startsWith(prefix)) {
                        out.add(m);
                    }
                }
            }
            return List.copyOf(out);
        }
        String lower = prefix.toLowerCase(Locale.ROOT);
        boolean upper = !prefix.isEmpty() && Character.isUpperCase(prefix.charAt(0));
        for (String k : KEYWORDS) {
            if (k.toLowerCase(Locale.ROOT).startsWith(lower)) {
                out.add(upper ? k : k.toLowerCase(Locale.ROOT));
            }
        }
        try {
            for (Relation r : Describe.relations(db)) {
                if (r.name().startsWith(lower)) {
                    out.add(r.name());
                }
                if (r instanceof Relation.Table t) {
                    for (ColumnDesc c : t.columns()) {
                        if (c.name().startsWith(lower)) {
                            out.add(c.name());
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // A failed database still completes keywords.
        }
        return List.copyOf(out);
    }
}
