package dev.cutaway.kv;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * A prefix extractor for prefix bloom filters (as RocksDB's {@code prefix_extractor}): the
 * layer that owns a key format tells a storage engine which leading bytes of a key name "the
 * same thing", so that a short range over keys sharing one prefix (the MVCC versions of one
 * user key, ADR 0006) can skip tables that hold no key with that prefix (ADR 0024).
 *
 * <p>{@code length.applyAsInt(key)} is the length of the key's prefix, in [0, key.length], or
 * -1 if the key is outside the extractor's domain (it has no prefix; such keys are still found
 * through whole-key filters). Contract, which the engine relies on for correctness:
 * <ol>
 *   <li>Prefix-closed: if {@code length(k) = n >= 0}, every key that starts with
 *       {@code k[0, n)} has prefix length n too. (So the keys in [P, prefixEnd(P)) all have
 *       prefix P, and a table whose filter lacks P holds none of them.)</li>
 *   <li>Deterministic and pure: the same bytes always give the same answer.</li>
 * </ol>
 * {@code name} identifies the function; tables record it and a reader uses a table's prefix
 * filter only when the names match, so a changed function must get a new name. It is printable
 * ASCII of 1 to 64 characters.
 */
public record KeyPrefix(String name, ToIntFunction<byte[]> length) {
    /** Longest name, in bytes. */
    public static final int NAME_BYTES_MAX = 64;

    public KeyPrefix {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(length, "length");
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length < 1 || bytes.length > NAME_BYTES_MAX
                || !name.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException(
                    "prefix extractor name must be 1-64 printable ASCII characters: " + name);
        }
    }

    /** The prefix length of {@code key}, or -1 (out of domain or an invalid answer). */
    public int lengthOf(byte[] key) {
        int n = length.applyAsInt(key);
        return n >= 0 && n <= key.length ? n : -1;
    }
}
