package dev.cutaway.kv.btree;

import dev.cutaway.io.CorruptionException;
import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a B+tree file offline, as of its newest valid checkpoint: every invariant listed in
 * {@link TreeCheck} (key order, key ranges, fill bounds, uniform depth, cell layout, page
 * accounting, overflow chains, counts, checksums). Never changes the file.
 */
public final class BTreeChecker {
    private BTreeChecker() {}

    /** The outcome of a check; {@code problems} is empty when the file is sound. */
    public record Report(Path file, long checkpointSequence, long checkpointLsn, int height,
                         long pageCount, long pagesChecked, long entries, List<String> problems) {
        public Report {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks {@code file}. Throws {@link CorruptionException} when the file is not a Cutaway
     * B+tree or no meta page is valid; every other problem is listed in the report.
     */
    public static Report check(FileSystem fs, Path file) throws IOException {
        try (FileHandle handle = fs.openReadOnly(file)) {
            MetaPage.Meta meta = MetaPage.newestOrThrow(MetaPage.read(handle), file);
            PageFile pageFile = new PageFile(handle, meta.pageSizeBytes());
            TreeCheck c = TreeCheck.checkFile(pageFile, meta);
            return new Report(file, meta.sequence(), meta.checkpointLsn(), meta.height(),
                    meta.pageCount(), c.pagesChecked, c.entries, c.problems);
        }
    }
}
