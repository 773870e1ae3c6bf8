package dev.cutaway.check;

/**
 * Our bug: an invariant of a data structure does not hold. Never thrown for bad input from disk
 * or wire (that is a {@code CorruptionException}) or for a user's mistake (a SQLSTATE error).
 */
public final class InvariantViolation extends Error {
    public InvariantViolation(String message) {
        super(message);
    }
}
