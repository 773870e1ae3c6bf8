package dev.cutaway.sql.catalog;

/**
 * A CHECK constraint: its name ({@code t_a_check} when not given) and condition as SQL text.
 */
public record CheckDesc(String name, String sql) {}
