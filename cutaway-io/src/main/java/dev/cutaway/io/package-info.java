/**
 * Cutaway's lowest layer: the {@link dev.cutaway.io.FileSystem} abstraction with a real
 * implementation ({@link dev.cutaway.io.RealFileSystem}) and a fault-injecting in-memory one for
 * crash tests ({@link dev.cutaway.io.FaultyFileSystem}, which fails with
 * {@link dev.cutaway.io.SimulatedCrashException}), CRC32C checksums
 * ({@link dev.cutaway.io.Checksums}) and the exception for corrupt input
 * ({@link dev.cutaway.io.CorruptionException}).
 *
 * <p>Public API: those types. Everything else is package-private.
 */
package dev.cutaway.io;
