package dev.cutaway.kv.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BufferPoolTest {
    private static final int PAGE = 64;

    /** A store in memory: page n holds n in its first byte (unless written). */
    private static final class MemoryStore implements PageStore {
        final Map<Long, byte[]> pages = new HashMap<>();
        int reads;
        int writes;

        @Override
        public void read(long pageId, byte[] page) {
            reads++;
            byte[] stored = pages.get(pageId);
            if (stored != null) {
                System.arraycopy(stored, 0, page, 0, PAGE);
            } else {
                java.util.Arrays.fill(page, (byte) 0);
                page[0] = (byte) pageId;
            }
        }

        @Override
        public void write(long pageId, byte[] page) {
            writes++;
            pages.put(pageId, page.clone());
        }
    }

    @Test
    void holdsTellsWhetherTheStoreHasTheOnlyCopy() throws IOException {
        MemoryStore store = new MemoryStore();
        BufferPool pool = new BufferPool(store, PAGE, 4);
        assertThat(pool.holds(3)).isFalse();
        pool.unpin(pool.pin(3));
        assertThat(pool.holds(3)).isTrue();
        for (long id = 10; id < 14; id++) { // evicts page 3
            pool.unpin(pool.pin(id));
        }
        assertThat(pool.holds(3)).isFalse();
        assertThat(store.reads).isEqualTo(5);
    }

    @Test
    void hitsMissesAndEvictionsAreCounted() throws IOException {
        MemoryStore store = new MemoryStore();
        BufferPool pool = new BufferPool(store, PAGE, 4);
        for (long id = 0; id < 4; id++) {
            pool.unpin(pool.pin(id));
        }
        int f = pool.pin(2);
        assertThat(pool.page(f)[0]).isEqualTo((byte) 2);
        pool.unpin(f);
        pool.unpin(pool.pin(9));
        Map<String, Long> c = pool.counters();
        assertThat(c.get("misses")).isEqualTo(5);
        assertThat(c.get("hits")).isEqualTo(1);
        assertThat(c.get("evictions")).isEqualTo(1);
        assertThat(c.get("frames")).isEqualTo(4);
        assertThat(c.get("frames_pinned")).isZero();
        pool.checkInvariants();
    }

    @Test
    void uncountedPinsTellAMissAndLeaveHitsToTheCaller() throws IOException {
        MemoryStore store = new MemoryStore();
        BufferPool pool = new BufferPool(store, PAGE, 4);
        int missed = pool.pinUncounted(1);
        assertThat(missed & BufferPool.PIN_MISSED).isNotZero();
        int f = missed & ~BufferPool.PIN_MISSED;
        assertThat(pool.page(f)[0]).isEqualTo((byte) 1);
        int hit = pool.pinUncounted(1);
        assertThat(hit).isEqualTo(f);   // a hit: no flag, the same frame
        assertThat(pool.counters().get("hits")).isZero();
        assertThat(pool.counters().get("misses")).isEqualTo(1);
        boolean started = dev.cutaway.kv.ReadEvidence.start();
        try {
            pool.countHits(1);
            long[] mine = dev.cutaway.kv.ReadEvidence.live();
            assertThat(mine[dev.cutaway.kv.ReadEvidence.Counter.BUFFER_HITS.ordinal()])
                    .isEqualTo(1);
        } finally {
            if (started) {
                dev.cutaway.kv.ReadEvidence.stop();
            }
        }
        assertThat(pool.counters().get("hits")).isEqualTo(1);
        pool.unpin(f);
        pool.unpin(f);
        pool.checkInvariants();
    }

    @Test
    void dirtyPagesAreWrittenBackBeforeTheirFrameIsReused() throws IOException {
        MemoryStore store = new MemoryStore();
        BufferPool pool = new BufferPool(store, PAGE, 4);
        int f = pool.pinNew(100);
        pool.latchExclusive(f);
        pool.page(f)[0] = 42;
        pool.markDirty(f);
        pool.unlatchExclusive(f);
        pool.unpin(f);
        assertThat(pool.counters().get("frames_dirty")).isEqualTo(1);
        for (long id = 0; id < 10; id++) {
            pool.unpin(pool.pin(id));
        }
        assertThat(store.pages.get(100L)[0]).isEqualTo((byte) 42);
        assertThat(pool.counters().get("dirty_writes")).isEqualTo(1);
        int again = pool.pin(100);
        assertThat(pool.page(again)[0]).isEqualTo((byte) 42);
        pool.unpin(again);
        pool.checkInvariants();
    }

    @Test
    void everyFramePinnedIsAClearErrorNotAHang() throws IOException {
        BufferPool pool = new BufferPool(new MemoryStore(), PAGE, 4);
        for (long id = 0; id < 4; id++) {
            pool.pin(id);
        }
        assertThatThrownBy(() -> pool.pin(99)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("all 4 frames are pinned");
    }

    @Test
    void flushWritesEveryDirtyFrameOnce() throws IOException {
        MemoryStore store = new MemoryStore();
        BufferPool pool = new BufferPool(store, PAGE, 8);
        for (long id = 0; id < 5; id++) {
            int f = pool.pinNew(id);
            pool.latchExclusive(f);
            pool.page(f)[1] = (byte) (id + 1);
            pool.markDirty(f);
            pool.unlatchExclusive(f);
            pool.unpin(f);
        }
        assertThat(pool.flushDirty()).isEqualTo(5);
        assertThat(pool.flushDirty()).isZero();
        assertThat(store.pages).hasSize(5);
    }

    @Test
    void pageTableBehavesLikeAHashMap() {
        SplittableRandom random = new SplittableRandom(7);
        PageTable table = new PageTable(64);
        Map<Long, Integer> model = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            long id = random.nextInt(200);
            if (model.containsKey(id)) {
                assertThat(table.remove(id)).isEqualTo(model.remove(id));
            } else if (model.size() < 64) {
                int frame = random.nextInt(64);
                table.put(id, frame);
                model.put(id, frame);
            }
            long probe = random.nextInt(200);
            assertThat(table.get(probe)).isEqualTo(model.getOrDefault(probe, -1));
            assertThat(table.size()).isEqualTo(model.size());
        }
    }
}
