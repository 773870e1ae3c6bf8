package dev.cutaway.bench;

import dev.cutaway.bench.kv.KvCommand;
import dev.cutaway.bench.pg.PgbenchCommand;
import dev.cutaway.bench.sql.SqlCommand;
import dev.cutaway.bench.txn.TxnCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code cutaway bench}: the entry point the launcher runs with the bench module's class path.
 * Each suite is a subcommand: {@code kv}, {@code txn}, {@code sql},
 * {@code pgbench}. Standard
 * output carries only result lines ({@link BenchLine}, {@link RatioLine}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks Cutaway side by side with its peers, in one process run.",
        subcommands = {KvCommand.class, TxnCommand.class, SqlCommand.class,
                PgbenchCommand.class})
public final class BenchMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a suite: " + String.join(", ", spec.subcommands().keySet()));
    }
}
