package dev.reaper.fork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import dev.reaper.Isolation;
import dev.reaper.Reaper;
import dev.reaper.Rung;
import dev.reaper.testing.Hangs;

/** Fork-isolated classes that write where they ran into the directory the system property names. */
final class ByClassFixtures {

    static final String DIR = "dev.reaper.test.byclass.dir";

    private ByClassFixtures() {
    }

    static Path dir() {
        return Path.of(System.getProperty(DIR));
    }

    /** Appends this JVM's pid as a line to the file {@code name}. */
    static void record(String name) {
        try {
            Files.writeString(dir().resolve(name), ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Reaper(isolation = Isolation.FORK, timeout = "30 s")
    static class TenTests {

        TenTests() {
            record("constructed");
        }

        @BeforeAll
        static void once() {
            record("beforeAll");
        }

        @org.junit.jupiter.api.AfterAll
        static void last() {
            record("afterAll");
        }

        @Test
        void t01() {}
        @Test
        void t02() {}
        @Test
        void t03() {}
        @Test
        void t04() {}
        @Test
        void t05() {}
        @Test
        void t06() {}
        @Test
        void t07() {}
        @Test
        void t08() {}
        @Test
        void t09() {}
        @Test
        void t10() {}
    }

    @Configuration
    static class SpringConfig {

        @Bean
        String greeting() {
            record("context");
            return "hello";
        }
    }

    @Reaper(isolation = Isolation.FORK, timeout = "60 s")
    @SpringJUnitConfig(SpringConfig.class)
    static class SpringInAWorker {

        @Autowired
        String greeting;

        @Test
        void first() {
            assertGreeting();
        }

        @Test
        void second() {
            assertGreeting();
        }

        @Test
        void third() {
            assertGreeting();
        }

        private void assertGreeting() {
            if (!"hello".equals(greeting)) {
                throw new AssertionError("not injected: " + greeting);
            }
        }
    }

    @Reaper(isolation = Isolation.FORK, timeout = "1 s", grace = "300 ms")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class DeadlockThird {

        @BeforeAll
        static void once() {
            record("beforeAll");
        }

        @Test
        void t1() { record("t1"); }
        @Test
        void t2() { record("t2"); }

        @Test
        void t3() {
            record("t3");
            Hangs.monitorDeadlock();
        }

        @Test
        void t4() { record("t4"); }
        @Test
        void t5() { record("t5"); }
        @Test
        void t6() { record("t6"); }
    }

    @Reaper(isolation = Isolation.FORK, timeout = "10 s")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class ExitInSecond {

        @Test
        void t1() { record("t1"); }

        @Test
        void t2() {
            System.exit(3);
        }

        @Test
        void t3() { record("t3"); }
        @Test
        void t4() { record("t4"); }
    }

    /** Without the kill rung (reaper.ladder = interrupt, flag, stop). */
    @Reaper(isolation = Isolation.FORK, timeout = "1 s", grace = "300 ms")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class DeadlockWithoutKill {

        @Test
        void a_deadlocks() {
            record("a");
            Hangs.monitorDeadlock();
        }

        @Test
        void b_passes() { record("b"); }
    }

    /** A ladder of its own, not the configuration's: its messages must name this one. */
    @Reaper(isolation = Isolation.FORK, timeout = "1 s", grace = "300 ms", ladder = {Rung.INTERRUPT, Rung.STOP,
            Rung.KILL})
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class DeadlockWithItsOwnLadder {

        @Test
        void a_deadlocks() {
            record("a");
            Hangs.monitorDeadlock();
        }

        @Test
        void b_passes() { record("b"); }
    }

    /** A parameterized test of 2,000 invocations and a test under JUnit's own short timeout. */
    @Reaper(isolation = Isolation.FORK, timeout = "60 s")
    static class ManyInvocations {

        static Stream<Integer> numbers() {
            record("generated");
            return java.util.stream.IntStream.range(0, 2_000).boxed();
        }

        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.MethodSource("numbers")
        void each(int number) {
        }

        @Test
        @org.junit.jupiter.api.Timeout(value = 200, unit = java.util.concurrent.TimeUnit.MILLISECONDS)
        void quickUnderJUnitsTimeout() {
        }
    }

    /** A method that asks for thread isolation inside a fork-isolated class: it runs in the worker, never killed. */
    @Reaper(isolation = Isolation.FORK, timeout = "1 s", grace = "300 ms")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class ThreadMethodInForkClass {

        @BeforeAll
        static void once() {
            record("beforeAll");
        }

        @Test
        @Reaper(isolation = Isolation.THREAD)
        void a_deadlocks() {
            record("a");
            Hangs.monitorDeadlock();
        }

        @Test
        void b_passes() { record("b"); }
    }

    /**
     * Each class waits, up to a minute, until another has started too: with two workers the first two
     * meet; with one at a time the first would wait in vain. Each also counts the classes active with it.
     */
    abstract static class Rendezvous {

        @Test
        void meets() throws Exception {
            String name = getClass().getSimpleName();
            Path active = dir().resolve("active-" + name);
            Files.writeString(active, "");
            Files.writeString(dir().resolve("started-" + name), "");
            record("concurrency-" + count("active-"));
            long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (count("started-") < 2 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            record("met-" + (count("started-") >= 2));
            Thread.sleep(300); // stays active a little, for the count of the next class
            Files.delete(active);
        }

        private static long count(String prefix) throws IOException {
            try (Stream<Path> files = Files.list(dir())) {
                return files.filter(file -> file.getFileName().toString().startsWith(prefix)).count();
            }
        }
    }

    @Reaper(isolation = Isolation.FORK, timeout = "2 m")
    static class RendezvousA extends Rendezvous {
    }

    @Reaper(isolation = Isolation.FORK, timeout = "2 m")
    static class RendezvousB extends Rendezvous {
    }

    @Reaper(isolation = Isolation.FORK, timeout = "2 m")
    static class RendezvousC extends Rendezvous {
    }

    @Reaper(isolation = Isolation.FORK, timeout = "2 m")
    static class RendezvousD extends Rendezvous {
    }

    /** Run in part, as Surefire reruns a failed dynamic test or invocation: by its unique ID. */
    @Reaper(isolation = Isolation.FORK, timeout = "30 s")
    static class PartlySelected {

        @TestFactory
        Stream<DynamicTest> dynamic() {
            return Stream.of(1, 2, 3).map(i -> DynamicTest.dynamicTest("dynamic " + i, () -> record("dynamic-" + i)));
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3})
        void invocation(int i) {
            record("invocation-" + i);
        }
    }
}
