package dev.cutaway.kv.lsm;

import dev.cutaway.kv.EngineStats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns {@link LsmStats} and the current view into an {@link EngineStats} snapshot: files and
 * bytes per level, write amplification ((flush + compaction bytes written) / user bytes), read
 * amplification (tables probed per get), space amplification (all table bytes / bytes of the
 * deepest non-empty level), bloom filter counts, compaction bytes and time, stall time. Ratios
 * are in per-mille because counters are integers.
 */
final class LsmStatsView {
    private LsmStatsView() {}

    static EngineStats snapshot(LsmEngine engine, LsmEngine.View view, VersionSet versions,
            BlockCache cache, CompactionPicker picker) {
        LsmStats s = engine.stats;
        Map<String, Long> c = new LinkedHashMap<>();
        Version v = view.version();
        long total = 0;
        long deepest = 0;
        for (int level = 0; level < v.levelCount(); level++) {
            long bytes = v.levelBytes(level);
            c.put("level" + level + "_files", (long) v.levels[level].length);
            c.put("level" + level + "_bytes", bytes);
            total += bytes;
            if (bytes > 0) {
                deepest = bytes;
            }
        }
        long memtableBytes = view.active().approximateBytes();
        for (Memtable m : view.immutables()) {
            memtableBytes += m.approximateBytes();
        }
        c.put("memtable_bytes", memtableBytes);
        c.put("immutable_memtables", (long) view.immutables().size());
        c.put("applied_lsn", engine.appliedLsn());
        c.put("checkpoint_lsn", versions.checkpointLsn());
        long user = s.userBytesWritten.sum();
        long flushed = s.flushBytesWritten.sum();
        long compacted = s.compactionBytesWritten.sum();
        c.put("user_bytes_written", user);
        c.put("flushes", s.flushes.sum());
        c.put("flushes_waiting_for_log", s.flushesWaitingForLog.sum());
        c.put("flush_bytes_written", flushed);
        c.put("compactions", s.compactions.sum());
        c.put("compactions_trivial_move", s.compactionsTrivialMove.sum());
        c.put("compaction_bytes_read", s.compactionBytesRead.sum());
        c.put("compaction_bytes_written", compacted);
        c.put("compaction_time_micros", s.compactionNanos.sum() / 1000);
        c.put("tombstones_dropped", s.tombstonesDropped.sum());
        c.put("versions_dropped", s.versionsDropped.sum());
        c.put("write_amplification_permille", ratio(flushed + compacted, user));
        long gets = s.gets.sum();
        c.put("gets", gets);
        c.put("get_memtable_hits", s.getMemtableHits.sum());
        c.put("get_files_probed", s.getFilesProbed.sum());
        c.put("read_amplification_permille", ratio(s.getFilesProbed.sum(), gets));
        c.put("space_amplification_permille", ratio(total, deepest));
        c.put("bloom_checks", s.bloomChecks.sum());
        c.put("bloom_useful", s.bloomUseful.sum());
        c.put("bloom_false_positives", s.bloomFalsePositives.sum());
        c.put("block_cache_hits", cache == null ? 0 : cache.hits.sum());
        c.put("block_cache_misses", cache == null ? 0 : cache.misses.sum());
        c.put("block_cache_bytes", cache == null ? 0 : cache.residentBytes());
        c.put("stalls", s.stalls.sum());
        c.put("stall_time_micros", s.stallNanos.sum() / 1000);
        c.put("slowdowns", s.slowdowns.sum());
        c.put("slowdown_time_micros", s.slowdownNanos.sum() / 1000);
        double maxScore = 0;
        for (double score : picker.scores(v)) {
            maxScore = Math.max(maxScore, score);
        }
        c.put("compaction_score_permille", Math.round(maxScore * 1000));
        return new EngineStats("lsm", c);
    }

    private static long ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : Math.round(numerator * 1000.0 / denominator);
    }
}
