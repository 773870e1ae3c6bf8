/**
 * Order-preserving tuple encoding: {@link dev.cutaway.kv.tuple.TupleEncoding} turns a tuple of
 * typed values (null, boolean, long, double, string, bytes, each ascending or descending) into
 * a byte[] key whose unsigned order is the tuple order, and back. SQL rows, index entries and
 * MVCC versions are all built on it. Public API: {@code TupleEncoding.encode}, {@code decode},
 * {@code compare}, {@code descending}, {@code prefixEnd}, and the record
 * {@code TupleEncoding.Descending}.
 */
package dev.cutaway.kv.tuple;
