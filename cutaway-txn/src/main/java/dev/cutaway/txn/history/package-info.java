/**
 * A transaction history checker (issue 4): record what concurrent transactions read and wrote,
 * build Adya's direct serialization graph, and name the anomalies it shows — G0, G1a, G1b,
 * G1c, G-single, G2 (and garbage reads) — each with a witness a student can read; then say
 * which of them an isolation level forbids, as PostgreSQL behaves.
 *
 * <p>Public API:
 * <ul>
 *   <li>{@link dev.cutaway.txn.history.HistoryRecorder} — thread-safe: {@code long begin()},
 *       {@code long freshValue()}, {@code read(txnId, key, Long observedValueOrNull)},
 *       {@code write(txnId, key, value)}, {@code commit(txnId)}, {@code abort(txnId)},
 *       {@code History history()}.</li>
 *   <li>{@link dev.cutaway.txn.history.History} of {@link dev.cutaway.txn.history.Txn}
 *       ({@code id, status, ops, commitSequence}; {@code Txn.committed(...)},
 *       {@code Txn.aborted(...)}) and {@link dev.cutaway.txn.history.Op}
 *       ({@code Op.Read(key, Long observedValue)}, {@code Op.Write(key, value)}).</li>
 *   <li>{@link dev.cutaway.txn.history.VersionOrder} — {@code fromCommitOrder(history)} or
 *       {@code explicit(Map<Long, long[]>)}.</li>
 *   <li>{@link dev.cutaway.txn.history.HistoryChecker} — {@code check(history[, order])}
 *       returning {@link dev.cutaway.txn.history.CheckResult}, and
 *       {@code violations(history[, order], IsolationLevel)}.</li>
 *   <li>{@link dev.cutaway.txn.history.Anomaly} ({@code kind, cycle, detail}),
 *       {@link dev.cutaway.txn.history.AnomalyKind}, {@link dev.cutaway.txn.history.Edge},
 *       {@link dev.cutaway.txn.history.IsolationLevel} ({@code named("READ COMMITTED")},
 *       {@code allows(kind)}).</li>
 * </ul>
 */
package dev.cutaway.txn.history;
