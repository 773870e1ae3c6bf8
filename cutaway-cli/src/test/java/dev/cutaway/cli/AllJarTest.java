package dev.cutaway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The single self-contained jar ({@code target/cutaway-all.jar}): loaded into a fresh class
 * loader that sees nothing of the build's class path, its java.sql.Driver service is found and
 * runs a query, and its manifest opens the shell. Runs in the package phase, after the shade
 * plugin built the jar (see this module's pom).
 */
class AllJarTest {
    private static final Path JAR = Path.of("target", "cutaway-all.jar");

    @Test
    void driverLoadsFromTheJarAloneAndRunsAQuery() throws Exception {
        assertThat(JAR).as("mvn package builds the jar before this test runs").exists();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {JAR.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Driver driver = null;
            for (Driver d : ServiceLoader.load(Driver.class, loader)) {
                if (d.getClass().getName().equals("dev.cutaway.jdbc.CutawayDriver")) {
                    driver = d;
                }
            }
            assertThat(driver).as("the jar registers its driver").isNotNull();
            assertThat(driver.acceptsURL("jdbc:cutaway:mem:")).isTrue();
            assertThat(driver.getClass().getClassLoader()).isSameAs(loader);
            try (Connection c = driver.connect("jdbc:cutaway:mem:", new Properties());
                 Statement s = c.createStatement()) {
                s.execute("create table t (id int primary key, v text)");
                s.execute("insert into t values (1, 'from the single jar')");
                try (ResultSet rs = s.executeQuery("select v from t where id = 1")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("from the single jar");
                }
            }
        }
    }

    @Test
    void manifestNamesTheShellAsMainClass() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("dev.cutaway.cli.Main");
            assertThat(jar.getEntry("org/jline/reader/LineReader.class")).isNotNull();
            assertThat(new String(jar.getInputStream(
                    jar.getEntry("META-INF/services/java.sql.Driver")).readAllBytes()))
                    .contains("dev.cutaway.jdbc.CutawayDriver");
        }
        assertThat(Files.size(JAR)).isGreaterThan(1_000_000);
    }
}
