/**
 * SQL types and values with PostgreSQL's semantics: the type system the binder and executor
 * build on. Nothing here knows the AST; callers pass {@link dev.cutaway.sql.types.SqlType}s and
 * Java values.
 *
 * <h2>Public API</h2>
 * <ul>
 *   <li>{@link dev.cutaway.sql.types.SqlType} (with {@link dev.cutaway.sql.types.TypeId}):
 *       type plus modifiers, PostgreSQL OIDs, typmods and display names;
 *       {@link dev.cutaway.sql.types.TypeNames#resolve} maps SQL type names to types;
 *       {@link dev.cutaway.sql.types.Literals} types constants as PostgreSQL does.</li>
 *   <li>{@link dev.cutaway.sql.types.ValueText}: text input and output of every type (what
 *       psql and sqllogictest show, what the wire protocol's text format carries).</li>
 *   <li>{@link dev.cutaway.sql.types.Casts}: cast rules per
 *       {@link dev.cutaway.sql.types.CastContext} and cast evaluation.</li>
 *   <li>{@link dev.cutaway.sql.types.Operators#resolveBinary} /
 *       {@link dev.cutaway.sql.types.Operators#resolveUnary} give a
 *       {@link dev.cutaway.sql.types.BoundOperator}; {@link
 *       dev.cutaway.sql.types.Functions#resolve} a {@link dev.cutaway.sql.types.BoundFunction}.
 *       Both convert their arguments themselves and take an
 *       {@link dev.cutaway.sql.types.EvalContext} (session zone, clock, seeded random).</li>
 *   <li>{@link dev.cutaway.sql.types.Conditionals}: common type of UNION/CASE/COALESCE inputs
 *       and the COALESCE/NULLIF/GREATEST/LEAST helpers; {@link dev.cutaway.sql.types.Logic}:
 *       three-valued AND/OR/NOT, IS DISTINCT FROM, BETWEEN; {@link
 *       dev.cutaway.sql.types.LikeMatcher}: LIKE/ILIKE with ESCAPE (regular-expression
 *       operators {@code ~ ~* !~ !~*} and the pg_catalog helper functions client catalog
 *       queries call are registered with the other operators and functions);
 *       {@link dev.cutaway.sql.types.ValueOrder}: SQL order, equality and hashing;
 *       {@link dev.cutaway.sql.types.AggregateTypes}: aggregate result types.</li>
 *   <li>{@link dev.cutaway.sql.types.RowCodec} (row values as KV values) and
 *       {@link dev.cutaway.sql.types.KeyEncoding} (order-preserving keys).</li>
 * </ul>
 *
 * <h2>Java representation of values</h2>
 * SQL NULL is Java {@code null} for every type. Otherwise:
 * <pre>
 *   smallint Short        integer Integer      bigint Long        numeric BigDecimal
 *   real Float            double precision Double
 *   text, varchar, char, unknown   String (char(n) values are stored padded to n)
 *   boolean Boolean       date LocalDate       time LocalTime     timestamp LocalDateTime
 *   timestamptz Instant (an absolute time; the session ZoneId is applied on input, output,
 *                        and calendar arithmetic)
 *   interval {@link dev.cutaway.sql.types.Interval}(months, days, micros)
 *   bytea {@link dev.cutaway.sql.types.Bytea} (immutable, compared by content)
 * </pre>
 * Times are microsecond-precise (nanoseconds are always a multiple of 1000). Not
 * representable, and refused with a SQLSTATE: numeric NaN/Infinity, date and timestamp
 * infinity, time 24:00:00, time with time zone.
 *
 * <p>Decisions and alternatives: {@code docs/adr/0010-sql-types-and-values.md}.
 */
package dev.cutaway.sql.types;
