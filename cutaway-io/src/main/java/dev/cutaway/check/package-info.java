/** Invariant checks shared by every layer: {@link dev.cutaway.check.Invariants}. */
package dev.cutaway.check;
