/**
 * The SQL catalog, stored transactionally in the KV store (ADR 0013): relations (tables,
 * views, sequences, index names) as {@link dev.cutaway.sql.catalog.Relation} descriptors
 * (tables carry their foreign keys, {@link dev.cutaway.sql.catalog.ForeignKeyDesc}, and the
 * tables referencing them; ADR 0016)
 * read and written through a transaction ({@link dev.cutaway.sql.catalog.Catalog}), their
 * byte encoding ({@code CatalogCodec}), and sequence values kept outside transactions
 * ({@link dev.cutaway.sql.catalog.Sequences}). Roles ({@link dev.cutaway.sql.catalog.Roles},
 * {@link dev.cutaway.sql.catalog.RoleDesc}) with passwords kept only as
 * {@link dev.cutaway.sql.catalog.ScramVerifier}s (ADR 0020); the wire server reads them to
 * authenticate. Otherwise internal to the SQL layer.
 */
package dev.cutaway.sql.catalog;
