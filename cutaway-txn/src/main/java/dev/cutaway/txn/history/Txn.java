package dev.cutaway.txn.history;

import java.util.List;
import java.util.Objects;

/**
 * One transaction of a {@link History}: its id, whether it committed, its operations in the
 * order it issued them, and — when committed — its commit sequence number (the position of its
 * commit among all commits, as the recorder saw them happen).
 *
 * <p>Invariants: (1) a committed transaction has {@code commitSequence >= 0}; an aborted one
 * has {@code commitSequence == NO_COMMIT}; (2) {@code ops} is immutable.
 */
public record Txn(long id, Status status, List<Op> ops, long commitSequence) {
    /** The commit sequence of a transaction that did not commit. */
    public static final long NO_COMMIT = -1;

    /** How the transaction ended. A transaction still running when recording stopped is
     *  {@code ABORTED}: none of its writes was ever installed (Adya treats it the same). */
    public enum Status { COMMITTED, ABORTED }

    public Txn {
        Objects.requireNonNull(status, "status");
        ops = List.copyOf(ops);
        if (status == Status.COMMITTED && commitSequence < 0) {
            throw new IllegalArgumentException(
                    "T" + id + " is committed but has no commit sequence: " + commitSequence);
        }
        if (status == Status.ABORTED && commitSequence != NO_COMMIT) {
            throw new IllegalArgumentException(
                    "T" + id + " is aborted but has commit sequence " + commitSequence);
        }
    }

    /** A committed transaction. */
    public static Txn committed(long id, long commitSequence, Op... ops) {
        return new Txn(id, Status.COMMITTED, List.of(ops), commitSequence);
    }

    /** An aborted transaction. */
    public static Txn aborted(long id, Op... ops) {
        return new Txn(id, Status.ABORTED, List.of(ops), NO_COMMIT);
    }

    public boolean isCommitted() {
        return status == Status.COMMITTED;
    }

    @Override
    public String toString() {
        return "T" + id + (isCommitted() ? " committed #" + commitSequence : " aborted") + " "
                + ops;
    }
}
