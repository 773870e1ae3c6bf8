package dev.cutaway.txn.history;

/**
 * An edge of the direct serialization graph between two committed transactions (by id),
 * caused by {@code key}:
 * <ul>
 *   <li>{@link Kind#WW} write-depends: {@code to} installed the version of {@code key} right
 *       after the one {@code from} installed;</li>
 *   <li>{@link Kind#WR} read-depends: {@code to} read a version {@code from} wrote;</li>
 *   <li>{@link Kind#RW} anti-depends: {@code from} read a version of {@code key} and {@code to}
 *       installed the next one (so {@code from} must come first in any serial order).</li>
 * </ul>
 */
public record Edge(long from, long to, Kind kind, long key) {
    public enum Kind {
        WW, WR, RW;

        int bit() {
            return 1 << ordinal();
        }
    }

    @Override
    public String toString() {
        return "T" + from + " -" + kind.name().toLowerCase(java.util.Locale.ROOT)
                + "(key " + key + ")-> T" + to;
    }
}
