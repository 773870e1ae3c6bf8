package dev.cutaway.bench.kv;

import dev.cutaway.kv.NodeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engines {@code bench kv} can run, by result-line name, in default order: Cutaway's own
 * first, then the peers. Every engine gets the same cache budget.
 */
final class KvEngines {
    static final String CUTAWAY_PREFIX = "cutaway-";
    private static final List<String> NAMES = List.of("cutaway-btree", "cutaway-lsm", "mvstore",
            "rocksdb");

    private KvEngines() {}

    static List<String> available() {
        return NAMES;
    }

    static boolean isCutaway(String name) {
        return name.startsWith(CUTAWAY_PREFIX);
    }

    /** Parses {@code --engine}: a comma list of names, or {@code all}. */
    static List<String> parseList(String text) {
        List<String> chosen = new ArrayList<>();
        for (String raw : text.split(",")) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            List<String> names = name.equals("all") ? NAMES : List.of(name);
            for (String n : names) {
                if (!NAMES.contains(n)) {
                    throw new IllegalArgumentException("unknown engine '" + n
                            + "'; available: all, " + String.join(", ", NAMES));
                }
                if (!chosen.contains(n)) {
                    chosen.add(n);
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no engine named in '" + text + "'");
        }
        return chosen;
    }

    /** A closed adapter for {@code name} with a cache of {@code cacheMb} MiB. */
    static BenchEngine create(String name, int cacheMb) {
        return switch (name) {
            case "cutaway-btree" -> new CutawayNodeBenchEngine(NodeOptions.EngineKind.BTREE,
                    cacheMb);
            case "cutaway-lsm" -> new CutawayNodeBenchEngine(NodeOptions.EngineKind.LSM, cacheMb);
            case "mvstore" -> new MvStoreBenchEngine(cacheMb);
            case "rocksdb" -> new RocksDbBenchEngine(cacheMb);
            default -> throw new IllegalArgumentException("unknown engine " + name);
        };
    }
}
