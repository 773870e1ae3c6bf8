package dev.cutaway.log;

import dev.cutaway.check.Invariants;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An atomic group of KV mutations: all of it is applied, or none (after a crash). It is the
 * payload of one {@link LogRecord.Batch} record. Each mutation names the key space (the engine
 * instance, e.g. one table) it belongs to; space 0 is the default space.
 *
 * <p>Invariants: (1) a key is never null; (2) a put's value is never null, a delete has none;
 * (3) sizes stay within {@link #KEY_BYTES_MAX} and {@link #VALUE_BYTES_MAX}.
 */
public final class WriteBatch {
    /** Largest key accepted, in bytes. */
    public static final int KEY_BYTES_MAX = 2048;
    /** Largest value accepted, in bytes (values beyond a page go to overflow pages). */
    public static final int VALUE_BYTES_MAX = 16 * 1024 * 1024;

    /** One put (value present) or delete (value null) of {@code key} in {@code space}. */
    public record Mutation(int space, byte[] key, byte[] value) {
        public boolean isDelete() {
            return value == null;
        }
    }

    private final List<Mutation> mutations = new ArrayList<>();
    private long payloadBytes;

    public WriteBatch put(byte[] key, byte[] value) {
        return put(0, key, value);
    }

    public WriteBatch put(int space, byte[] key, byte[] value) {
        checkKey(key);
        if (value == null) {
            throw new IllegalArgumentException("value is null; use delete()");
        }
        if (value.length > VALUE_BYTES_MAX) {
            throw new IllegalArgumentException("value of " + value.length
                    + " bytes exceeds the limit of " + VALUE_BYTES_MAX);
        }
        mutations.add(new Mutation(space, key, value));
        payloadBytes += key.length + value.length;
        return this;
    }

    public WriteBatch delete(byte[] key) {
        return delete(0, key);
    }

    public WriteBatch delete(int space, byte[] key) {
        checkKey(key);
        mutations.add(new Mutation(space, key, null));
        payloadBytes += key.length;
        return this;
    }

    private static void checkKey(byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException("key is null");
        }
        if (key.length > KEY_BYTES_MAX) {
            throw new IllegalArgumentException("key of " + key.length
                    + " bytes exceeds the limit of " + KEY_BYTES_MAX);
        }
    }

    /** Adds an already-validated mutation (used when decoding a log record). */
    WriteBatch add(Mutation m) {
        Invariants.check(m.key() != null, "WriteBatch.1 key not null");
        mutations.add(m);
        payloadBytes += m.key().length + (m.value() == null ? 0 : m.value().length);
        return this;
    }

    public List<Mutation> mutations() {
        return Collections.unmodifiableList(mutations);
    }

    public int size() {
        return mutations.size();
    }

    public boolean isEmpty() {
        return mutations.isEmpty();
    }

    /** Sum of key and value lengths, a measure for bounds and stats. */
    public long payloadBytes() {
        return payloadBytes;
    }
}
