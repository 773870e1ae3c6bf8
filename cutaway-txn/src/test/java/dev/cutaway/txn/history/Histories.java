package dev.cutaway.txn.history;

import java.util.Map;

/** Short spellings for hand-written histories: keys x and y, setup values 10 and 20. */
final class Histories {
    static final long X = 1;
    static final long Y = 2;

    private Histories() {}

    static Op r(long key, long value) {
        return new Op.Read(key, value);
    }

    static Op absent(long key) {
        return new Op.Read(key, null);
    }

    static Op w(long key, long value) {
        return new Op.Write(key, value);
    }

    /** T0, committed first: x = 10, y = 20 (Hermitage's setup rows). */
    static Txn setup() {
        return Txn.committed(0, 0, w(X, 10), w(Y, 20));
    }

    static VersionOrder order(long[] xVersions, long[] yVersions) {
        return VersionOrder.explicit(Map.of(X, xVersions, Y, yVersions));
    }
}
