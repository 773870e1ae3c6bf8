package dev.cutaway.bench.pg;

import java.io.IOException;
import java.util.List;

/**
 * pgbench's initialization, unmodified: {@code pgbench -i -s N} with its default steps
 * ({@code dtgvp}: drop, create tables, generate rows client-side, VACUUM, primary keys), the
 * same command for both engines. The generate step loads all of {@code pgbench_accounts}
 * (100 000 rows per scale unit) with one {@code COPY} in a single transaction; Cutaway commits
 * it as log parts closed by one commit record (ADR 0029), so no chunking is needed any more.
 */
final class PgbenchInit {
    private PgbenchInit() {}

    static void run(int port, int scale) throws IOException, InterruptedException {
        List<String> cmd = PgbenchRun.base(port);
        cmd.addAll(List.of("-i", "-s", Integer.toString(scale), "postgres"));
        PrivatePostgres.run(cmd, 3600);
    }
}
