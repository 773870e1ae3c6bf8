package dev.cutaway.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts a reader needs to judge a run (shared/BENCHMARKS.md): processors, memory, JVM,
 * operating system and the file system the databases live on (a tmpfs makes fsync free, which
 * would make every sync=on number meaningless). Printed to standard error, never stdout.
 */
public final class MachineFacts {
    private MachineFacts() {}

    public static void print(PrintStream err, Path dataDir) {
        Runtime runtime = Runtime.getRuntime();
        err.println("# date_utc=" + Instant.now());
        err.println("# nproc=" + runtime.availableProcessors()
                + " max_heap_mib=" + runtime.maxMemory() / (1024 * 1024)
                + " physical_memory_mib=" + physicalMemoryMib());
        err.println("# java=" + System.getProperty("java.version")
                + " vendor=" + System.getProperty("java.vendor")
                + " vm=" + System.getProperty("java.vm.name").replace(' ', '_')
                + " gc=" + String.join(",", collectorNames()));
        err.println("# os=" + System.getProperty("os.name").replace(' ', '_')
                + " arch=" + System.getProperty("os.arch")
                + " kernel=" + System.getProperty("os.version"));
        err.println("# data_dir=" + dataDir.toAbsolutePath() + " file_store_type="
                + fileStoreType(dataDir));
    }

    private static long physicalMemoryMib() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        return -1;
    }

    private static List<String> collectorNames() {
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(gc.getName().replace(' ', '_'));
        }
        return names;
    }

    private static String fileStoreType(Path dir) {
        try {
            return Files.getFileStore(dir).type();
        } catch (IOException e) {
            // Only a label in the report; say that it is unknown and why.
            return "unknown(" + e.getClass().getSimpleName() + ")";
        }
    }
}
