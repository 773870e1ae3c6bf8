package dev.cutaway.bench.kv;

import dev.cutaway.bench.MachineFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutaway bench kv}: db_bench-style workloads on Cutaway's KV engines and their peers,
 * interleaved in one process run (see {@link KvRun} and docs/benchmarks.md). Result lines go
 * to standard output, everything else to standard error.
 */
@Command(name = "kv", mixinStandardHelpOptions = true,
        description = "KV workloads (fillseq, fillrandom, overwrite, readrandom, readseq) on "
                + "every engine, one workload at a time.")
public final class KvCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--engine", defaultValue = "all", paramLabel = "LIST",
            description = "Comma list of engines, or all (${DEFAULT-VALUE}).")
    private String engines;

    @Option(names = "--workloads", defaultValue = "all", paramLabel = "LIST",
            description = "Comma list of workloads; fillseq means fillseq_sync,fillseq_nosync;"
                    + " all (default) means every workload.")
    private String workloads;

    @Option(names = "--num", defaultValue = "1000000",
            description = "Operations of sync=off workloads and keys loaded (${DEFAULT-VALUE}).")
    private int num;

    @Option(names = "--sync-num", defaultValue = "10000",
            description = "Operations of sync=on workloads (${DEFAULT-VALUE}).")
    private int syncNum;

    @Option(names = "--key-size", defaultValue = "16", description = "Key bytes.")
    private int keyBytes;

    @Option(names = "--value-size", defaultValue = "100", description = "Value bytes.")
    private int valueBytes;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of keys and values.")
    private long seed;

    @Option(names = "--cache-mb", defaultValue = "256",
            description = "Cache budget of every engine in MiB (${DEFAULT-VALUE}).")
    private int cacheMb;

    @Option(names = "--warmup-num", defaultValue = "100000",
            description = "Untimed warm-up operations per engine (${DEFAULT-VALUE}).")
    private int warmupNum;

    @Option(names = "--rounds", defaultValue = "5",
            description = "Slices each workload is split into, alternating between engines "
                    + "(${DEFAULT-VALUE}); readseq is always one scan.")
    private int rounds;

    @Option(names = "--threads", defaultValue = "1", description = "Client threads (1 only).")
    private int threads;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Empty or absent directory for the databases; default: a fresh "
                    + "directory under ./target or java.io.tmpdir. Deleted after the run.")
    private Path dir;

    @Override
    public Integer call() throws IOException {
        KvSettings settings;
        List<String> engineNames;
        List<KvWorkload> chosen;
        try {
            if (threads != 1) {
                throw new IllegalArgumentException("--threads " + threads
                        + ": only 1 client thread is supported for now");
            }
            settings = new KvSettings(num, syncNum, keyBytes, valueBytes, seed, cacheMb,
                    warmupNum, rounds);
            engineNames = KvEngines.parseList(engines);
            chosen = KvWorkload.parseList(workloads);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Path root = createRoot();
        try {
            runIn(root, settings, engineNames, chosen);
        } catch (IOException | RuntimeException | Error e) {
            try {
                deleteRootIfOurs(root);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        deleteRootIfOurs(root);
        return 0;
    }

    private void runIn(Path root, KvSettings settings, List<String> engineNames,
            List<KvWorkload> chosen) throws IOException {
        MachineFacts.print(System.err, root);
        System.err.printf("# bench kv engines=%s workloads=%s num=%d sync_num=%d "
                + "key_bytes=%d value_bytes=%d cache_mb=%d seed=%d warmup_num=%d rounds=%d%n",
                String.join(",", engineNames), String.join(",", labels(chosen)), num,
                syncNum, keyBytes, valueBytes, cacheMb, seed, warmupNum, rounds);
        List<EngineSlot> slots = new ArrayList<>();
        for (String name : engineNames) {
            slots.add(new EngineSlot(KvEngines.create(name, cacheMb), root.resolve(name)));
        }
        new KvRun(settings, slots, root, System.out, System.err).run(chosen);
    }

    private Path createRoot() throws IOException {
        if (dir == null) {
            Path target = Path.of("target");
            Path base = Files.isDirectory(target) ? target
                    : Path.of(System.getProperty("java.io.tmpdir"));
            return Files.createTempDirectory(base, "cutaway-bench-kv-");
        }
        if (Files.exists(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--dir " + dir + " is not empty; give an empty or absent directory");
                }
            }
        }
        return Files.createDirectories(dir);
    }

    /** Deletes the run's directory: the whole of it when we chose it, else what we made in it. */
    private void deleteRootIfOurs(Path root) throws IOException {
        if (dir == null) {
            EngineSlot.deleteTree(root);
        } else {
            try (Stream<Path> entries = Files.list(root)) {
                for (Path p : entries.toList()) {
                    EngineSlot.deleteTree(p);
                }
            }
        }
    }

    private static List<String> labels(List<KvWorkload> workloads) {
        return workloads.stream().map(KvWorkload::label).toList();
    }
}
