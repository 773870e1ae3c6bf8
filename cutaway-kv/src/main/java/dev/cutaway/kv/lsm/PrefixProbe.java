package dev.cutaway.kv.lsm;

import dev.cutaway.kv.KeyPrefix;

/**
 * What a range read confined to one key prefix asks tables' prefix bloom filters (ADR 0024):
 * the extractor's name and the prefix's hash. A read [low, high) is confined to prefix P =
 * low[0, n), n = the extractor's length of low, when high <= prefixEnd(P): every key in the
 * range then starts with P, and by the extractor's contract ({@link KeyPrefix}, prefix-closed)
 * has prefix P, so a table whose filter lacks P holds no key of the range.
 *
 * <p>This is how an MVCC point read (the versions of one user key, ADR 0006) skips tables
 * without the KV layer knowing the version-key format.
 */
record PrefixProbe(String name, long hash) {

    /** The probe for [low, high), or null when the range is not confined to one prefix. */
    static PrefixProbe of(KeyPrefix prefix, byte[] low, byte[] high) {
        if (prefix == null || low == null || high == null) {
            return null;
        }
        int n = prefix.lengthOf(low);
        if (n < 0 || !withinPrefix(low, n, high)) {
            return null;
        }
        return new PrefixProbe(prefix.name(), BloomFilter.hash(low, n));
    }

    /**
     * Whether high <= prefixEnd(low[0, n)) (no prefixEnd, all 0xFF or empty: always). Compares
     * in place: prefixEnd is low[0, end - 1) followed by low[end - 1] + 1, where end drops the
     * trailing 0xFF bytes.
     */
    static boolean withinPrefix(byte[] low, int n, byte[] high) {
        int end = n;
        while (end > 0 && low[end - 1] == (byte) 0xFF) {
            end--;
        }
        if (end == 0) {
            return true;
        }
        for (int i = 0; i < end; i++) {
            if (i == high.length) {
                return true;   // high is a proper prefix of prefixEnd
            }
            int h = high[i] & 0xFF;
            int p = (low[i] & 0xFF) + (i == end - 1 ? 1 : 0);
            if (h != p) {
                return h < p;
            }
        }
        return high.length == end;
    }

    /**
     * Whether {@code reader} can be skipped: it has a prefix filter made by this extractor and
     * the filter lacks the prefix. Counts the check in {@code stats}.
     */
    boolean skips(SstReader reader, LsmStats stats) {
        if (reader.filter == null || !name.equals(reader.prefixName)) {
            return false;
        }
        stats.bloomChecks.increment();
        if (BloomFilter.mayContain(reader.filter, hash)) {
            return false;
        }
        stats.bloomUseful.increment();
        return true;
    }
}
