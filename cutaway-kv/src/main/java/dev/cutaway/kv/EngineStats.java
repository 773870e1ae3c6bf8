package dev.cutaway.kv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of an engine's counters: name to value, in a stable order (insertion order), so a
 * system view or an inspect tool can print them as rows. Names carry units last
 * ({@code pages_read}, {@code bytes_written}).
 */
public record EngineStats(String engine, Map<String, Long> counters) {
    public EngineStats {
        counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
    }

    public long get(String name) {
        Long v = counters.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no counter " + name + " in " + engine);
        }
        return v;
    }
}
