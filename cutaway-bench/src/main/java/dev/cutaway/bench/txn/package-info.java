/**
 * {@code cutaway bench txn}: single-key read-modify-write transactions through the transaction
 * layer, at several thread counts and two contention levels, each printed beside the same
 * operations done on the raw KV node (no isolation, no locks), so the line pair shows what
 * MVCC, locking and commit bookkeeping cost per operation.
 */
package dev.cutaway.bench.txn;
