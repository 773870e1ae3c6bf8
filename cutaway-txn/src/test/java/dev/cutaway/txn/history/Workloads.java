package dev.cutaway.txn.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/** Random transaction scripts, and executors that run them and record the history. */
final class Workloads {
    /** One step of a script: read or write a key. */
    record Step(boolean write, long key) {}

    private Workloads() {}

    static List<List<Step>> scripts(RandomGenerator random, int txns, int keys, int stepsMax) {
        List<List<Step>> scripts = new ArrayList<>();
        for (int t = 0; t < txns; t++) {
            int steps = 1 + random.nextInt(stepsMax);
            List<Step> script = new ArrayList<>();
            for (int s = 0; s < steps; s++) {
                script.add(new Step(random.nextInt(3) == 0, random.nextInt(keys)));
            }
            scripts.add(script);
        }
        return scripts;
    }

    /**
     * The reference: whole transactions applied one after another to a TreeMap (an aborted
     * one, chosen at random, leaves no trace).
     */
    static History serial(List<List<Step>> scripts, RandomGenerator random, int abortPercent) {
        HistoryRecorder recorder = new HistoryRecorder();
        TreeMap<Long, Long> state = new TreeMap<>();
        for (List<Step> script : scripts) {
            long txn = recorder.begin();
            Map<Long, Long> pending = new HashMap<>();
            for (Step step : script) {
                if (step.write()) {
                    long value = recorder.freshValue();
                    pending.put(step.key(), value);
                    recorder.write(txn, step.key(), value);
                } else {
                    Long own = pending.get(step.key());
                    recorder.read(txn, step.key(), own != null ? own : state.get(step.key()));
                }
            }
            if (random.nextInt(100) < abortPercent) {
                recorder.abort(txn);
            } else {
                state.putAll(pending);
                recorder.commit(txn);
            }
        }
        return recorder.history();
    }

    /**
     * Runs the scripts on a {@link ToyStore} with up to {@code concurrency} transactions open
     * at once, picking at random which one takes its next step.
     */
    static History interleaved(List<List<Step>> scripts, ToyStore.Mode mode, int concurrency,
            RandomGenerator random) {
        ToyStore store = new ToyStore(mode);
        List<long[]> open = new ArrayList<>(); // {txn id, script index, next step}
        int started = 0;
        while (started < scripts.size() || !open.isEmpty()) {
            while (open.size() < concurrency && started < scripts.size()) {
                open.add(new long[] {store.begin(), started++, 0});
            }
            int pick = random.nextInt(open.size());
            long[] t = open.get(pick);
            List<Step> script = scripts.get((int) t[1]);
            if (t[2] == script.size()) {
                if (random.nextInt(20) == 0) {
                    store.abort(t[0]);
                } else {
                    store.commit(t[0]);
                }
                open.remove(pick);
                continue;
            }
            Step step = script.get((int) t[2]++);
            if (step.write()) {
                store.write(t[0], step.key());
            } else {
                store.read(t[0], step.key());
            }
        }
        return store.history();
    }
}
