package dev.cutaway.log;

import static dev.cutaway.log.LogFixtures.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.io.FaultyFileSystem.CrashMode;
import dev.cutaway.io.SimulatedCrashException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Crash tests through {@link FaultyFileSystem}: random appends, some awaited and some not, a
 * power loss at a random mutating operation (or at the end), in each {@link CrashMode}; then
 * reopen and check the promises of the log:
 * <ol>
 *   <li>every record whose {@code awaitDurable} returned is present and intact;</li>
 *   <li>the recovered log is a gap-free prefix of what was appended (from its first LSN);</li>
 *   <li>a crash never makes {@code open} throw — a torn tail is cut, not reported as
 *       corruption;</li>
 *   <li>appends after recovery work and survive a clean reopen.</li>
 * </ol>
 * Each iteration has its own seed, printed on failure; {@code -Dcutaway.seed=N} replays one.
 * {@code -Dcutaway.log.crashIterations=N} runs more (soak).
 */
class LogCrashTest {
    private static final Path DIR = Path.of("/db/log");
    private static final int ITERATIONS =
            Integer.getInteger("cutaway.log.crashIterations", 400);

    /** What the test did to the log before the crash. */
    private static final class History {
        final List<String> attempted = new ArrayList<>();
        long durableReturnedLsn;
        long removeRequestedLsnMax = 1;
        boolean crashedDuringRun;
    }

    /** What the runs reached, printed so a reader can see the test is not vacuous. */
    private static final class Coverage {
        int crashedDuringRun;
        int crashedDuringRecovery;
        int tornTails;
        int durableAwaits;
        long recordsRecovered;
        long recordsLost;
    }

    private static final Coverage COVERAGE = new Coverage();

    @Test
    void recoveredLogKeepsEveryDurableRecordAndIsAPrefixOfWhatWasAppended() throws Exception {
        String fixed = System.getProperty("cutaway.seed");
        long base = fixed != null ? Long.parseLong(fixed) : new SplittableRandom().nextLong();
        int iterations = fixed != null ? 1 : ITERATIONS;
        int crashedDuringRun = 0;
        for (int i = 0; i < iterations; i++) {
            long seed = base + i;
            try {
                crashedDuringRun += runOnce(seed) ? 1 : 0;
            } catch (Throwable t) {
                throw new AssertionError("crash test failed; replay with -Dcutaway.seed=" + seed
                        + ": " + t, t);
            }
        }
        System.out.printf("crash test: %d runs, %d crashed mid-run, %d crashed in recovery, %d"
                + " torn tails, %d with awaited records, %d records recovered, %d lost (never"
                + " awaited)%n", iterations, COVERAGE.crashedDuringRun,
                COVERAGE.crashedDuringRecovery, COVERAGE.tornTails, COVERAGE.durableAwaits,
                COVERAGE.recordsRecovered, COVERAGE.recordsLost);
        if (fixed == null) {
            assertThat(crashedDuringRun).as("the fault points are reached").isPositive();
            assertThat(COVERAGE.tornTails).as("torn tails happen").isPositive();
        }
    }

    /** One seeded run; true if the crash hit while the log was working. */
    private static boolean runOnce(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        FaultyFileSystem fs = new FaultyFileSystem(seed);
        LogOptions options = new LogOptions(256 + random.nextInt(2048),
                64 + random.nextInt(1024), 200, null);
        CrashMode mode = CrashMode.values()[random.nextInt(CrashMode.values().length)];
        fs.crashAfterOperations(random.nextInt(random.nextBoolean() ? 40 : 400));
        History history = new History();
        try {
            WriteAheadLog log = WriteAheadLog.open(fs, DIR, options);
            work(log, random, history);
        } catch (IOException e) {
            requireSimulatedCrash(e);
            history.crashedDuringRun = true;
        }
        FaultyFileSystem after = fs.crash(mode);
        if (random.nextInt(4) == 0) {
            after = crashDuringRecovery(after, options, random, mode);
        }
        verifyRecovery(after, options, history, random);
        return history.crashedDuringRun;
    }

    /** Recovery itself is cut short by a second crash; the next recovery must still work. */
    private static FaultyFileSystem crashDuringRecovery(FaultyFileSystem fs, LogOptions options,
            SplittableRandom random, CrashMode mode) throws IOException {
        fs.crashAfterOperations(random.nextInt(5));
        try {
            WriteAheadLog.open(fs, DIR, options);
        } catch (IOException e) {
            requireSimulatedCrash(e);
            COVERAGE.crashedDuringRecovery++;
        }
        return fs.crash(mode);
    }

