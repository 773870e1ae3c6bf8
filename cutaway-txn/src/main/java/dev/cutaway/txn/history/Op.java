package dev.cutaway.txn.history;

/**
 * One operation of a recorded transaction: a {@link Read} of a key (what it observed) or a
 * {@link Write} of a key (the value it installed). Keys and values are plain {@code long}s:
 * the checker needs only identity, and a real engine's rows map onto them by the recorder.
 *
 * <p>Invariant (kept by {@link History}): a value is written to a key at most once in a whole
 * history, so a read's observed value names the one write (and so the one transaction) it saw.
 */
public sealed interface Op permits Op.Read, Op.Write {
    long key();

    /**
     * A read of {@code key} that observed {@code observedValue}, or {@code null} when the key
     * was absent (the initial version: no write yet).
     */
    record Read(long key, Long observedValue) implements Op {
        public boolean observedAbsent() {
            return observedValue == null;
        }

        @Override
        public String toString() {
            return "r(" + key + "=" + (observedValue == null ? "absent" : observedValue) + ")";
        }
    }

    /** A write of {@code value} to {@code key}. */
    record Write(long key, long value) implements Op {
        @Override
        public String toString() {
            return "w(" + key + "=" + value + ")";
        }
    }
}
