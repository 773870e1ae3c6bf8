package dev.cutaway.kv.lsm;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live SSTable: its manifest metadata, its open reader, and the number of {@link Version}s
 * that list it. When the last such version is released the table is obsolete: its reader is
 * closed and its file deleted ({@link VersionSet#release}). So compaction never deletes a file
 * under an open cursor or a running get.
 */
final class Table {
    final SstMeta meta;
    final SstReader reader;
    final AtomicInteger versionRefs = new AtomicInteger();

    Table(SstMeta meta, SstReader reader) {
        this.meta = meta;
        this.reader = reader;
    }

    long number() {
        return meta.number();
    }

    @Override
    public String toString() {
        return meta.toString();
    }
}
