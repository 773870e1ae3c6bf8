package dev.cutaway.txn.history;

/**
 * The phenomena the checker reports (Adya, "Weak Consistency", 1999, chapter 3), plus one that
 * is always an engine bug. The cycle phenomena nest: a G0 cycle is also a G1c cycle, and a
 * G-single cycle is also a G2 cycle; the checker reports each cycle under the most specific
 * name (see {@link HistoryChecker}).
 */
public enum AnomalyKind {
    /** A committed read observed a value no transaction ever wrote to that key. */
    GARBAGE_READ("garbage read"),
    /** Write cycle: a cycle of ww edges only (dirty write). */
    G0("G0 write cycle"),
    /** Aborted read: a committed transaction read a value written by an aborted one. */
    G1A("G1a aborted read"),
    /** Intermediate read: a committed transaction read a value its writer later overwrote. */
    G1B("G1b intermediate read"),
    /** Circular information flow: a cycle of ww and wr edges with at least one wr edge. */
    G1C("G1c circular information flow"),
    /** Single anti-dependency cycle: exactly one rw edge (read skew, lost update). */
    G_SINGLE("G-single anti-dependency cycle"),
    /** Anti-dependency cycle with two or more rw edges and no cycle with exactly one
     *  (write skew, the read-only anomaly). */
    G2("G2 anti-dependency cycle");

    private final String title;

    AnomalyKind(String title) {
        this.title = title;
    }

    /** A short human name, e.g. "G1b intermediate read". */
    public String title() {
        return title;
    }
}
