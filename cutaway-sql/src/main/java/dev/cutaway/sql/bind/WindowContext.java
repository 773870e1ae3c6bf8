package dev.cutaway.sql.bind;

import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * The window calls of one query level. While binding, a call is referenced as a column at
 * {@link #BASE} + its number, since the width of the row the window operator extends is only
 * known once every aggregate is bound; {@link #rebase} then moves the references.
 */
final class WindowContext {
    static final int BASE = 1 << 28;
    final List<Window.Call> calls = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();

    /** Registers a call (reusing an identical one). @return the placeholder column index */
    int add(String text, Window.Call call) {
        int existing = texts.indexOf(text);
        if (existing >= 0) {
            return BASE + existing;
        }
        calls.add(call);
        texts.add(text);
        return BASE + calls.size() - 1;
    }

    /** {@code e} with placeholder references moved to {@code width} + call number. */
    static BoundExpr rebase(BoundExpr e, int width) {
        return BoundExprs.map(e, x -> x instanceof BoundExpr.ColRef c && c.depth() == 0
                && c.index() >= BASE
                ? new BoundExpr.ColRef(0, width + c.index() - BASE, c.type(), c.name()) : null);
    }
}
