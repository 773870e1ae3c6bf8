/**
 * The transaction layer (DESIGN.md "txn: timestamp MVCC"): hybrid logical clock timestamps,
 * versioned keys (user key, commit timestamp descending) over a {@code KvEngine}, and — as
 * issue 4 proceeds — intents and row locks, isolation levels and SSI.
 */
package dev.cutaway.txn;
