package dev.cutaway.log;

import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileSystem;
import dev.cutaway.io.ForwardingFileSystem;
import java.io.IOException;
import java.io.InterruptedIOException;

/** A file system whose file syncs take at least {@code syncMicros}, like a real disk. */
final class SlowSyncFileSystem extends ForwardingFileSystem {
    private final long syncMicros;

    SlowSyncFileSystem(FileSystem inner, long syncMicros) {
        super(inner);
        this.syncMicros = syncMicros;
    }

    /** Only handles opened for writing sync; read-only ones pass through unchanged. */
    @Override
    public FileHandle open(java.nio.file.Path path, boolean create) throws IOException {
        return new Handle(inner.open(path, create)) {
            @Override
            public void sync() throws IOException {
                try {
                    Thread.sleep(syncMicros / 1000, (int) (syncMicros % 1000) * 1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted during a slow sync");
                }
                super.sync();
            }
        };
    }
}
