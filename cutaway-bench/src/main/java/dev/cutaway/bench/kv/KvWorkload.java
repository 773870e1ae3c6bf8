package dev.cutaway.bench.kv;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The db_bench-style workloads, in the order a full run executes them. A write workload's
 * sync variant is part of its name ({@code fillseq_sync}); reads have none.
 * <ul>
 *   <li>fillseq: a fresh database, keys 0..n-1 put in ascending order.</li>
 *   <li>fillrandom: a fresh database, keys 0..n-1 each put once, in a seeded random order
 *       (a permutation, so that every later read finds its key).</li>
 *   <li>overwrite: n puts of keys drawn uniformly from the {@code --num} keys loaded before,
 *       with new values.</li>
 *   <li>readrandom: n gets of keys drawn uniformly from the loaded keys; every one must
 *       be found.</li>
 *   <li>readseq: one ascending scan over the whole database; each entry is one operation.</li>
 * </ul>
 * Sync=on variants run {@code --sync-num} operations, the others {@code --num}.
 */
enum KvWorkload {
    FILLSEQ_SYNC(Kind.FILL_SEQUENTIAL, true),
    FILLSEQ_NOSYNC(Kind.FILL_SEQUENTIAL, false),
    FILLRANDOM_SYNC(Kind.FILL_RANDOM, true),
    FILLRANDOM_NOSYNC(Kind.FILL_RANDOM, false),
    OVERWRITE_SYNC(Kind.OVERWRITE, true),
    OVERWRITE_NOSYNC(Kind.OVERWRITE, false),
    READRANDOM(Kind.READ_RANDOM, false),
    READSEQ(Kind.READ_SEQUENTIAL, false);

    enum Kind { FILL_SEQUENTIAL, FILL_RANDOM, OVERWRITE, READ_RANDOM, READ_SEQUENTIAL }

    private final Kind kind;
    private final boolean sync;

    KvWorkload(Kind kind, boolean sync) {
        this.kind = kind;
        this.sync = sync;
    }

    Kind kind() {
        return kind;
    }

    /** True when each operation must be durable on return (fsync). */
    boolean sync() {
        return sync;
    }

    boolean writes() {
        return kind == Kind.FILL_SEQUENTIAL || kind == Kind.FILL_RANDOM
                || kind == Kind.OVERWRITE;
    }

    /** The name in result lines and on the command line: {@code fillseq_sync}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a comma list of workload names. A write workload named without its variant
     * ({@code fillseq}) means both ({@code fillseq_sync,fillseq_nosync}); {@code all} means
     * every workload. The result keeps the canonical order above, whatever the order given,
     * so that fills always run before the workloads that read what they wrote.
     */
    static List<KvWorkload> parseList(String text) {
        Set<KvWorkload> chosen = new LinkedHashSet<>();
        for (String raw : text.split(",")) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            List<KvWorkload> matches = new ArrayList<>();
            for (KvWorkload w : values()) {
                if (name.equals("all") || w.label().equals(name)
                        || w.label().equals(name + "_sync")
                        || w.label().equals(name + "_nosync")) {
                    matches.add(w);
                }
            }
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("unknown workload '" + name
                        + "'; known: all, " + String.join(", ", labels()));
            }
            chosen.addAll(matches);
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no workload named in '" + text + "'");
        }
        List<KvWorkload> ordered = new ArrayList<>();
        for (KvWorkload w : values()) {
            if (chosen.contains(w)) {
                ordered.add(w);
            }
        }
        return ordered;
    }

    static List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (KvWorkload w : values()) {
            labels.add(w.label());
        }
        return labels;
    }
}
