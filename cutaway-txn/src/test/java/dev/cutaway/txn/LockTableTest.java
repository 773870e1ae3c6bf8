package dev.cutaway.txn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The lock table's hash map of entries and its sorted map of serializable writes. */
class LockTableTest {
    private final LockTable locks = new LockTable(TimeUnit.SECONDS.toNanos(1));

    private static TxnState txn(long id, Isolation isolation) {
        return new TxnState(id, isolation, false, Timestamp.ZERO, 0);
    }

    private static byte[] key(int b) {
        return new byte[] {0x60, (byte) b};
    }

    @Test
    void onlySerializableWritersAreFoundByRangeAndViewsListKeysInOrder() {
        TxnState committed = txn(1, Isolation.READ_COMMITTED);
        TxnState writer = txn(2, Isolation.SERIALIZABLE);
        TxnState sharer = txn(3, Isolation.SERIALIZABLE);
        TxnState reader = txn(4, Isolation.SERIALIZABLE);
        locks.acquire(committed, key(9), LockMode.EXCLUSIVE, 0, false);
        locks.acquire(writer, key(5), LockMode.EXCLUSIVE, 0, false);
        locks.acquire(sharer, key(1), LockMode.SHARE, 0, false);
        locks.acquire(sharer, new byte[] {0x60, 7}, LockMode.SHARE, 0, false);
        locks.acquire(sharer, key(7), LockMode.EXCLUSIVE, 0, false);   // an upgrade
        locks.checkInvariants();
        assertThat(locks.exclusiveHolders(null, null, reader)).containsExactly(writer, sharer);
        assertThat(locks.exclusiveHolders(key(6), key(10), reader)).containsExactly(sharer);
        assertThat(locks.exclusiveHolders(key(0), key(7), writer)).isEmpty();
        assertThat(locks.heldSnapshot()).extracting(h -> (int) h.key()[1])
                .containsExactly(1, 5, 7, 9);
        locks.releaseAll(writer);
        locks.releaseAll(sharer);
        locks.checkInvariants();
        assertThat(locks.exclusiveHolders(null, null, reader)).isEmpty();
        assertThat(locks.size()).isEqualTo(1);
        locks.releaseAll(committed);
        assertThat(locks.size()).isZero();
        locks.checkInvariants();
    }

    @Test
    void aSerializableWriterGrantedAfterWaitingIsFoundByRange() throws Exception {
        TxnState first = txn(1, Isolation.SERIALIZABLE);
        TxnState second = txn(2, Isolation.SERIALIZABLE);
        TxnState reader = txn(3, Isolation.SERIALIZABLE);
        locks.acquire(first, key(5), LockMode.EXCLUSIVE, 0, false);
        CompletableFuture<LockMode> waiting = CompletableFuture.supplyAsync(() ->
                locks.acquire(second, key(5), LockMode.EXCLUSIVE, 0, false));
        while (locks.waitsSnapshot().isEmpty()) {
            Thread.onSpinWait();
        }
        locks.releaseAll(first);
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isNull();
        locks.checkInvariants();
        assertThat(locks.exclusiveHolders(key(5), key(6), reader)).containsExactly(second);
        locks.releaseAll(second);
        locks.checkInvariants();
        assertThat(locks.exclusiveHolders(null, null, reader)).isEmpty();
    }

    /** Row keys of a bulk load: one table prefix, then a big-endian row id counting up. */
    @Test
    void keysOfConsecutiveRowIdsHashApart() {
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        int keys = 200_000;
        for (long id = 0; id < keys; id++) {
            byte[] k = java.nio.ByteBuffer.allocate(13).put((byte) 0x60).putInt(17)
                    .putLong(id).array();
            hashes.add(new LockTable.Key(k).hashCode());
        }
        // Arrays.hashCode gave these keys about 10,000 distinct values; a mixed hash almost none
        // alike (random 32-bit values would collide about 5 times in 200,000).
        assertThat(hashes.size()).isGreaterThan(keys - 100);
        assertThat(new LockTable.Key(key(3)).compareTo(new LockTable.Key(key(200)))).isNegative();
        assertThat(new LockTable.Key(key(3))).isEqualTo(new LockTable.Key(key(3)));
    }
}
