package dev.cutaway.bench.kv;

import dev.cutaway.bench.BenchLine;
import dev.cutaway.bench.LatencySamples;
import dev.cutaway.bench.RatioLine;
import dev.cutaway.check.Invariants;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the KV workloads over several engines, interleaved: workload W runs on every engine
 * before W+1 starts, so that slow drift of a shared machine hits all engines alike.
 *
 * <p>Measurement: every operation is timed with {@link System#nanoTime()} into a preallocated
 * {@link LatencySamples}; the first {@link #WARMUP_FRACTION_DIVISOR}th of each workload's
 * operations is run but not counted (warm caches, JIT); throughput is counted operations over
 * the wall time of the counted part. Before the first workload each engine gets an untimed
 * warm-up pass in a scratch directory ({@code --warmup-num} puts, gets and scanned entries).
 *
 * <p>Invariants: (1) each workload prints exactly one {@code bench} line per engine, then its
 * {@code ratio} lines; (2) reads find every key the fills loaded (a miss is a bug of the engine
 * or the harness and stops the run).
 */
final class KvRun {
    static final String SUITE = "kv";
    static final int WARMUP_FRACTION_DIVISOR = 10;

    private final KvSettings settings;
    private final List<EngineSlot> slots;
    private final Path root;
    private final PrintStream out;
    private final PrintStream log;
    private final KeyFormat keys;
    private long sink;

    /** The outcome of one timed loop. */
    record Measurement(int operations, int counted, long countedNanos, LatencySamples samples) {
        long opsPerSecond() {
            return countedNanos == 0 ? 0 : Math.round(counted * 1e9 / countedNanos);
        }
    }

    KvRun(KvSettings settings, List<EngineSlot> slots, Path root, PrintStream out,
            PrintStream log) {
        this.settings = settings;
        this.slots = slots;
        this.root = root;
        this.out = out;
        this.log = log;
        this.keys = new KeyFormat(settings.keyBytes());
    }

    /** Runs {@code workloads} in order on every engine; closes and deletes every database. */
    void run(List<KvWorkload> workloads) throws IOException {
        try {
            for (EngineSlot slot : slots) {
                warmUp(slot);
            }
            for (KvWorkload workload : workloads) {
                runWorkload(workload);
            }
        } catch (IOException | RuntimeException | Error e) {
            closeAll(e);
            throw e;
        }
        closeAll(null);
        log.println("# done; checksum of values read " + sink);
    }

    private void runWorkload(KvWorkload workload) throws IOException {
        int operations = settings.operations(workload);
        int[] order = keyOrder(workload, operations);
        Map<String, BenchLine> results = new LinkedHashMap<>();
        for (EngineSlot slot : slots) {
            prepare(slot, workload);
            System.gc(); // untimed: do not bill one engine for another's garbage
            Measurement m = measure(slot, workload, operations, order);
            BenchLine line = toLine(workload, slot, m);
            results.put(slot.name(), line);
            out.println(line.format());
            out.flush();
            log.printf("# %s %s: %d ops, counted %d in %.1f s; files %.1f MiB%n",
                    workload.label(), slot.name(), m.operations(), m.counted(),
                    m.countedNanos() / 1e9, slot.diskBytes() / (1024.0 * 1024.0));
            log.println("#   counters " + slot.name() + ": " + slot.engine().counters());
        }
        for (RatioLine ratio : ratios(results)) {
            out.println(ratio.format());
        }
        out.flush();
    }

    /** The key sequence of {@code workload}, the same for every engine; null: 0, 1, 2, ... */
    private int[] keyOrder(KvWorkload workload, int operations) {
        long seed = KeyOrder.derive(settings.seed(), workload.ordinal());
        return switch (workload.kind()) {
            case FILL_SEQUENTIAL, READ_SEQUENTIAL -> null;
            case FILL_RANDOM -> KeyOrder.permutation(operations, seed);
            case OVERWRITE, READ_RANDOM -> KeyOrder.uniform(operations, settings.num(), seed);
        };
    }

    /** Brings the engine's database into the state the workload starts from (untimed). */
    private void prepare(EngineSlot slot, KvWorkload workload) throws IOException {
        switch (workload.kind()) {
            case FILL_SEQUENTIAL, FILL_RANDOM -> slot.openFresh(workload.sync());
            case OVERWRITE, READ_RANDOM, READ_SEQUENTIAL -> {
                if (slot.keysLoaded() != settings.num()) {
                    log.printf("# %s: loading %d keys (untimed) for %s%n", slot.name(),
                            settings.num(), workload.label());
                    slot.openFresh(false);
                    putLoop(slot.engine(), settings.num(), null, new ValueSource(
                            KeyOrder.derive(settings.seed(), -1), settings.valueBytes()));
                    slot.keysLoaded(settings.num());
                }
                slot.ensureOpen(workload.sync());
            }
        }
    }

    private Measurement measure(EngineSlot slot, KvWorkload workload, int operations,
            int[] order) throws IOException {
        BenchEngine engine = slot.engine();
        return switch (workload.kind()) {
            case FILL_SEQUENTIAL, FILL_RANDOM -> {
                Measurement m = putLoop(engine, operations, order, values(workload));
                slot.keysLoaded(operations);
                yield m;
            }
            case OVERWRITE -> putLoop(engine, operations, order, values(workload));
            case READ_RANDOM -> getLoop(engine, operations, order);
            case READ_SEQUENTIAL -> scanLoop(engine, Math.toIntExact(slot.keysLoaded()));
        };
    }

    private ValueSource values(KvWorkload workload) {
        return new ValueSource(KeyOrder.derive(settings.seed(), 100 + workload.ordinal()),
                settings.valueBytes());
    }

    /** {@code operations} puts of key {@code order[i]} (or {@code i} when order is null). */
    private Measurement putLoop(BenchEngine engine, int operations, int[] order,
            ValueSource values) throws IOException {
        int skipped = operations / WARMUP_FRACTION_DIVISOR;
        LatencySamples samples = new LatencySamples(operations - skipped);
        long startNanos = System.nanoTime();
        for (int i = 0; i < operations; i++) {
            if (i == skipped) {
                startNanos = System.nanoTime();
            }
            byte[] key = keys.key(order == null ? i : order[i]);
            byte[] value = values.next();
            long beforeNanos = System.nanoTime();
            engine.put(key, value);
            long latencyNanos = System.nanoTime() - beforeNanos;
            if (i >= skipped) {
                samples.record(latencyNanos);
            }
        }
        long countedNanos = System.nanoTime() - startNanos;
        return new Measurement(operations, operations - skipped, countedNanos, samples);
    }

    /** {@code operations} gets of key {@code order[i]}; every key must be found. */
    private Measurement getLoop(BenchEngine engine, int operations, int[] order)
            throws IOException {
        int skipped = operations / WARMUP_FRACTION_DIVISOR;
        LatencySamples samples = new LatencySamples(operations - skipped);
        byte[] key = new byte[settings.keyBytes()];
        long startNanos = System.nanoTime();
        for (int i = 0; i < operations; i++) {
            if (i == skipped) {
                startNanos = System.nanoTime();
            }
            keys.encode(order[i], key);
            long beforeNanos = System.nanoTime();
            byte[] value = engine.get(key);
            long latencyNanos = System.nanoTime() - beforeNanos;
            if (value == null || value.length != settings.valueBytes()) {
                throw Invariants.violation("KvRun.2 readrandom finds every loaded key",
                        engine.name(), order[i], value == null ? -1 : value.length);
            }
            sink += value[0];
            if (i >= skipped) {
                samples.record(latencyNanos);
            }
        }
        long countedNanos = System.nanoTime() - startNanos;
        return new Measurement(operations, operations - skipped, countedNanos, samples);
    }

    /** One ascending scan that must yield exactly {@code expected} entries. */
    private Measurement scanLoop(BenchEngine engine, int expected) throws IOException {
        int skipped = expected / WARMUP_FRACTION_DIVISOR;
        LatencySamples samples = new LatencySamples(expected - skipped);
        int seen = 0;
        long startNanos = System.nanoTime();
        try (BenchEngine.ScanCursor cursor = engine.scanAll()) {
            while (true) {
                if (seen == skipped) {
                    startNanos = System.nanoTime();
                }
                long beforeNanos = System.nanoTime();
                boolean more = cursor.next();
                if (more) {
                    sink += cursor.value().length + cursor.key()[0];
                }
                long latencyNanos = System.nanoTime() - beforeNanos;
                if (!more) {
                    break;
                }
                if (seen >= expected) { // not Invariants.check: no boxing in the timed loop
                    throw Invariants.violation("KvRun.2 readseq sees only loaded keys",
                            engine.name(), seen, expected);
                }
                if (seen >= skipped) {
                    samples.record(latencyNanos);
                }
                seen++;
            }
        }
        long countedNanos = System.nanoTime() - startNanos;
        Invariants.check(seen == expected, "KvRun.2 readseq sees every loaded key",
                engine.name(), seen, expected);
        return new Measurement(expected, expected - skipped, countedNanos, samples);
    }

    private BenchLine toLine(KvWorkload workload, EngineSlot slot, Measurement m) {
        Map<String, String> extras = new LinkedHashMap<>();
        extras.put("n", Integer.toString(m.operations()));
        extras.put("sync", slot.openSync() ? "on" : "off");
        extras.put("key_bytes", Integer.toString(settings.keyBytes()));
        extras.put("value_bytes", Integer.toString(settings.valueBytes()));
        return new BenchLine(SUITE, workload.label(), slot.name(), m.opsPerSecond(),
                m.samples().percentileMicros(50), m.samples().percentileMicros(99), extras);
    }

    /**
     * Ratio lines of one workload: each Cutaway engine against each peer, then later Cutaway
     * engines against earlier ones ({@code cutaway-lsm/cutaway-btree}).
     */
    static List<RatioLine> ratios(Map<String, BenchLine> results) {
        List<BenchLine> ours = results.values().stream()
                .filter(line -> KvEngines.isCutaway(line.engine())).toList();
        List<BenchLine> peers = results.values().stream()
                .filter(line -> !KvEngines.isCutaway(line.engine())).toList();
        List<RatioLine> ratios = new ArrayList<>();
        for (BenchLine left : ours) {
            for (BenchLine right : peers) {
                if (right.opsPerSecond() > 0) {
                    ratios.add(RatioLine.of(left, right));
                }
            }
        }
        for (int i = 1; i < ours.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (ours.get(j).opsPerSecond() > 0) {
                    ratios.add(RatioLine.of(ours.get(i), ours.get(j)));
                }
            }
        }
        return ratios;
    }

    /** Untimed pass in a scratch directory so the JIT has seen this engine's code paths. */
    private void warmUp(EngineSlot slot) throws IOException {
        int n = Math.min(settings.warmupNum(), settings.num());
        if (n == 0) {
            return;
        }
        long startNanos = System.nanoTime();
        EngineSlot scratch = slot.scratch(root.resolve("warmup-" + slot.name()));
        try {
            scratch.openFresh(false);
            long seed = KeyOrder.derive(settings.seed(), -2);
            putLoop(scratch.engine(), n, KeyOrder.permutation(n, seed),
                    new ValueSource(seed, settings.valueBytes()));
            getLoop(scratch.engine(), n, KeyOrder.uniform(n, n, seed));
            scanLoop(scratch.engine(), n);
        } finally {
            scratch.closeAndDelete();
        }
        log.printf("# warm-up %s: %d ops each of put, get, scan in %.1f s%n", slot.name(), n,
                (System.nanoTime() - startNanos) / 1e9);
    }

    private void closeAll(Throwable primary) throws IOException {
        IOException first = null;
        for (EngineSlot slot : slots) {
            try {
                slot.closeAndDelete();
            } catch (IOException | RuntimeException e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else if (first == null) {
                    first = e instanceof IOException io ? io : new IOException(e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
