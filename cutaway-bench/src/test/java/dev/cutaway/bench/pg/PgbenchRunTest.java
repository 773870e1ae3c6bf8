package dev.cutaway.bench.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.bench.LatencySamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code bench pgbench} reads pgbench 15: its report (tps, transactions, failures) and
 * its per-transaction logs, one file per pgbench thread. No PostgreSQL is started here.
 */
class PgbenchRunTest {

    static final String REPORT = """
            transaction type: <builtin: select only>
            scaling factor: 10
            query mode: prepared
            number of clients: 8
            number of threads: 2
            maximum number of tries: 1
            duration: 20 s
            number of transactions actually processed: 123456
            number of failed transactions: 3 (0.002%)
            latency average = 1.296 ms
            initial connection time = 12.345 ms
            tps = 6172.812345 (without initial connection time)
            """;

    @Test
    void readsThroughputTransactionsAndFailuresFromTheReport() throws IOException {
        assertThat(Double.parseDouble(PgbenchRun.group(PgbenchRun.TPS, REPORT)))
                .isEqualTo(6172.812345);
        assertThat(PgbenchRun.group(PgbenchRun.PROCESSED, REPORT)).isEqualTo("123456");
        assertThat(PgbenchRun.group(PgbenchRun.FAILED, REPORT)).isEqualTo("3");
    }

    @Test
    void aReportWithoutTpsIsAnErrorThatShowsTheOutput() {
        assertThatThrownBy(() -> PgbenchRun.group(PgbenchRun.TPS, "Run was aborted"))
                .isInstanceOf(IOException.class).hasMessageContaining("Run was aborted");
    }

    @Test
    void latenciesComeFromEveryThreadsLogFile(@TempDir Path dir) throws IOException {
        // client_id transaction_no time_us script_no epoch_s epoch_us
        Files.writeString(dir.resolve("tx.4242"), "0 0 100 0 1700000000 1\n"
                + "0 1 300 0 1700000000 2\n");
        Files.writeString(dir.resolve("tx.4242.1"), "1 0 200 0 1700000000 3\n"
                + "1 1 9000 0 1700000000 4\n");
        Files.writeString(dir.resolve("unrelated.txt"), "not a log line 5\n");
        LatencySamples samples = PgbenchRun.readLog(dir);
        assertThat(samples.count()).isEqualTo(4);
        assertThat(samples.percentileMicros(50)).isEqualTo(200.0);
        assertThat(samples.percentileMicros(99)).isEqualTo(9000.0);
    }
}
