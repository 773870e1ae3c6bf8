/**
 * The B+tree storage engine: fixed-size slotted pages in one file, a buffer pool, and
 * copy-on-write shadow paging per checkpoint epoch with a double-buffered meta page
 * (docs/adr/0003-btree-shadow-paging.md).
 *
 * <p>Public API:
 * <ul>
 *   <li>{@link dev.cutaway.kv.btree.BTreeEngine} — {@code open(FileSystem, Path, BTreeOptions)},
 *       a {@link dev.cutaway.kv.KvEngine};</li>
 *   <li>{@link dev.cutaway.kv.btree.BTreeOptions} — page size and buffer pool frames;</li>
 *   <li>{@link dev.cutaway.kv.btree.BTreeChecker} — offline structural check of a file;</li>
 *   <li>{@link dev.cutaway.kv.btree.PageInspector} — {@code cutaway inspect pages FILE}.</li>
 * </ul>
 * Everything else (page layout, tree reader and writer, allocator) is package-private.
 */
package dev.cutaway.kv.btree;
