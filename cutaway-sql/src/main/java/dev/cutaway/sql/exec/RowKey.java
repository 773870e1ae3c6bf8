package dev.cutaway.sql.exec;

import dev.cutaway.sql.types.TypeId;
import dev.cutaway.sql.types.ValueOrder;
import java.util.Arrays;

/**
 * A row (or a part of one) as a hash-map key with SQL equality per column type: GROUP BY,
 * DISTINCT, set operations and hash joins use it. Two NULLs are equal here (grouping
 * semantics, "not distinct"); hash joins drop NULL keys before they get here.
 */
public final class RowKey {
    private final Object[] values;
    private final TypeId[] types;
    private final int hash;

    public RowKey(Object[] values, TypeId[] types) {
        this.values = values;
        this.types = types;
        int h = 1;
        for (int i = 0; i < values.length; i++) {
            h = 31 * h + (values[i] == null ? 0 : ValueOrder.hash(values[i], types[i]));
        }
        this.hash = h;
    }

    public Object[] values() {
        return values;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RowKey k) || k.hash != hash || k.values.length != values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            Object a = values[i];
            Object b = k.values[i];
            if (a == null || b == null) {
                if (a != b) {
                    return false;
                }
            } else if (!ValueOrder.equal(a, b, types[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
