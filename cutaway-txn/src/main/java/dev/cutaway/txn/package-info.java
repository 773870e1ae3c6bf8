/**
 * The transaction layer (DESIGN.md "txn: timestamp MVCC"; ADR 0006 and ADR 0011): versioned
 * keys (user key, commit timestamp descending) over a node's {@code KvEngine}, snapshots from a
 * hybrid logical clock, write sets made visible to other writers as row locks, one-phase commit
 * (one log record per transaction; log parts closed by one commit record for a transaction
 * larger than a record, ADR 0029), PostgreSQL's isolation levels with SSI for serializable,
 * deadlock detection, and garbage collection of old versions.
 *
 * <p>Public API:
 * <ul>
 *   <li>{@link dev.cutaway.txn.TxnStore} — {@code nodeOptions(NodeOptions)} (what to open the
 *       node with: the MVCC prefix extractor for LSM bloom filters, ADR 0024),
 *       {@code open(Node, TxnOptions)}, {@code begin(Isolation
 *       [, readOnly])}, {@code collectGarbage()}, {@code stats()} ({@link
 *       dev.cutaway.txn.TxnStats}: active transactions and snapshots, lock waits, aborts by
 *       reason, lock/SSI counters, GC progress), {@code visibleTimestamp()}.</li>
 *   <li>{@link dev.cutaway.txn.Transaction} — {@code get}, {@code scan(low, high, ascending)},
 *       {@code put}, {@code delete}, {@code insert} (23505 on a live key), {@code lock(key,
 *       LockMode, nowait)} / {@code getForUpdate} / {@code getForShare}, {@code newStatement()}
 *       (read committed: fresh snapshot), savepoints, {@code commit()}, {@code rollback()}.
 *       Conflicts raise {@link dev.cutaway.txn.TxnException} with PostgreSQL's SQLSTATE
 *       (40001, 40P01, 55P03, 23505, 25006, 54000 past the write-set bound).</li>
 *   <li>{@link dev.cutaway.txn.Isolation}, {@link dev.cutaway.txn.LockMode},
 *       {@link dev.cutaway.txn.TxnOptions} (clock, lock timeout, deadlock check interval,
 *       background GC, write-set bound, commit part size).</li>
 *   <li>{@link dev.cutaway.txn.Timestamp}, {@link dev.cutaway.txn.HybridLogicalClock},
 *       {@link dev.cutaway.txn.VersionKeys} — the timestamp and key formats of ADR 0006, and
 *       {@code VersionKeys.BLOOM_PREFIX}, the user-key prefix extractor (ADR 0024).</li>
 *   <li>{@code dev.cutaway.txn.history} — the Adya history checker used by the tests.</li>
 * </ul>
 */
package dev.cutaway.txn;
