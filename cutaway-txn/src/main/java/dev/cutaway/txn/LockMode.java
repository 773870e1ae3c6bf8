package dev.cutaway.txn;

/**
 * Row lock modes. {@link #SHARE} (SELECT … FOR SHARE) is compatible with itself;
 * {@link #EXCLUSIVE} (every write, SELECT … FOR UPDATE) with nothing. A holder may upgrade
 * from SHARE to EXCLUSIVE (it then waits for the other sharers).
 */
public enum LockMode {
    SHARE,
    EXCLUSIVE;

    public boolean compatibleWith(LockMode other) {
        return this == SHARE && other == SHARE;
    }

    /** True if holding {@code this} already gives what {@code wanted} asks for. */
    public boolean covers(LockMode wanted) {
        return this == EXCLUSIVE || wanted == SHARE;
    }
}
