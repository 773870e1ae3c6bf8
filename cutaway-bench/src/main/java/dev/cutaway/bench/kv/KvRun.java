package dev.cutaway.bench.kv;

import dev.cutaway.bench.BenchLine;
import dev.cutaway.bench.RatioLine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the KV workloads over several engines, interleaved so that slow drift of a shared
 * machine (other processes, a busy disk) hits all engines alike: workload W runs on every
 * engine before W+1 starts, and within W the operations are split into {@code --rounds}
 * consecutive slices that alternate between engines (round r starts with engine r mod n).
 * Each engine's slices continue the same workload on its own database; its latencies and
 * counted time add up over the rounds into one result line. {@code readseq} is one scan per
 * engine (one round).
 *
 * <p>Measurement: see {@link TimedLoops} and {@link Tally}. Before the first workload each
 * engine gets an untimed warm-up pass in a scratch directory ({@code --warmup-num} puts, gets
 * and scanned entries), and before each slice an untimed {@code System.gc()}, so that no
 * engine pays for another's garbage.
 *
 * <p>Invariants: (1) each workload prints exactly one {@code bench} line per engine, in the
 * engines' order, then its {@code ratio} lines; (2) all engines run the same operations.
 */
final class KvRun {
    static final String SUITE = "kv";

    private final KvSettings settings;
    private final List<EngineSlot> slots;
    private final Path root;
    private final PrintStream out;
    private final PrintStream log;
    private final TimedLoops loops;

    KvRun(KvSettings settings, List<EngineSlot> slots, Path root, PrintStream out,
            PrintStream log) {
        this.settings = settings;
        this.slots = slots;
        this.root = root;
        this.out = out;
        this.log = log;
        this.loops = new TimedLoops(settings.keyBytes(), settings.valueBytes());
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
        log.println("# done; checksum of values read " + loops.sink());
    }

    private void runWorkload(KvWorkload workload) throws IOException {
        int operations = settings.operations(workload);
        int[] order = keyOrder(workload, operations);
        Map<EngineSlot, Tally> tallies = new LinkedHashMap<>();
        Map<EngineSlot, ValueSource> values = new LinkedHashMap<>();
        for (EngineSlot slot : slots) {
            prepare(slot, workload);
            tallies.put(slot, Tally.timed(operations));
            values.put(slot, new ValueSource(
                    KeyOrder.derive(settings.seed(), 100 + workload.ordinal()),
                    settings.valueBytes()));
        }
        int rounds = workload.kind() == KvWorkload.Kind.READ_SEQUENTIAL ? 1
                : Math.min(settings.rounds(), operations);
        for (int round = 0; round < rounds; round++) {
            int from = (int) ((long) operations * round / rounds);
            int to = (int) ((long) operations * (round + 1) / rounds);
            for (int k = 0; k < slots.size(); k++) {
                EngineSlot slot = slots.get((round + k) % slots.size());
                System.gc(); // untimed: do not bill one engine for another's garbage
                runSlice(slot, workload, from, to, order, values.get(slot), tallies.get(slot));
            }
        }
        if (workload.kind() == KvWorkload.Kind.FILL_SEQUENTIAL
                || workload.kind() == KvWorkload.Kind.FILL_RANDOM) {
            for (EngineSlot slot : slots) {
                slot.keysLoaded(operations); // every fill puts each of 0..operations-1 once
            }
        }
        report(workload, tallies);
    }

    private void runSlice(EngineSlot slot, KvWorkload workload, int from, int to, int[] order,
            ValueSource values, Tally tally) throws IOException {
        BenchEngine engine = slot.engine();
        switch (workload.kind()) {
            case FILL_SEQUENTIAL, FILL_RANDOM, OVERWRITE ->
                    loops.puts(engine, from, to, order, values, tally);
            case READ_RANDOM -> loops.gets(engine, from, to, order, tally);
            case READ_SEQUENTIAL -> loops.scan(engine, tally);
        }
    }

    private void report(KvWorkload workload, Map<EngineSlot, Tally> tallies)
            throws IOException {
        Map<String, BenchLine> results = new LinkedHashMap<>();
        for (Map.Entry<EngineSlot, Tally> e : tallies.entrySet()) {
            EngineSlot slot = e.getKey();
            Tally tally = e.getValue();
            BenchLine line = toLine(workload, slot, tally);
            results.put(slot.name(), line);
            out.println(line.format());
            log.printf("# %s %s: %d ops, counted %d in %.1f s; files %.1f MiB%n",
                    workload.label(), slot.name(), tally.operations, tally.counted(),
                    tally.countedNanos / 1e9, slot.diskBytes() / (1024.0 * 1024.0));
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
            case FILL_SEQUENTIAL, FILL_RANDOM -> {
                slot.openFresh(workload.sync());
                slot.keysLoaded(-1); // unknown until every round of the fill has run
            }
            case OVERWRITE, READ_RANDOM, READ_SEQUENTIAL -> {
                if (slot.keysLoaded() != settings.num()) {
                    log.printf("# %s: loading %d keys (untimed) for %s%n", slot.name(),
                            settings.num(), workload.label());
                    slot.openFresh(false);
                    loops.puts(slot.engine(), 0, settings.num(), null,
                            new ValueSource(KeyOrder.derive(settings.seed(), -1),
                                    settings.valueBytes()),
                            Tally.untimed(settings.num()));
                    slot.keysLoaded(settings.num());
                }
                slot.ensureOpen(workload.sync());
            }
        }
    }

    private BenchLine toLine(KvWorkload workload, EngineSlot slot, Tally tally) {
        Map<String, String> extras = new LinkedHashMap<>();
        extras.put("n", Integer.toString(tally.operations));
        extras.put("sync", slot.openSync() ? "on" : "off");
        extras.put("key_bytes", Integer.toString(settings.keyBytes()));
        extras.put("value_bytes", Integer.toString(settings.valueBytes()));
        return new BenchLine(SUITE, workload.label(), slot.name(), tally.opsPerSecond(),
                tally.samples.percentileMicros(50), tally.samples.percentileMicros(99),
                extras);
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
            loops.puts(scratch.engine(), 0, n, KeyOrder.permutation(n, seed),
                    new ValueSource(seed, settings.valueBytes()), Tally.untimed(n));
            loops.gets(scratch.engine(), 0, n, KeyOrder.uniform(n, n, seed), Tally.untimed(n));
            loops.scan(scratch.engine(), Tally.untimed(n));
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
