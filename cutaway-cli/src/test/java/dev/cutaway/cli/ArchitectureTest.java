package dev.cutaway.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN.md (lower never imports higher) and the determinism rules of STYLE.md
 * (no wall-clock time, unseeded randomness or raw threads in engine code: they are injected),
 * enforced rather than reviewed.
 */
class ArchitectureTest {
    private static final String[] ENGINE_CODE = {
        "dev.cutaway.log..", "dev.cutaway.kv..", "dev.cutaway.txn..", "dev.cutaway.sql.."};
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        // Production classes come from target/classes (a module build) or from the modules'
        // jars (a reactor build after package); test classes and test jars are left out.
        ImportOption productionOnly = location -> !location.contains("/test-classes/")
                && !location.contains("-tests.jar");
        classes = new ClassFileImporter()
                .withImportOption(productionOnly)
                .importPackages("dev.cutaway");
    }

    @Test
    void everyModuleIsImported() {
        // Guards against a vacuous pass (e.g. class files too new for the importer).
        assertThat(classes.contain("dev.cutaway.io.FileSystem")).isTrue();
        assertThat(classes.contain("dev.cutaway.log.WriteAheadLog")).isTrue();
        assertThat(classes.contain("dev.cutaway.kv.Node")).isTrue();
        assertThat(classes.contain("dev.cutaway.txn.HybridLogicalClock")).isTrue();
        assertThat(classes.contain("dev.cutaway.sql.SqlException")).isTrue();
        assertThat(classes.contain("dev.cutaway.cli.Main")).isTrue();
        assertThat(classes.contain("dev.cutaway.jdbc.CutawayDriver")).isTrue();
        assertThat(classes.contain("dev.cutaway.server.PgServer")).isTrue();
    }

    @Test
    void ioDependsOnNothingAbove() {
        noClasses().that().resideInAPackage("dev.cutaway.io..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.cutaway.log..", "dev.cutaway.kv..", "dev.cutaway.txn..",
                        "dev.cutaway.sql..", "dev.cutaway.jdbc..", "dev.cutaway.cli..",
                        "dev.cutaway.server..")
                .check(classes);
    }

    @Test
    void logDependsOnlyOnIo() {
        noClasses().that().resideInAPackage("dev.cutaway.log..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.cutaway.kv..", "dev.cutaway.txn..", "dev.cutaway.sql..",
                        "dev.cutaway.jdbc..", "dev.cutaway.cli..", "dev.cutaway.server..")
                .check(classes);
    }

    @Test
    void kvDoesNotDependOnTransactionsOrInterfaces() {
        noClasses().that().resideInAPackage("dev.cutaway.kv..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.cutaway.txn..", "dev.cutaway.sql..", "dev.cutaway.jdbc..",
                        "dev.cutaway.cli..", "dev.cutaway.server..")
                .check(classes);
    }

    @Test
    void txnDoesNotDependOnSqlOrInterfaces() {
        noClasses().that().resideInAPackage("dev.cutaway.txn..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cutaway.sql..",
                        "dev.cutaway.jdbc..", "dev.cutaway.cli..", "dev.cutaway.server..")
                .check(classes);
    }

    @Test
    void sqlDoesNotDependOnInterfaces() {
        noClasses().that().resideInAPackage("dev.cutaway.sql..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cutaway.cli..",
                        "dev.cutaway.jdbc..", "dev.cutaway.server..")
                .check(classes);
    }

    /** The JDBC driver sits above sql, beside cli: neither interface imports the other's
     *  insides (cli may use the driver only through java.sql and DriverManager). */
    @Test
    void jdbcSitsAboveSqlBesideCli() {
        noClasses().that().resideInAPackage("dev.cutaway.jdbc..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cutaway.cli..",
                        "dev.cutaway.server..")
                .check(classes);
    }

    /** The wire server sits above sql, beside jdbc and cli: it imports neither (cli starts
     *  it through its public API). */
    @Test
    void serverSitsAboveSqlBesideJdbcAndCli() {
        noClasses().that().resideInAPackage("dev.cutaway.server..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cutaway.cli..",
                        "dev.cutaway.jdbc..")
                .check(classes);
    }

    @Test
    void engineCodeTakesTimeAsADependency() {
        noClasses().that().resideInAnyPackage(ENGINE_CODE)
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .check(classes);
    }

    @Test
    void engineCodeTakesRandomnessAsADependency() {
        noClasses().that().resideInAnyPackage(ENGINE_CODE)
                .should().callConstructor(Random.class)
                .orShould().callMethod(Math.class, "random")
                .check(classes);
    }

    @Test
    void engineCodeReachesTheDiskOnlyThroughFileSystem() {
        // Otherwise the fault-injecting file system could not see (or crash) that I/O.
        noClasses().that().resideInAnyPackage(ENGINE_CODE)
                .should().dependOnClassesThat().belongToAnyOf(java.nio.file.Files.class,
                        java.nio.channels.FileChannel.class, java.io.RandomAccessFile.class,
                        java.io.FileInputStream.class, java.io.FileOutputStream.class)
                .check(classes);
    }

    @Test
    void engineCodeStartsNoRawThreads() {
        noClasses().that().resideInAnyPackage(ENGINE_CODE)
                .should().callConstructor(Thread.class, Runnable.class)
                .orShould().callConstructor(Thread.class)
                .orShould().callMethod(Thread.class, "start")
                .orShould().callMethod(Executors.class, "newFixedThreadPool", int.class)
                .orShould().callMethod(Executors.class, "newSingleThreadScheduledExecutor")
                .check(classes);
    }
}
