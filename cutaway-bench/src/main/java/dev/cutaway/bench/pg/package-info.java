/**
 * {@code cutaway bench pgbench}: PostgreSQL's own pgbench against Cutaway's wire-protocol
 * server and a private PostgreSQL cluster, in one run, with equal durability.
 *
 * <p>Public API: {@link dev.cutaway.bench.pg.PgbenchCommand} (a subcommand of
 * {@link dev.cutaway.bench.BenchMain}). The rest is package-private:
 * {@link dev.cutaway.bench.pg.PrivatePostgres} (initdb, pg_ctl start and stop in a temp
 * directory, as an unprivileged user), {@link dev.cutaway.bench.pg.PgbenchRun} (one pgbench
 * process and what its report and per-transaction log say).
 *
 * <p>Invariant: every server and temp directory this package creates is stopped and removed
 * when the command ends, normally, by an exception, or by Ctrl-C (a shutdown hook).
 */
package dev.cutaway.bench.pg;
