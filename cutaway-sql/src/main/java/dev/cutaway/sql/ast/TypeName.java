package dev.cutaway.sql.ast;

import java.util.List;

/**
 * A type as written, kept syntactic (the types package resolves it). PostgreSQL's SQL-standard
 * spellings are normalised to its internal names, so the binder sees one name per type:
 * smallint → int2, integer/int → int4, bigint → int8, real → float4, double precision/float →
 * float8 (float(p) → float4 for p ≤ 24), decimal/numeric → numeric, boolean → bool,
 * character varying/varchar → varchar, character/char → bpchar (char without a length is
 * char(1), as in PostgreSQL: modifiers [1]), time with time zone → timetz,
 * time [without time zone] → time, timestamp with time zone → timestamptz, timestamp
 * [without time zone] → timestamp. Other names (text, date, interval, bytea, serial, bigserial,
 * or unknown ones) are kept as written, lower case. {@code modifiers} are the integers in
 * parentheses: varchar(10) → [10], numeric(10, 2) → [10, 2]. An array type ({@code int[]},
 * {@code int ARRAY}) is named as PostgreSQL names it internally, "_" and the element type's
 * name: "_int4", with the element's modifiers. {@code position} is where the type name starts.
 */
public record TypeName(String name, List<Integer> modifiers, int position) {}
