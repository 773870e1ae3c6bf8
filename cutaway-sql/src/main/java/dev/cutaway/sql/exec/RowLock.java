package dev.cutaway.sql.exec;

import dev.cutaway.txn.LockMode;

/**
 * The row locks a locking read takes ({@code SELECT ... FOR UPDATE | FOR SHARE}): the mode,
 * and whether to fail at once with 55P03 instead of waiting ({@code NOWAIT}).
 */
public record RowLock(LockMode mode, boolean nowait) {}
