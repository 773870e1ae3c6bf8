/**
 * The transaction layer (DESIGN.md "txn: timestamp MVCC"): hybrid logical clock timestamps,
 * versioned keys (user key, commit timestamp descending) over a {@code KvEngine}, and — as
 * issue 4 proceeds — intents and row locks, isolation levels and SSI.
 *
 * <p>Public API so far:
 * <ul>
 *   <li>{@link dev.cutaway.txn.Timestamp} — {@code record Timestamp(long physicalMillis,
 *       int logical) implements Comparable<Timestamp>}, with {@code ZERO}, {@code MAX},
 *       {@code next()}, {@code isAfter}, {@code isBefore}.</li>
 *   <li>{@link dev.cutaway.txn.HybridLogicalClock} — {@code new HybridLogicalClock(Clock,
 *       long maxOffsetMillis)}, {@code now()}, {@code update(Timestamp received)},
 *       {@code last()}, {@code checkInvariants()}; a received timestamp too far ahead throws
 *       {@link dev.cutaway.txn.ClockOffsetException}.</li>
 *   <li>{@link dev.cutaway.txn.VersionKeys} — {@code encode(userKey, commit)},
 *       {@code decode(versionKey)}, {@code timestampOf(versionKey)},
 *       {@code versionsLow/versionsHigh(userKey)} (the range of all versions of a key),
 *       {@code seekAtOrBelow(userKey, readTimestamp)}.</li>
 * </ul>
 */
package dev.cutaway.txn;
