package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class MemtableTest {

    @Test
    void behavesLikeASortedMapOfInternalKeys() {
        long seed = LsmModel.seed(42);
        SplittableRandom random = new SplittableRandom(seed);
        Memtable m = new Memtable(0, seed);
        TreeMap<byte[], byte[]> newest = new TreeMap<>(Arrays::compareUnsigned);
        for (int lsn = 1; lsn <= 3000; lsn++) {
            byte[] k = LsmModel.key(random.nextInt(500));
            byte[] v = random.nextInt(5) == 0 ? null : ("v" + lsn).getBytes();
            m.add(k, Sequences.of(lsn, 0), v);
            m.advanceLsn(lsn);
            newest.put(k, v);
        }
        m.checkInvariants();
        for (var e : newest.entrySet()) {
            Memtable.Node n = m.get(e.getKey(), Sequences.MAX);
            assertThat(n).as("seed %d", seed).isNotNull();
            assertThat(n.value).isEqualTo(e.getValue());
        }
        assertThat(m.get(LsmModel.key(999), Sequences.MAX)).isNull();
        MemtableIterator it = new MemtableIterator(m);
        int forward = 0;
        for (it.seekFirst(); it.valid(); it.next()) {
            forward++;
        }
        int backward = 0;
        for (it.seekLast(); it.valid(); it.prev()) {
            backward++;
        }
        assertThat(forward).isEqualTo(3000).isEqualTo(backward);
    }

    @Test
    void readersSeeEachEntryWhileOneWriterAdds() throws Exception {
        Memtable m = new Memtable(0, 9);
        int n = 20_000;
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                results.add(readers.submit(() -> {
                    int checks = 0;
                    while (!done.get()) {
                        long previous = -1;
                        byte[] previousKey = null;
                        for (Memtable.Node x = m.first(); x != null; x = x.next(0)) {
                            assertThat(x.key).isNotNull();
                            if (previousKey != null) {
                                assertThat(Sequences.compare(previousKey, previous, x.key, x.seq))
                                        .isNegative();
                            }
                            previousKey = x.key;
                            previous = x.seq;
                        }
                        checks++;
                    }
                    return checks;
                }));
            }
            for (int i = 0; i < n; i++) {
                m.add(LsmModel.key(i * 7919 % n), Sequences.of(i + 1, 0), new byte[8]);
            }
            done.set(true);
            for (Future<Integer> f : results) {
                assertThat(f.get()).isPositive();
            }
        } finally {
            readers.shutdownNow();
        }
        m.checkInvariants();
    }

    @Test
    void keyFilterHasNoFalseNegativesAndFewFalsePositives() {
        int n = 50_000;
        Memtable m = new Memtable(0, 7, 16L << 20); // about 41 filter bits per key
        for (int i = 0; i < n; i++) {
            m.add(LsmModel.key(2 * i), Sequences.of(i + 1, 0), new byte[4]);
        }
        int falsePositives = 0;
        for (int i = 0; i < n; i++) {
            assertThat(m.mayContain(BloomFilter.hash(LsmModel.key(2 * i)))).isTrue();
            assertThat(m.get(LsmModel.key(2 * i), Sequences.MAX)).isNotNull();
            if (m.mayContain(BloomFilter.hash(LsmModel.key(2 * i + 1)))) {
                falsePositives++;
            }
            assertThat(m.get(LsmModel.key(2 * i + 1), Sequences.MAX)).isNull();
        }
        assertThat(falsePositives).as("false positives of %d absent keys", n).isLessThan(n / 100);
        m.checkInvariants();
    }

    @Test
    void prefixComparisonAgreesWithInternalOrder() {
        long seed = LsmModel.seed(11);
        SplittableRandom random = new SplittableRandom(seed);
        byte[] alphabet = {0, 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF};
        Memtable m = new Memtable(0, seed);
        TreeMap<byte[], Long> model = new TreeMap<>(Arrays::compareUnsigned);
        for (int i = 0; i < 20_000; i++) {
            byte[] a = randomKey(random, alphabet);
            byte[] b = random.nextInt(4) == 0 ? a.clone() : randomKey(random, alphabet);
            long sa = random.nextLong(1, 1000);
            long sb = random.nextLong(1, 1000);
            Memtable.Node node = new Memtable.Node(a, Memtable.prefixWord(a, 0),
                    Memtable.prefixWord(a, 8), sa, null, 1);
            assertThat(Integer.signum(node.compareTo(b, Memtable.prefixWord(b, 0),
                    Memtable.prefixWord(b, 8), sb)))
                    .as("seed %d: %s@%d vs %s@%d", seed, Arrays.toString(a), sa,
                            Arrays.toString(b), sb)
                    .isEqualTo(Integer.signum(Sequences.compare(a, sa, b, sb)));
            if (model.putIfAbsent(a, (long) i + 1) == null) {
                m.add(a, Sequences.of(i + 1, 0), new byte[1]);
            }
        }
        m.checkInvariants();
        Memtable.Node x = m.first();
        for (byte[] k : model.keySet()) {
            assertThat(x.key).as("seed %d", seed).isEqualTo(k);
            assertThat(m.get(k, Sequences.MAX)).isSameAs(x);
            x = x.next(0);
        }
        assertThat(x).isNull();
    }

    private static byte[] randomKey(SplittableRandom random, byte[] alphabet) {
        byte[] k = new byte[random.nextInt(25)];
        for (int j = 0; j < k.length; j++) {
            k[j] = alphabet[random.nextInt(alphabet.length)];
        }
        return k;
    }
}
