package dev.cutaway.txn;

import static dev.cutaway.txn.TxnFixture.key;
import static dev.cutaway.txn.TxnFixture.num;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.NodeOptions;
import dev.cutaway.kv.ReadEvidence;
import dev.cutaway.kv.tuple.TupleEncoding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MVCC point reads on an LSM node skip the SSTables that do not hold the key (ADR 0024): the
 * transaction layer's prefix extractor ({@link VersionKeys#BLOOM_PREFIX}) puts user keys into
 * the tables' bloom filters, and a read of one key's versions asks them.
 */
class PrefixBloomTest {
    @TempDir
    Path dir;

    @Test
    void aPointReadProbesOnlyTheTableHoldingTheKey() throws IOException {
        NodeOptions options = NodeOptions.defaults().withSynchronousCommit(false)
                .withEngine(NodeOptions.EngineKind.LSM);
        try (TxnFixture fx = new TxnFixture(new RealFileSystem(), dir, options,
                TxnOptions.defaults())) {
            // Three level-0 tables whose key ranges all overlap: key k lives in table k % 3.
            for (int round = 0; round < 3; round++) {
                for (long k = round; k < 300; k += 3) {
                    fx.commitPut(k, k * 10);
                }
                fx.node.checkpoint();
            }
            assertThat(fx.node.engine().stats().get("level0_files")).isEqualTo(3);
            ReadEvidence.start();
            long[] evidence;
            try {
                for (long k = 0; k < 300; k += 5) {
                    assertThat(fx.readCommitted(k)).isEqualTo(k * 10);
                }
                evidence = ReadEvidence.snapshot();
            } finally {
                ReadEvidence.stop();
            }
            long reads = 60;
            long skips = evidence[ReadEvidence.Counter.BLOOM_SKIPS.ordinal()];
            long probed = evidence[ReadEvidence.Counter.SSTABLES_PROBED.ordinal()];
            // Each read skips the two other tables (bloom false positives, about 1%, aside).
            assertThat(skips).as("bloom skips").isGreaterThanOrEqualTo(2 * reads - 6);
            assertThat(probed).as("tables probed").isLessThanOrEqualTo(reads + 6)
                    .isGreaterThanOrEqualTo(reads);
            fx.reopen();
            assertThat(fx.readCommitted(7)).isEqualTo(70);
            assertThat(num(fx.node.get(key(7)))).as("no raw key 7").isNull();
        }
    }

    @Test
    void theUserKeyPrefixIsTheVersionsLowBoundOfEveryVersion() {
        long seed = Long.getLong("cutaway.seed", 2024);
        System.out.println("PrefixBloomTest seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 500; i++) {
            byte[] user = new byte[random.nextInt(12)];
            for (int j = 0; j < user.length; j++) {
                user[j] = (byte) (random.nextInt(4) == 0 ? random.nextInt(2) * 0xFF
                        : random.nextInt(256));   // plenty of 00 and FF bytes
            }
            byte[] low = VersionKeys.versionsLow(user);
            byte[] version = VersionKeys.encode(user,
                    new Timestamp(random.nextLong(1L << 50), random.nextInt(1000)));
            assertThat(VersionKeys.userKeyPrefixLength(low)).isEqualTo(low.length);
            assertThat(VersionKeys.userKeyPrefixLength(version)).isEqualTo(low.length);
            assertThat(Arrays.equals(version, 0, low.length, low, 0, low.length)).isTrue();
            assertThat(VersionKeys.userKeyPrefixLength(VersionKeys.versionsHigh(user)))
                    .as("the exclusive high bound has no prefix").isEqualTo(-1);
            // Prefix-closed: whatever follows a whole element, the prefix is that element.
            byte[] longer = Arrays.copyOf(low, low.length + random.nextInt(5));
            assertThat(VersionKeys.userKeyPrefixLength(longer)).isEqualTo(low.length);
        }
        assertThat(VersionKeys.userKeyPrefixLength(TupleEncoding.encode(7L))).isEqualTo(-1);
        assertThat(VersionKeys.userKeyPrefixLength(new byte[] {0x60, 1, 0})).isEqualTo(-1);
        assertThat(VersionKeys.userKeyPrefixLength(new byte[0])).isEqualTo(-1);
    }
}
