package dev.cutaway.txn;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of the transaction layer for the system views (cutaway.transactions,
 * cutaway.locks), the shell and the benchmarks. Durations are measured with the monotonic
 * clock at the moment the snapshot was taken.
 *
 * @param begun transactions begun since open
 * @param committed transactions committed (read-only ones included)
 * @param rolledBack transactions rolled back, for any reason
 * @param abortsByReason failed operations by {@link TxnException.Reason} name (a failed
 *     operation usually ends its transaction)
 * @param active the transactions open now
 * @param lockWaits who waits for whom, now
 * @param visible the newest commit timestamp readers can see
 * @param oldestSnapshot the oldest snapshot of an active transaction (GC's horizon)
 * @param counters lock and SSI counters: locks.acquired, locks.waits, locks.deadlocks,
 *     locks.timeouts, locks.keys, ssi.conflicts, ssi.failures, ssi.tracked, ssi.sireadKeys
 * @param gc garbage collection progress
 */
public record TxnStats(long begun, long committed, long rolledBack,
        Map<String, Long> abortsByReason, List<ActiveTxn> active, List<LockWait> lockWaits,
        Timestamp visible, Timestamp oldestSnapshot, Map<String, Long> counters,
        VersionGc.Progress gc) {

    /** One open transaction. */
    public record ActiveTxn(long id, Isolation isolation, boolean readOnly, Timestamp snapshot,
            String status, long ageMillis, boolean waiting) {}

    /**
     * One row lock, held ({@code granted}) or waited for: the user key, the transaction, the
     * mode, and for a waiter how long it has waited (0 for a holder: grant times are not
     * kept).
     */
    public record Lock(byte[] key, long txnId, LockMode mode, boolean granted,
            long waitedMillis) {}

    /** One lock wait: {@code waiterId} waits for {@code holderIds} on {@code key}. */
    public record LockWait(long waiterId, byte[] key, LockMode mode, List<Long> holderIds,
            long waitedMillis) {}
}
