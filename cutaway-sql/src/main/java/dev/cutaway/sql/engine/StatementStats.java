package dev.cutaway.sql.engine;

import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.parse.Lexer;
import dev.cutaway.sql.parse.SqlPrinter;
import dev.cutaway.sql.parse.Token;
import dev.cutaway.sql.parse.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per normalised statement, what its executions cost, in the spirit of PostgreSQL's
 * pg_stat_statements ({@code cutaway.statements}, ADR 0018): calls, total time, rows, and
 * the buffer hits and misses its reads caused (from {@code ReadEvidence}).
 *
 * <p>Normalisation: the statement is printed canonically ({@link SqlPrinter}) and every
 * string and number constant becomes {@code $1, $2, ...} in order, so statements differing
 * only in constants share an entry. Bound: at most {@link #ENTRIES_MAX} entries (PostgreSQL's
 * default {@code pg_stat_statements.max}); statements beyond are counted as dropped, not
 * kept. Thread-safe: counters are {@link LongAdder}s, entries are never removed.
 */
final class StatementStats {
    static final int ENTRIES_MAX = 5000;

    /** One entry as the view shows it. */
    record Row(String query, long calls, long totalNanos, long rows, long bufferHits,
            long bufferMisses) {}

    private static final class Entry {
        final LongAdder calls = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final LongAdder rows = new LongAdder();
        final LongAdder hits = new LongAdder();
        final LongAdder misses = new LongAdder();
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongAdder dropped = new LongAdder();

    /** Adds one execution of the statement whose normalised text is {@code query}. */
    void record(String query, long nanos, long rows, long hits, long misses) {
        Entry e = entries.get(query);
        if (e == null) {
            if (entries.size() >= ENTRIES_MAX) {
                dropped.increment();
                return;
            }
            e = entries.computeIfAbsent(query, q -> new Entry());
        }
        e.calls.increment();
        e.nanos.add(nanos);
        e.rows.add(rows);
        e.hits.add(hits);
        e.misses.add(misses);
    }

    List<Row> rows() {
        List<Row> out = new ArrayList<>();
        entries.forEach((q, e) -> out.add(new Row(q, e.calls.sum(), e.nanos.sum(),
                e.rows.sum(), e.hits.sum(), e.misses.sum())));
        return out;
    }

    long dropped() {
        return dropped.sum();
    }

    /** The canonical text of {@code st} with its constants replaced by $1, $2, ... */
    static String normalise(Statement st) {
        String text = SqlPrinter.print(st);
        StringBuilder b = new StringBuilder();
        int last = 0;
        int n = 0;
        try {
            for (Token t : Lexer.tokenize(text)) {
                if (t.kind() == TokenKind.STRING || t.kind() == TokenKind.INTEGER
                        || t.kind() == TokenKind.DECIMAL) {
                    b.append(text, last, t.position() - 1).append('$').append(++n);
                    last = t.end();
                }
            }
        } catch (RuntimeException e) {
            return text;   // the printer's output always lexes; if not, keep it whole
        }
        return b.append(text, last, text.length()).toString();
    }
}
