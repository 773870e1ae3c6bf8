package dev.cutaway.kv.lsm;

import java.util.concurrent.atomic.LongAdder;

/**
 * The engine's counters. Updated from the writer, readers and background jobs without locks;
 * {@link LsmEngine#stats()} derives the amplification ratios (in per-mille, since counters are
 * integers) from them.
 */
final class LsmStats {
    final LongAdder userBytesWritten = new LongAdder();
    final LongAdder batchesApplied = new LongAdder();
    final LongAdder flushes = new LongAdder();
    final LongAdder flushesWaitingForLog = new LongAdder();
    final LongAdder flushBytesWritten = new LongAdder();
    final LongAdder compactions = new LongAdder();
    final LongAdder compactionsTrivialMove = new LongAdder();
    final LongAdder compactionBytesRead = new LongAdder();
    final LongAdder compactionBytesWritten = new LongAdder();
    final LongAdder compactionNanos = new LongAdder();
    final LongAdder tombstonesDropped = new LongAdder();
    final LongAdder versionsDropped = new LongAdder();
    final LongAdder gets = new LongAdder();
    final LongAdder getFilesProbed = new LongAdder();
    final LongAdder getMemtableHits = new LongAdder();
    final LongAdder bloomChecks = new LongAdder();
    final LongAdder bloomUseful = new LongAdder();
    final LongAdder bloomFalsePositives = new LongAdder();
    final LongAdder stallNanos = new LongAdder();
    final LongAdder stalls = new LongAdder();
    final LongAdder slowdownNanos = new LongAdder();
    final LongAdder slowdowns = new LongAdder();
}
