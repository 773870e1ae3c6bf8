package dev.cutaway.kv.btree;

import dev.cutaway.io.FileSystem;
import dev.cutaway.kv.KvEngine;
import dev.cutaway.kv.KvEngineContract;
import java.io.IOException;
import java.nio.file.Path;

/** The B+tree engine against the engine contract, with a small pool so pages get evicted. */
class BTreeEngineContractTest extends KvEngineContract {
    @Override
    protected KvEngine open(FileSystem fs, Path dir) throws IOException {
        return BTreeEngine.open(fs, dir.resolve("btree.db"),
                BTreeOptions.defaults().withBufferPoolFrames(64));
    }
}