    private static void work(WriteAheadLog log, SplittableRandom random, History history)
            throws IOException {
        int operations = 20 + random.nextInt(150);
        for (int op = 0; op < operations; op++) {
            int dice = random.nextInt(100);
            if (dice < 4 && log.lastLsn() > 0) {
                long checkpointLsn = random.nextLong(log.lastLsn() + 1);
                history.attempted.add(describe(new LogRecord.Checkpoint(log.lastLsn() + 1, 9,
                        checkpointLsn)));
                log.appendCheckpoint(9, checkpointLsn);
            } else if (dice < 7) {
                long before = 1 + random.nextLong(log.lastLsn() + 1);
                history.removeRequestedLsnMax = Math.max(history.removeRequestedLsnMax, before);
                log.removeSegmentsBefore(before);
            } else {
                WriteBatch batch = randomBatch(random);
                long lsn = log.lastLsn() + 1;
                history.attempted.add(describe(new LogRecord.Batch(lsn, batch)));
                assertThat(log.appendBatch(batch)).isEqualTo(lsn);
            }
            if (random.nextInt(3) == 0 && log.lastLsn() > 0) {
                long lsn = log.lastLsn();
                log.awaitDurable(lsn);
                history.durableReturnedLsn = lsn;
            }
            if (random.nextInt(20) == 0) {
                log.checkInvariants();
            }
        }
    }

    private static WriteBatch randomBatch(SplittableRandom random) {
        WriteBatch batch = new WriteBatch();
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            byte[] key = new byte[random.nextInt(24)];
            random.nextBytes(key);
            if (random.nextInt(5) == 0) {
                batch.delete(random.nextInt(3), key);
            } else {
                byte[] value = new byte[random.nextInt(10) == 0 ? 1500 : random.nextInt(100)];
                random.nextBytes(value);
                batch.put(random.nextInt(3), key, value);
            }
        }
        return batch;
    }

    private static void verifyRecovery(FaultyFileSystem fs, LogOptions options, History history,
                                       SplittableRandom random) throws IOException {
        List<String> recovered = new ArrayList<>();
        long lastLsn;
        try (WriteAheadLog log = WriteAheadLog.open(fs, DIR, options)) {
            log.checkInvariants();
            RecoveryReport report = log.recoveryReport();
            COVERAGE.crashedDuringRun += history.crashedDuringRun ? 1 : 0;
            COVERAGE.tornTails += report.tornTail() ? 1 : 0;
            COVERAGE.durableAwaits += history.durableReturnedLsn > 0 ? 1 : 0;
            COVERAGE.recordsRecovered += log.lastLsn();
            COVERAGE.recordsLost += history.attempted.size() - log.lastLsn();
            assertThat(log.firstLsn()).as("segments are removed only below the requested LSN")
                    .isLessThanOrEqualTo(history.removeRequestedLsnMax);
            assertThat(log.lastLsn()).as("%s", report)
                    .isGreaterThanOrEqualTo(history.durableReturnedLsn)
                    .isLessThanOrEqualTo(history.attempted.size());
            try (LogReader reader = log.read(log.firstLsn())) {
                for (LogRecord r = reader.next(); r != null; r = reader.next()) {
                    recovered.add(describe(r));
                }
            }
            int from = (int) log.firstLsn() - 1;
            assertThat(recovered).as("gap-free prefix of what was appended; %s", report)
                    .containsExactlyElementsOf(history.attempted.subList(from,
                            (int) log.lastLsn()));
            for (int i = 0; i < 5; i++) {
                WriteBatch batch = randomBatch(random);
                assertThat(log.appendBatch(batch)).isEqualTo(log.lastLsn());
                recovered.add(describe(new LogRecord.Batch(log.lastLsn(), batch)));
            }
            lastLsn = log.lastLsn();
        }
        try (WriteAheadLog log = WriteAheadLog.open(fs, DIR, options)) {
            assertThat(log.recoveryReport().tornTail()).isFalse();
            assertThat(log.lastLsn()).isEqualTo(lastLsn);
            assertThat(LogFixtures.readAll(log, log.firstLsn()))
                    .containsExactlyElementsOf(recovered);
        }
    }

    private static void requireSimulatedCrash(IOException e) throws IOException {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SimulatedCrashException) {
                return;
            }
        }
        throw e;
    }
}
