package dev.cutaway.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Bad input from disk: a checksum mismatch, a truncated structure, a foreign file. Always names
 * the file and the offset (or page, or LSN) and says what is wrong. A corrupt file is input,
 * never an assertion (STYLE.md).
 */
public class CorruptionException extends IOException {
    private final Path file;
    private final long offset;

    public CorruptionException(Path file, long offset, String whatIsWrong) {
        super(file + " at offset " + offset + ": " + whatIsWrong);
        this.file = file;
        this.offset = offset;
    }

    public CorruptionException(Path file, String where, String whatIsWrong) {
        super(file + " " + where + ": " + whatIsWrong);
        this.file = file;
        this.offset = -1;
    }

    public Path file() {
        return file;
    }

    /** Byte offset of the bad data, or -1 where the location is given in the message. */
    public long offset() {
        return offset;
    }
}
