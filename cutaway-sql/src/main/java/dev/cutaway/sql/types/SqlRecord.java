package dev.cutaway.sql.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A composite value: the fields of a {@link TypeId#RECORD} in the order of its type's
 * {@link SqlType#fields()} (what {@code information_schema._pg_expandarray} returns,
 * ADR 0028). SQL NULL fields are Java nulls; equality is by content.
 */
public record SqlRecord(List<Object> values) {
    public SqlRecord {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The value of field {@code index}. */
    public Object get(int index) {
        return values.get(index);
    }
}
