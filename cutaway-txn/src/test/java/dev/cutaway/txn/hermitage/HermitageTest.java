package dev.cutaway.txn.hermitage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.Node;
import dev.cutaway.kv.NodeOptions;
import dev.cutaway.txn.TxnOptions;
import dev.cutaway.txn.TxnStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Hermitage cases of shared/isolation/ against the transaction layer, every case at every
 * level, each on a fresh store on a real on-disk node: the classification (anomaly or
 * prevented) must equal PostgreSQL's. Step-level differences from PostgreSQL (the stricter
 * goal) are printed, with a level × column table at the end, but do not fail the test.
 */
class HermitageTest {
    private static final HermitageSpec SPEC = loadSpec();
    private static final HermitageRunner RUNNER = HermitageRunner.forSpec(SPEC);
    private static final List<RunResult> RESULTS = Collections.synchronizedList(new ArrayList<>());

    private static HermitageSpec loadSpec() {
        try {
            return HermitageSpec.loadShared();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (HermitageCase c : SPEC.cases()) {
            for (String level : SPEC.levels()) {
                runs.add(Arguments.of(c.id(), level));
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("runs")
    void classificationMatchesPostgres(String caseId, String level, @TempDir Path dir)
            throws Exception {
        RunResult result;
        try (Node node = Node.open(new RealFileSystem(), dir, NodeOptions.defaults());
                TxnStore store = TxnStore.open(node, TxnOptions.defaults())) {
            result = RUNNER.run(SPEC.byId(caseId), level, new TxnSessionFactory(store));
            RESULTS.add(result);
            System.out.println(result.report());
            if (result.classification() != Classification.ERROR) {
                store.checkInvariants();
            }
        }
        assertThat(result.classification())
                .as("%s%n  trace:%s", result.report(), result.trace())
                .isEqualTo(result.expected());
    }

    @AfterAll
    static void printTable() {
        System.out.println(HermitageTable.render(SPEC, RESULTS));
    }
}
