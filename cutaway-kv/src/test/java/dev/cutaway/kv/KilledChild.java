package dev.cutaway.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The SIGKILL half of the kill tests (kv's NodeKillTest, txn's BigTxnKillTest): starts a
 * writer class in a child JVM on this test's class path, reads its {@code start ...} and
 * {@code acked N} lines, and kills it {@code millis} after its first acknowledgement; anything
 * else the child prints fails the test with the child's output.
 */
public final class KilledChild {
    private KilledChild() {}

    /** The last count the child acknowledged before it was killed (always positive). */
    public static long runAndKill(Class<?> writer, List<String> args, long millis)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), writer.getName()));
        cmd.addAll(args);
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        long acked = 0;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = 0;
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("acked ")) {
                    acked = Long.parseLong(line.substring(6));
                    if (deadline == 0) {
                        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
                    } else if (System.nanoTime() >= deadline) {
                        break;
                    }
                } else if (!line.startsWith("start ")) {
                    throw new IOException("writer said: " + line + readRest(out));
                }
            }
            child.destroyForcibly();   // SIGKILL on Linux
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(acked).as("the writer acknowledged something before being killed")
                .isPositive();
        return acked;
    }

    private static String readRest(BufferedReader out) throws IOException {
        StringBuilder sb = new StringBuilder();
        String line;
        for (int i = 0; i < 40 && (line = out.readLine()) != null; i++) {
            sb.append('\n').append(line);
        }
        return sb.toString();
    }
}
