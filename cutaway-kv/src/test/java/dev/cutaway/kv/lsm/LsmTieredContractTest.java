package dev.cutaway.kv.lsm;

import dev.cutaway.io.FileSystem;
import dev.cutaway.kv.KvEngine;
import dev.cutaway.kv.KvEngineContract;
import java.io.IOException;
import java.nio.file.Path;

/** The shared conformance suite on the LSM engine with size-tiered compaction and LZ4. */
class LsmTieredContractTest extends KvEngineContract {
    @Override
    protected KvEngine open(FileSystem fs, Path dir) throws IOException {
        return LsmEngine.open(fs, dir,
                LsmEngineContractTest.contractOptions(LsmOptions.CompactionStyle.TIERED)
                        .withCompression(LsmOptions.Compression.LZ4), null, () -> 0);
    }
}
