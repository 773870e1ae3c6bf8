package dev.cutaway.io;

import java.io.IOException;

/**
 * Thrown by {@link FaultyFileSystem} and its handles once a simulated crash has happened: either
 * the operation budget set by {@link FaultyFileSystem#crashAfterOperations(long)} ran out, or
 * {@link FaultyFileSystem#crash(FaultyFileSystem.CrashMode)} turned the instance into a wreck.
 * Code under test sees it as an ordinary I/O failure; a crash test catches it, takes the
 * post-crash image and recovers from that.
 */
public final class SimulatedCrashException extends IOException {
    public SimulatedCrashException(String message) {
        super(message);
    }
}
