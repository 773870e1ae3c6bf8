package dev.cutaway.txn.hermitage;

import java.util.List;

/**
 * Makes the sessions of one Hermitage run: {@link #setup} runs the spec's setup statements on a
 * separate autocommit connection before the case, then {@link #open} is called once per session
 * name ("T1", "T2", …). A factory is used for one run; the runner does not close it.
 */
public interface SessionFactory {

    /** Runs {@code setupSql} in autocommit mode; any failure fails the run (as an error). */
    void setup(List<String> setupSql) throws Exception;

    /** Opens the session the script calls {@code name}. */
    Session open(String name) throws Exception;
}
