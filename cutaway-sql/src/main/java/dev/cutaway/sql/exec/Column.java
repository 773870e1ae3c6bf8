package dev.cutaway.sql.exec;

import dev.cutaway.sql.types.SqlType;

/** A column a plan produces: its output name and type. */
public record Column(String name, SqlType type) {}
