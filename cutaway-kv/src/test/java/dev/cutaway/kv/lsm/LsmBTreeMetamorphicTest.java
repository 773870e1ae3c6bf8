package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.kv.KvEngine;
import dev.cutaway.kv.btree.BTreeEngine;
import dev.cutaway.kv.btree.BTreeOptions;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Metamorphic: the same random batches, checkpoints and reopens on the B+tree and on the LSM
 * engine must give the same answers to the same gets and scans (STYLE.md), without a model.
 */
class LsmBTreeMetamorphicTest {

    @Test
    void bothEnginesAgree() throws Exception {
        long seed = LsmModel.seed(2024);
        FaultyFileSystem fs = new FaultyFileSystem(seed);
        Path btreeFile = Path.of("/db/btree.db");
        Path lsmDir = Path.of("/db/lsm");
        fs.createDirectories(lsmDir);
        SplittableRandom random = new SplittableRandom(seed);
        LsmModel m = new LsmModel(500);
        KvEngine btree = BTreeEngine.open(fs, btreeFile, BTreeOptions.defaults());
        KvEngine lsm = LsmModel.open(fs, lsmDir, LsmOptions.tiny());
        try {
            for (long lsn = 1; lsn <= 3000; lsn++) {
                var batch = m.randomBatch(random);
                btree.apply(batch, lsn);
                lsm.apply(batch, lsn);
                if (lsn % 250 == 0) {
                    btree.checkpoint();
                    lsm.checkpoint();
                }
                if (lsn % 1000 == 0) {
                    btree.close();
                    lsm.close();
                    btree = BTreeEngine.open(fs, btreeFile, BTreeOptions.defaults());
                    lsm = LsmModel.open(fs, lsmDir, LsmOptions.tiny());
                }
                if (lsn % 100 == 0) {
                    byte[] low = LsmModel.key(random.nextInt(500));
                    byte[] high = random.nextBoolean() ? null : LsmModel.key(random.nextInt(500));
                    boolean asc = random.nextBoolean();
                    assertThat(LsmModel.scan(lsm, low, high, asc)).as("seed %d lsn %d", seed, lsn)
                            .isEqualTo(LsmModel.scan(btree, low, high, asc));
                    for (int i = 0; i < 50; i++) {
                        byte[] k = LsmModel.key(random.nextInt(500));
                        assertThat(lsm.get(k)).isEqualTo(btree.get(k));
                    }
                }
            }
            assertThat(LsmModel.scan(lsm, null, null, true))
                    .isEqualTo(LsmModel.scan(btree, null, null, true));
            assertThat(LsmModel.scan(lsm, null, null, false))
                    .isEqualTo(LsmModel.scan(btree, null, null, false));
        } finally {
            btree.close();
            lsm.close();
        }
    }
}
