package dev.cutaway.io;

import java.io.IOException;
import java.nio.file.Path;

/** A lock taken by {@link FileSystem#lockExclusive(Path)} is held by someone else. */
public final class FileLockedException extends IOException {
    public FileLockedException(Path path) {
        super(path + " is locked: the data directory is in use by another process "
                + "(or is already open in this one)");
    }
}
