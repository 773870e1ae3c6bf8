package dev.cutaway.sql.slt;

import dev.cutaway.sql.slt.SltResults.FileResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
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

    /**
     * Runs every script under {@code root}, or only those under its sub-directory {@code only}
     * when that is not empty; scripts are named relative to {@code root}, so reports group them
     * by the corpus's directories. {@code progress} sees each result as its script ends.
     */
    static SltReport run(Path root, String only, SltRunner runner, String label,
            Consumer<FileResult> progress) throws IOException {
        Path base = only.isEmpty() ? root : root.resolve(only);
        SltReport report = new SltReport(label);
        for (Path relative : scripts(base)) {
            Path file = base.resolve(relative);
            FileResult result = runner.run(name(root.relativize(file)), file);
            report.add(result);
            progress.accept(result);
        }
        return report;
    }
}
