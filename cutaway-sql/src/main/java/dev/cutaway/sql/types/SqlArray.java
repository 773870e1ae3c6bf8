package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A one-dimensional SQL array value (ADR 0028): its elements (SQL NULL is a Java null
 * element) and the subscript of the first one, {@code lowerBound} (1 unless written
 * {@code '[0:2]={...}'}; int2vector and oidvector count from 0). The element type is the
 * array's {@link SqlType#elementType()}; the value itself does not repeat it.
 *
 * <p>Invariants: (1) elements are immutable and at most {@link #ELEMENTS_MAX}; (2) an empty
 * array has lower bound 1 (PostgreSQL keeps no bounds for it). Equality is by content
 * (record equality); SQL comparison is {@link ValueOrder}'s.
 */
public record SqlArray(int lowerBound, List<Object> elements) {
    /** PostgreSQL's MaxArraySize is larger; this bounds what one value may hold in memory. */
    public static final int ELEMENTS_MAX = 1 << 24;

    public SqlArray {
        if (elements.size() > ELEMENTS_MAX) {
            throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "array size exceeds the"
                    + " maximum allowed (" + ELEMENTS_MAX + ")");
        }
        elements = Collections.unmodifiableList(new ArrayList<>(elements));
        if (elements.isEmpty()) {
            lowerBound = 1;
        }
    }

    /** An array with subscripts from 1. */
    public static SqlArray of(List<Object> elements) {
        return new SqlArray(1, elements);
    }

    /** The number of elements. */
    public int length() {
        return elements.size();
    }

    /** The subscript of the last element ({@code lowerBound - 1} when empty). */
    public int upperBound() {
        return lowerBound + elements.size() - 1;
    }

    /** The element at SQL subscript {@code index}, or null outside the bounds. */
    public Object at(long index) {
        long i = index - lowerBound;
        return i < 0 || i >= elements.size() ? null : elements.get((int) i);
    }

    /**
     * The slice {@code [from:to]} (either bound null for open), clamped to the array's
     * bounds, with subscripts from 1 as PostgreSQL gives a slice.
     */
    public SqlArray slice(Long from, Long to) {
        long lo = Math.max(from == null ? lowerBound : from, lowerBound);
        long hi = Math.min(to == null ? upperBound() : to, upperBound());
        if (lo > hi) {
            return of(List.of());
        }
        return of(elements.subList((int) (lo - lowerBound), (int) (hi - lowerBound + 1)));
    }
}
