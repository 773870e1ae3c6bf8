package dev.cutaway.txn;

import dev.cutaway.kv.Node;
import dev.cutaway.kv.tuple.TupleEncoding;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Which key space of the node holds a user key: user keys starting with a registered prefix
 * live in that prefix's space (a table's rows in the space that table chose); all others in
 * the default space. The mapping is in memory: the SQL catalog owns it durably and registers
 * it again at open, before any transaction touches those keys.
 *
 * <p>Invariant: no registered prefix is a prefix of another, so a key has at most one match,
 * found by one floor lookup. Updates replace the immutable map (copy on write): readers never
 * lock.
 */
final class KeyRouting {
    private volatile NavigableMap<byte[], Integer> prefixes =
            Collections.unmodifiableNavigableMap(new TreeMap<>(Arrays::compareUnsigned));

    synchronized void map(byte[] prefix, int space) {
        if (prefix.length == 0) {
            throw new IllegalArgumentException("empty prefix");
        }
        for (byte[] p : prefixes.keySet()) {
            if (startsWith(p, prefix) || startsWith(prefix, p)) {
                if (Arrays.equals(p, prefix) && prefixes.get(p) == space) {
                    return;
                }
                throw new IllegalArgumentException("prefix overlaps one already mapped");
            }
        }
        TreeMap<byte[], Integer> next = new TreeMap<>(prefixes);
        next.put(prefix.clone(), space);
        prefixes = Collections.unmodifiableNavigableMap(next);
    }

    synchronized void unmap(byte[] prefix) {
        TreeMap<byte[], Integer> next = new TreeMap<>(prefixes);
        next.remove(prefix);
        prefixes = Collections.unmodifiableNavigableMap(next);
    }

    /** The space of {@code userKey}. */
    int spaceOf(byte[] userKey) {
        Map.Entry<byte[], Integer> e = prefixes.floorEntry(userKey);
        return e != null && startsWith(userKey, e.getKey()) ? e.getValue() : Node.DEFAULT_SPACE;
    }

    /**
     * The exclusive end of the range of the prefix holding {@code userKey}, or null when the
     * key is in the default space (a scan from it stays there: mapped prefixes' keys are
     * skipped by the scan's space).
     */
    byte[] prefixEndOf(byte[] userKey) {
        Map.Entry<byte[], Integer> e = prefixes.floorEntry(userKey);
        return e != null && startsWith(userKey, e.getKey())
                ? TupleEncoding.prefixEnd(e.getKey()) : null;
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length
                && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
