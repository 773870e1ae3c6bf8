package dev.cutaway.txn.hermitage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.Node;
import dev.cutaway.kv.NodeOptions;
import dev.cutaway.txn.TxnOptions;
import dev.cutaway.txn.TxnStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transaction-layer sessions behave as PostgreSQL connections where the cases rely on it:
 * autocommit, the snapshot taken at the first statement, a failed block answering 25P02 until
 * it ends, SET TRANSACTION only before the first query.
 */
class TxnSessionTest {
    private static final Outcome OK = new Outcome.Ok();

    @TempDir
    Path dir;
    private Node node;
    private TxnStore store;
    private TxnSessionFactory factory;

    @BeforeEach
    void open() throws Exception {
        node = Node.open(new RealFileSystem(), dir, NodeOptions.defaults());
        store = TxnStore.open(node, TxnOptions.defaults());
        factory = new TxnSessionFactory(store);
        factory.setup(HermitageSpec.loadShared().setup());
    }

    @AfterEach
    void close() throws Exception {
        store.checkInvariants();
        store.close();
        node.close();
    }

    private static Outcome.Rows rows(long... idValues) {
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < idValues.length; i += 2) {
            rows.add(List.of(idValues[i], idValues[i + 1]));
        }
        return new Outcome.Rows(rows);
    }

    @Test
    void setupLeavesTheTwoRowsAndDropRemovesThem() throws Exception {
        try (Session s = factory.open("T1")) {
            assertThat(s.execute("select * from test")).isEqualTo(rows(1, 10, 2, 20));
            assertThat(s.execute("drop table if exists test")).isEqualTo(OK);
            assertThat(s.execute("select * from test")).isEqualTo(rows());
        }
    }

    @Test
    void snapshotIsTakenAtTheFirstStatementNotAtBegin() throws Exception {
        try (Session t1 = factory.open("T1"); Session t2 = factory.open("T2")) {
            assertThat(t1.execute("begin")).isEqualTo(OK);
            assertThat(t1.execute("set transaction isolation level repeatable read"))
                    .isEqualTo(OK);
            assertThat(t2.execute("update test set value = 11 where id = 1"))
                    .isEqualTo(new Outcome.Count(1));   // autocommit: visible at once
            assertThat(t1.execute("select * from test where id = 1")).isEqualTo(rows(1, 11));
            assertThat(t2.execute("update test set value = 12 where id = 1"))
                    .isEqualTo(new Outcome.Count(1));
            assertThat(t1.execute("select * from test where value > 0"))
                    .isInstanceOf(Outcome.Failed.class);   // not in the grammar: 42601
            assertThat(t1.execute("select * from test")).isInstanceOf(Outcome.Failed.class);
            assertThat(t1.execute("rollback")).isEqualTo(OK);
            assertThat(t1.execute("select * from test where id = 1")).isEqualTo(rows(1, 12));
        }
    }

    @Test
    void repeatableReadKeepsItsSnapshot() throws Exception {
        try (Session t1 = factory.open("T1"); Session t2 = factory.open("T2")) {
            t1.execute("begin");
            t1.execute("set transaction isolation level repeatable read");
            assertThat(t1.execute("select * from test where id = 1")).isEqualTo(rows(1, 10));
            t2.execute("update test set value = 12 where id = 1");
            assertThat(t1.execute("select * from test")).isEqualTo(rows(1, 10, 2, 20));
            assertThat(t1.execute("commit")).isEqualTo(OK);
            assertThat(t1.execute("select * from test")).isEqualTo(rows(1, 12, 2, 20));
        }
    }

    @Test
    void failedBlockAnswers25P02UntilCommitRollsItBack() throws Exception {
        try (Session s = factory.open("T1")) {
            s.execute("begin");
            assertThat(s.execute("update test set value = 99 where id = 2"))
                    .isEqualTo(new Outcome.Count(1));
            assertThat(s.execute("insert into test (id, value) values (1, 1)"))
                    .isInstanceOfSatisfying(Outcome.Failed.class,
                            f -> assertThat(f.sqlState()).isEqualTo("23505"));
            assertThat(s.execute("select * from test")).isInstanceOfSatisfying(
                    Outcome.Failed.class, f -> assertThat(f.sqlState()).isEqualTo("25P02"));
            assertThat(s.execute("commit")).isEqualTo(OK);   // PostgreSQL: ROLLBACK
            assertThat(s.execute("select * from test")).isEqualTo(rows(1, 10, 2, 20));
        }
    }

    @Test
    void setTransactionAfterTheFirstQueryIsRefused() throws Exception {
        try (Session s = factory.open("T1")) {
            s.execute("begin");
            s.execute("select * from test where id = 1");
            assertThat(s.execute("set transaction isolation level serializable"))
                    .isInstanceOfSatisfying(Outcome.Failed.class,
                            f -> assertThat(f.sqlState()).isEqualTo("25001"));
        }
    }

    @Test
    void closingRollsBackAnOpenTransaction() throws Exception {
        try (Session s = factory.open("T1")) {
            s.execute("begin");
            s.execute("delete from test where value = 10");
        }
        try (Session s = factory.open("T2")) {
            assertThat(s.execute("select * from test")).isEqualTo(rows(1, 10, 2, 20));
        }
    }
}
