package dev.cutaway.cli;

import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.btree.BTreeChecker;
import dev.cutaway.kv.btree.PageInspector;
import dev.cutaway.kv.lsm.LsmInspector;
import dev.cutaway.log.LogInspector;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cutaway inspect ...}: read data files offline, like pg_waldump and pageinspect. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Read Cutaway's files offline (never modifies them).",
        subcommands = {InspectCommand.Log.class, InspectCommand.Pages.class,
            InspectCommand.Check.class, InspectCommand.Sstable.class, InspectCommand.Lsm.class})
final class InspectCommand {

    @Command(name = "log", mixinStandardHelpOptions = true,
            description = "List write-ahead log records: LSN, type, size, keys touched.")
    static final class Log implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "DIR",
                description = "a node's data directory or its wal/ directory")
        Path dir;

        @Option(names = "--from", paramLabel = "LSN", description = "first LSN to show")
        long fromLsn = 1;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            LogInspector.dump(new RealFileSystem(), directory(dir, "wal"), fromLsn, out);
            out.flush();
            return 0;
        }
    }

    @Command(name = "pages", mixinStandardHelpOptions = true,
            description = "Show a B+tree file's meta pages, page headers, fill factors, "
                    + "tree levels and free pages.")
    static final class Pages implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "a .btree file")
        Path file;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PageInspector.dump(new RealFileSystem(), btreeFile(file), out);
            out.flush();
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Verify every structural invariant of a B+tree file.")
    static final class Check implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "a .btree file")
        Path file;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            BTreeChecker.Report r = BTreeChecker.check(new RealFileSystem(), btreeFile(file));
            out.printf("file %s: checkpoint %d at LSN %d, height %d, %d pages (%d checked), "
                    + "%d entries%n", r.file(), r.checkpointSequence(), r.checkpointLsn(),
                    r.height(), r.pageCount(), r.pagesChecked(), r.entries());
            r.problems().forEach(p -> out.println("problem: " + p));
            out.println(r.ok() ? "ok: every invariant holds"
                    : r.problems().size() + " problem(s) found");
            out.flush();
            return r.ok() ? 0 : 1;
        }
    }

    @Command(name = "sstable", mixinStandardHelpOptions = true,
            description = "Show an SSTable's blocks, key range, entries and bloom filter "
                    + "(like sst_dump).")
    static final class Sstable implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "an .sst file")
        Path file;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            LsmInspector.dumpSstable(new RealFileSystem(), regularFile(file), out);
            out.flush();
            return 0;
        }
    }

    @Command(name = "lsm", mixinStandardHelpOptions = true,
            description = "Show an LSM engine's levels, files, sizes, LSN ranges and pending "
                    + "compaction.")
    static final class Lsm implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "DIR",
                description = "a node's data directory or its space-0.lsm/ directory")
        Path dir;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            LsmInspector.dumpLsm(new RealFileSystem(), directory(dir, "space-0.lsm"), out);
            out.flush();
            return 0;
        }
    }

    /** Accepts the file itself or a node directory holding the default space's file. */
    private static Path btreeFile(Path given) throws NoSuchFileException {
        return regularFile(Files.isDirectory(given) ? given.resolve("space-0.btree") : given);
    }

    private static Path regularFile(Path file) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        return file;
    }

    /** {@code given}'s subdirectory {@code name} if a node directory was given, else itself. */
    private static Path directory(Path given, String name) throws NoSuchFileException {
        Path dir = Files.isDirectory(given.resolve(name)) ? given.resolve(name) : given;
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(given.toString());
        }
        return dir;
    }
}
