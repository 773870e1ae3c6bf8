package dev.cutaway.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** EXPLAIN's indented text redrawn as a box-drawing tree. */
class ExplainTreeTest {

    @Test
    void nestedPlanWithDetailsBecomesATree() {
        List<String> plan = List.of(
                "Sort  (cost=1 rows=2) (actual time=0.1 rows=2 loops=1)",
                "  Sort Key: a.name",
                "  ->  Hash Join",
                "        Hash Cond: (a.id = b.id)",
                "        ->  Seq Scan on a",
                "              Filter: (x > 1)",
                "        ->  Hash",
                "              ->  Seq Scan on b",
                "  ->  Result",
                "Planning Time: 0.1 ms");
        assertThat(ExplainTree.draw(plan)).isEqualTo("""
                Sort  (cost=1 rows=2) (actual time=0.1 rows=2 loops=1)
                │   Sort Key: a.name
                │   Planning Time: 0.1 ms
                ├── Hash Join
                │   │   Hash Cond: (a.id = b.id)
                │   ├── Seq Scan on a
                │   │       Filter: (x > 1)
                │   └── Hash
                │       └── Seq Scan on b
                └── Result
                """);
    }

    @Test
    void cutawaysPlainExplainTextDraws() {
        assertThat(ExplainTree.draw(List.of("Project", "  ->  Seq Scan on t")))
                .isEqualTo("Project\n└── Seq Scan on t\n");
    }
}
