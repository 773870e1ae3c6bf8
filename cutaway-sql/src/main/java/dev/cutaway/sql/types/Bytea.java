package dev.cutaway.sql.types;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A value of SQL type {@code bytea}: an immutable byte string with equality, hashing and
 * ordering by content (unsigned lexicographic, like PostgreSQL's {@code byteacmp}). A Java
 * byte[] has identity equality, which would break grouping, joins and DISTINCT.
 */
public final class Bytea implements Comparable<Bytea> {
    private final byte[] bytes;

    private Bytea(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A bytea holding a copy of {@code bytes}. */
    public static Bytea of(byte[] bytes) {
        return new Bytea(bytes.clone());
    }

    /** A bytea that takes ownership of {@code bytes} (the caller must not change it). */
    static Bytea wrap(byte[] bytes) {
        return new Bytea(bytes);
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** The byte at {@code index}, as 0..255. */
    public int byteAt(int index) {
        return bytes[index] & 0xFF;
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public int compareTo(Bytea other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytea b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** PostgreSQL's hex output, e.g. {@code \x0102}. */
    @Override
    public String toString() {
        return "\\x" + HexFormat.of().formatHex(bytes);
    }
}
