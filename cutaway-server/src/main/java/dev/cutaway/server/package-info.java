/**
 * The PostgreSQL wire-protocol server (protocol 3.0), DESIGN.md's interface layer: above sql,
 * beside jdbc and cli; nothing below imports it.
 *
 * <p>Public API: {@link dev.cutaway.server.PgServer#start} with {@link
 * dev.cutaway.server.ServerOptions}. One virtual thread per connection runs a {@link
 * dev.cutaway.server.Connection}: startup and authentication, the simple and extended query
 * protocols over one {@code dev.cutaway.sql.engine.Session}, COPY, cancel. Decoding and
 * encoding of frames live in {@link dev.cutaway.server.FrameReader}, {@link
 * dev.cutaway.server.MessageBody} and {@link dev.cutaway.server.BackendWriter}; binary value
 * formats in {@link dev.cutaway.server.BinaryFormat}. ADR 0019 records the decisions.
 *
 * <p>Invariants: a connection's memory is bounded by {@code ServerOptions.messageBytesMax}
 * (a frame larger than that ends the connection with 08P01 before its body is read); a
 * malformed message ends its own connection, never the server; every connection's session is
 * closed (open transaction rolled back) when its thread ends.
 */
package dev.cutaway.server;
