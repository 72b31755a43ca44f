package dev.reaper.fork;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;

import dev.reaper.Isolation;
import dev.reaper.Reaper;
import dev.reaper.testing.Kit;

/**
 * A forked test sees the system properties the build set in the test JVM (Surefire sets its
 * {@code systemPropertyVariables}, {@code basedir} and Maven's user properties there with
 * {@code System.setProperty}, after the JVM started), also those set after its worker started; never
 * on the worker's command line, and never over the worker JVM's own.
 */
class ForkSystemPropertiesTest {

    static final String DB_URL = "forkSystemPropertiesTest.db.url";
    static final String SECRET = "jdbc:h2:mem:only-over-the-channel";
    static final String LATER = "forkSystemPropertiesTest.later";
    static final String JVM_OWN = "java.forkSystemPropertiesTest.probe";

    @Reaper(isolation = Isolation.FORK, timeout = "30 s")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class ReadsProperties {

        @Test
        void a_inAWorker(TestReporter reporter) {
            publish(reporter);
            reporter.publishEntry("commandLine", fullCommandLine());
        }

        /** In the test JVM, between two forked tests on the same worker. */
        @Test
        @Reaper(isolation = Isolation.THREAD)
        void b_here() {
            System.setProperty(LATER, "set after the worker started");
            System.clearProperty(DB_URL);
        }

        @Test
        void c_inTheSameWorker(TestReporter reporter) {
            publish(reporter);
        }

        private static void publish(TestReporter reporter) {
            ForkFixtures.publishPid(reporter);
            Map<String, String> seen = new HashMap<>();
            for (String key : List.of(DB_URL, LATER, JVM_OWN, "user.dir", "basedir")) {
                seen.put(key, String.valueOf(System.getProperty(key)));
            }
            reporter.publishEntry(seen);
        }
    }

    @Test
    void aForkedTestSeesTheTestJvmsPropertiesButTheWorkerKeepsItsOwn() {
        String userDir = System.getProperty("user.dir");
        Map<String, String> before = new HashMap<>();
        for (String key : List.of(DB_URL, LATER, JVM_OWN, "user.dir")) {
            before.put(key, System.getProperty(key));
        }
        Kit kit;
        try {
            System.clearProperty(LATER);
            System.setProperty(DB_URL, SECRET);
            System.setProperty(JVM_OWN, "the test JVM's");
            System.setProperty("user.dir", "/nowhere/the-test-jvms-user-dir"); // read once at startup: harmless here
            kit = Kit.run(ReadsProperties.class);
        } finally {
            before.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }

        kit.assertSuccessful("a_inAWorker").assertSuccessful("b_here").assertSuccessful("c_inTheSameWorker");
        Map<String, String> first = seen(kit, "a_inAWorker");
        assertThat(first).containsEntry(DB_URL, SECRET).containsEntry(LATER, "null").containsEntry(JVM_OWN, "null")
                .containsEntry("user.dir", userDir)
                .containsEntry("basedir", String.valueOf(System.getProperty("basedir")));
        assertThat(ForkAcceptanceTest.pid(kit, "a_inAWorker")).isNotEqualTo(ProcessHandle.current().pid());
        String commandLine = seen(kit, "a_inAWorker").get("commandLine");
        assertThat(commandLine).contains("WorkerMain").doesNotContain(SECRET).doesNotContain(DB_URL);

        // The worker was reused: only the change since reached it, before the test.
        assertThat(ForkAcceptanceTest.pid(kit, "c_inTheSameWorker"))
                .isEqualTo(ForkAcceptanceTest.pid(kit, "a_inAWorker"));
        assertThat(seen(kit, "c_inTheSameWorker")).containsEntry(LATER, "set after the worker started")
                .containsEntry(DB_URL, "null").containsEntry("user.dir", userDir);
    }

    private static Map<String, String> seen(Kit kit, String test) {
        Map<String, String> all = new HashMap<>();
        ForkAcceptanceTest.entries(kit, test).forEach(all::putAll);
        return all;
    }

    /** Linux's ProcessHandle reads only the first page of a command line; the class path fills more. */
    static String fullCommandLine() {
        java.nio.file.Path proc = java.nio.file.Path.of("/proc/self/cmdline");
        try {
            if (java.nio.file.Files.isReadable(proc)) {
                return new String(java.nio.file.Files.readAllBytes(proc), java.nio.charset.StandardCharsets.UTF_8)
                        .replace('\0', ' ');
            }
        } catch (java.io.IOException unreadable) {
            // the JDK's view then
        }
        return ProcessHandle.current().info().commandLine().orElse("unknown");
    }
}
