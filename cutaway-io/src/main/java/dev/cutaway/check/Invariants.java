package dev.cutaway.check;

import java.util.Arrays;

/**
 * Invariant checks. {@link #check} always runs (keep it cheap); code guarded by
 * {@link #EXPENSIVE} (whole-structure validation) runs when {@code -Dcutaway.invariants=true},
 * which every test run sets. We do not use the {@code assert} keyword: it is off by default.
 */
public final class Invariants {
    /** True when expensive invariant checks are switched on. */
    public static final boolean EXPENSIVE = Boolean.getBoolean("cutaway.invariants");

    private Invariants() {}

    /** Throws {@link InvariantViolation} naming the invariant and the values involved. */
    public static void check(boolean condition, String invariant, Object... values) {
        if (!condition) {
            throw new InvariantViolation(invariant
                    + (values.length == 0 ? "" : " " + Arrays.deepToString(values)));
        }
    }

    public static InvariantViolation violation(String invariant, Object... values) {
        return new InvariantViolation(invariant
                + (values.length == 0 ? "" : " " + Arrays.deepToString(values)));
    }
}
