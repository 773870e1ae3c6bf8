package dev.cutaway.sql.types;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What evaluating an expression may depend on besides its arguments: the session time zone
 * (timestamptz input, output and arithmetic), a clock (now(), current_date: the caller decides
 * whether it is fixed for the transaction, as PostgreSQL's now() is) and a seeded random
 * generator (random()), and the catalog the pg_catalog helper functions describe ({@link
 * CatalogLookup#NONE} unless the engine gives the statement's). Everything injected, nothing
 * read from the environment.
 */
public record EvalContext(ZoneId zone, Clock clock, RandomGenerator random,
        CatalogLookup catalog) {
    public EvalContext {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(catalog, "catalog");
    }

    /** A context without catalog objects. */
    public EvalContext(ZoneId zone, Clock clock, RandomGenerator random) {
        this(zone, clock, random, CatalogLookup.NONE);
    }

    /** The same context describing {@code lookup}'s catalog. */
    public EvalContext withCatalog(CatalogLookup lookup) {
        return new EvalContext(zone, clock, random, lookup);
    }

    /** UTC, the given clock and random generator. */
    public static EvalContext utc(Clock clock, RandomGenerator random) {
        return new EvalContext(ZoneOffset.UTC, clock, random);
    }
}
