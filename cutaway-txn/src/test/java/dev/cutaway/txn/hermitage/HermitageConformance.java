package dev.cutaway.txn.hermitage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Hermitage conformance suite, one subclass per interface that runs SQL (the transaction
 * layer in {@link HermitageTest}; later embedded JDBC and the wire server): every case of
 * shared/isolation/ at every level, each on a fresh database in its own temporary directory,
 * must be classified as PostgreSQL's outcome. Step-level differences from PostgreSQL (the
 * stricter goal) are printed per run, with Hermitage's level × column table at the end
 * ({@link HermitageTable}), but do not fail the suite.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HermitageConformance {

    /** A fresh database for one run, and the sessions on it. */
    public interface Fixture extends AutoCloseable {
        SessionFactory sessions();

        /** Checks the database's invariants after a run that was not an error. */
        default void checkInvariants() {}
    }

    private final HermitageSpec spec;
    private final HermitageRunner runner;
    private final List<RunResult> results = Collections.synchronizedList(new ArrayList<>());

    protected HermitageConformance() {
        try {
            this.spec = HermitageSpec.loadShared();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.runner = runner(spec);
    }

    /** Opens a fresh, empty database in {@code dir} (the runner's setup fills it). */
    protected abstract Fixture open(Path dir) throws Exception;

    /** The runner; override to change the blocking or stuck timeouts. */
    protected HermitageRunner runner(HermitageSpec spec) {
        return HermitageRunner.forSpec(spec);
    }

    /** Every case at every level (public: subclasses live in other packages). */
    public Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (HermitageCase c : spec.cases()) {
            for (String level : spec.levels()) {
                runs.add(Arguments.of(c.id(), level));
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("runs")
    public void classificationMatchesPostgres(String caseId, String level, @TempDir Path dir)
            throws Exception {
        RunResult result;
        try (Fixture fixture = open(dir)) {
            result = runner.run(spec.byId(caseId), level, fixture.sessions());
            results.add(result);
            System.out.println(result.report());
            if (result.classification() != Classification.ERROR) {
                fixture.checkInvariants();
            }
        }
        assertThat(result.classification())
                .as("%s%n  trace:%s", result.report(), result.trace())
                .isEqualTo(result.expected());
    }

    @AfterAll
    public void printTable() {
        System.out.println(getClass().getSimpleName() + "\n"
                + HermitageTable.render(spec, results));
    }
}
