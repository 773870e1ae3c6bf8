package dev.cutaway.sql.slt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the scripts of a sqllogictest corpus (files ending in {@code .test} under a root, in
 * name order) and runs them one after the other into a report. The dev set lives in
 * {@code shared/sqllogictest/test}; surefire passes {@code shared}'s path as the system
 * property {@code cutaway.shared}.
 */
final class SltCorpus {
    private SltCorpus() {}

    /** The dev set's root, from {@code -Dcutaway.shared}. */
    static Path devSet() {
        String shared = System.getProperty("cutaway.shared");
        if (shared == null) {
            throw new IllegalStateException("-Dcutaway.shared is not set (surefire sets it)");
        }
        return Path.of(shared, "sqllogictest", "test");
    }

    /** Scripts under {@code root}, as paths relative to it, in name order. */
    static List<Path> scripts(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".test") && Files.isRegularFile(p))
                    .map(root::relativize).sorted().toList();
        }
    }

    /** Relative name with {@code /} separators, as reports show it. */
    static String name(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    /** Runs every script under {@code root}; {@code progress} sees each result as it ends. */
    static SltReport run(Path root, SltRunner runner, String label,
            java.util.function.Consumer<SltResults.FileResult> progress) throws IOException {
        SltReport report = new SltReport(label);
        for (Path relative : scripts(root)) {
            SltResults.FileResult result = runner.run(name(relative), root.resolve(relative));
            report.add(result);
            progress.accept(result);
        }
        return report;
    }
}
