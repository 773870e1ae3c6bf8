package dev.cutaway.txn.hermitage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.txn.Isolation;
import dev.cutaway.txn.hermitage.MiniStatement.TestRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The transaction-layer sessions' statement reader: the spec's statements, and errors. */
class MiniSqlParserTest {

    @Test
    void readsEveryStatementOfTheSpecAtEveryLevel() throws Exception {
        HermitageSpec spec = HermitageSpec.loadShared();
        List<String> statements = new ArrayList<>(spec.setup());
        for (HermitageCase c : spec.cases()) {
            for (Step s : c.steps()) {
                for (String level : spec.levels()) {
                    if (s.sql() != null) {
                        statements.add(s.sqlAt(level));
                    }
                }
            }
        }
        assertThat(statements).hasSizeGreaterThan(400);
        for (String sql : statements) {
            assertThat(MiniSqlParser.parse(sql)).as(sql).isNotNull();
        }
    }

    @Test
    void readsWhatTheStatementsMean() throws Exception {
        assertThat(MiniSqlParser.parse("SET TRANSACTION ISOLATION LEVEL Repeatable Read;"))
                .isEqualTo(new MiniStatement.SetIsolation(Isolation.REPEATABLE_READ));
        assertThat(MiniSqlParser.parse("insert into test (id, value) values (1, 10), (2, -20)"))
                .isEqualTo(new MiniStatement.Insert(List.of(new TestRow(1, 10),
                        new TestRow(2, -20))));
        assertThat(MiniSqlParser.parse("update test set value = value + 5 where id = 2"))
                .isEqualTo(new MiniStatement.Update(new MiniStatement.AddTo(5),
                        new MiniStatement.IdIn(List.of(2L))));
        assertThat(MiniSqlParser.parse("select * from test where id in (1,2)"))
                .isEqualTo(new MiniStatement.Select(new MiniStatement.IdIn(List.of(1L, 2L))));
        assertThat(MiniSqlParser.parse("delete from test where value % 3 = 0"))
                .isEqualTo(new MiniStatement.Delete(new MiniStatement.ValueModulo(3, 0)));
        assertThat(MiniSqlParser.parse("update test set value = 1"))
                .isEqualTo(new MiniStatement.Update(new MiniStatement.SetTo(1),
                        new MiniStatement.All()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "select * from nope | 42P01",
        "selec * from test | 42601",
        "select * from test where | 42601",
        "select * from test where id = 1 extra | 42601",
        "select * from test where colour = 1 | 42703",
        "select * from test where value % 0 = 0 | 22012",
        "update test set value = 99999999999 | 22003",
        "set transaction isolation level snapshot | 42601",
        "select * from test where id = 1 & 2 | 42601"})
    void refusesWithPostgresSqlState(String sql, String sqlState) {
        assertThatThrownBy(() -> MiniSqlParser.parse(sql))
                .isInstanceOfSatisfying(MiniSqlException.class,
                        e -> assertThat(e.sqlState()).isEqualTo(sqlState));
    }
}
