package dev.cutaway.kv.lsm;

import dev.cutaway.io.FileSystem;
import dev.cutaway.kv.KvEngine;
import dev.cutaway.kv.KvEngineContract;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The shared engine conformance suite on the LSM engine with leveled compaction and tiny
 * memtables, so that checkpoints produce many tables and compactions. The suite has no log, so
 * nothing is durable except through checkpoint(): the engine is opened with a log that is never
 * durable ({@code logDurableLsn = 0}), which keeps automatic flushes from persisting anything
 * (the WAL rule) and makes a crash return exactly the last checkpoint, as the suite expects.
 */
class LsmEngineContractTest extends KvEngineContract {
    static LsmOptions contractOptions(LsmOptions.CompactionStyle style) {
        return LsmOptions.tiny().withMemtableBytesMax(16 * 1024).withStyle(style);
    }

    @Override
    protected KvEngine open(FileSystem fs, Path dir) throws IOException {
        return LsmEngine.open(fs, dir, contractOptions(LsmOptions.CompactionStyle.LEVELED), null,
                () -> 0);
    }
}
