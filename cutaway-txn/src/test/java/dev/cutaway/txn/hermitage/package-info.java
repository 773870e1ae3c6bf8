/**
 * The Hermitage isolation cases (shared/isolation/, issue 4) as a runner any layer can reuse
 * through cutaway-txn's test-jar.
 *
 * <p>To run the cases over another interface: implement {@link
 * dev.cutaway.txn.hermitage.SessionFactory} (setup on an autocommit connection; one
 * {@link dev.cutaway.txn.hermitage.Session} per script session, in autocommit mode) where
 * {@code execute} maps a query's rows to {@link dev.cutaway.txn.hermitage.Outcome.Rows} (ints
 * as Longs), an update count to {@code Count}, other success to {@code Ok}, and a SQL error to
 * {@code Failed(sqlState, message)} — never an exception; then subclass {@link
 * dev.cutaway.txn.hermitage.HermitageConformance} with a fresh database per run. Or call
 * {@link dev.cutaway.txn.hermitage.HermitageRunner#run} directly and inspect the
 * {@link dev.cutaway.txn.hermitage.RunResult} (classification, observations, step
 * differences).
 *
 * <p>{@link dev.cutaway.txn.hermitage.TxnSessionFactory} runs the scripts on the transaction
 * layer through a tiny interpreter of exactly the statements the cases use.
 */
package dev.cutaway.txn.hermitage;
