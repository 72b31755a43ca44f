package dev.reaper.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.reaper.Isolation;
import dev.reaper.Reaper;
import dev.reaper.ReaperExtension;
import dev.reaper.Rung;
import dev.reaper.testing.Hangs;

/** Tests that run in worker JVMs; each publishes its worker's pid as a report entry. */
final class ForkFixtures {

    /** A unique marker in the command line of subprocesses these fixtures start. */
    static final String SLEEP_MARKER = "600.4242";

    private ForkFixtures() {
    }

    static void publishPid(TestReporter reporter) {
        reporter.publishEntry("pid", String.valueOf(ProcessHandle.current().pid()));
    }

    /** Each class: a test that hangs beyond what threads can do, then one that must pass on a new worker. */
    @Reaper(isolation = Isolation.FORK, timeout = "1 s", grace = "300 ms")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    abstract static class HangThenPass {

        @Test
        void b_passesOnANewWorker(TestReporter reporter) {
            publishPid(reporter);
        }
    }

    static class MonitorDeadlock extends HangThenPass {

        @Test
        void a_hangs(TestReporter reporter) {
            publishPid(reporter);
            Hangs.monitorDeadlock();
        }
    }

    static class SocketRead extends HangThenPass {

        @Test
        void a_hangs(TestReporter reporter) throws IOException {
            publishPid(reporter);
            try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                    Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
                    Socket accepted = server.accept()) {
                client.getInputStream().read(); // nobody ever writes: blocks in native code, no timeout
            }
        }
    }

    static class CatchThrowableLoop extends HangThenPass {

        static volatile long sink;

        @Test
        void a_hangs(TestReporter reporter) {
            publishPid(reporter);
            while (true) {
                try {
                    while (true) {
                        sink++;
                    }
                } catch (Throwable swallowed) {
                    // swallows every interrupt and stop
                }
            }
        }
    }

    static class SystemExit extends HangThenPass {

        @Test
        void a_hangs(TestReporter reporter) {
            publishPid(reporter);
            System.exit(3);
        }
    }

    static class RuntimeHalt extends HangThenPass {

        @Test
        void a_hangs(TestReporter reporter) {
            publishPid(reporter);
            Runtime.getRuntime().halt(5);
        }
    }

    static class KilledFromOutside extends HangThenPass {

        @Test
        void a_hangs(TestReporter reporter) throws Exception {
            publishPid(reporter);
            new ProcessBuilder("kill", "-9", String.valueOf(ProcessHandle.current().pid())).start().waitFor();
            Thread.sleep(60_000);
        }
    }

    static class HangingShutdownHook extends HangThenPass {

        @Test
        void a_hangs(TestReporter reporter) {
            publishPid(reporter);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                while (true) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException ignored) {
                        // a hook that will not end
                    }
                }
            }));
            System.exit(0);
        }
    }

    static class SubprocessHang extends HangThenPass {

        @Test
        void a_hangs(TestReporter reporter) throws IOException {
            publishPid(reporter);
            Process sleep = new ProcessBuilder("sleep", SLEEP_MARKER).start();
            try (InputStream output = sleep.getInputStream()) {
                output.read(); // sleep prints nothing: blocked in a native read
            }
        }
    }

    @Reaper(isolation = Isolation.FORK, timeout = "5 s")
    static class Kinds {

        static int beforeAllRuns;

        @BeforeAll
        static void beforeAll() {
            beforeAllRuns++;
        }

        @BeforeEach
        void beforeEach(TestReporter reporter) {
            reporter.publishEntry("beforeEachPid", String.valueOf(ProcessHandle.current().pid()));
        }

        @Test
        void printsAndPasses(TestReporter reporter) {
            publishPid(reporter);
            System.out.println("hello from the worker");
            System.err.println("complaint from the worker");
            org.junit.jupiter.api.Assertions.assertTrue(beforeAllRuns >= 1, "@BeforeAll ran in the worker");
        }

        @Test
        void failsWithExpectedAndActual() {
            assertEquals("expected text", "actual text");
        }

        @Test
        void abortsOnAnAssumption() {
            assumeTrue(false, "not on this machine");
        }

        @Test
        void throwsACustomException() {
            throw new CustomFailure("custom", new IllegalStateException("the cause"));
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3})
        void parameterized(int value, TestReporter reporter) {
            publishPid(reporter);
            if (value == 2) {
                throw new IllegalArgumentException("two is wrong");
            }
        }

        @TestFactory
        Stream<DynamicTest> dynamic() {
            return Stream.of(
                    DynamicTest.dynamicTest("dynamic ok", () -> {
                    }),
                    DynamicTest.dynamicTest("dynamic fails", () -> {
                        throw new AssertionError("dynamic failure");
                    }));
        }

        @Nested
        class Inner {

            @Test
            void nestedPasses(TestReporter reporter) {
                publishPid(reporter);
            }
        }
    }

    static class CustomFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CustomFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Reaper(isolation = Isolation.FORK, timeout = "10 s")
    static class AfterAllFails {

        @AfterAll
        static void tearDown() {
            throw new IllegalStateException("@AfterAll failed in the worker");
        }

        @Test
        void passes() {
        }
    }

    @Reaper(isolation = Isolation.FORK, timeout = "10 s")
    static class BeforeAllAborts {

        @BeforeAll
        static void needsDocker() {
            assumeTrue(false, "no Docker here");
        }

        @Test
        void neverRuns() {
        }
    }

    @Reaper(isolation = Isolation.FORK, timeout = "10 s")
    static class FactoryWithBeforeEach {

        String prefix;

        @BeforeEach
        void setUp() {
            prefix = "case";
        }

        @TestFactory
        Stream<DynamicTest> cases() {
            return Stream.of(DynamicTest.dynamicTest(prefix + " 1", () -> {
            }));
        }
    }

    /** JUnit's separate-thread timeout gives up on the first test; the managed thread is still busy with it. */
    @Reaper(isolation = Isolation.FORK, timeout = "3 s", grace = "200 ms")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class JUnitTimeoutFirst {

        @Test
        @org.junit.jupiter.api.Timeout(value = 300, unit = java.util.concurrent.TimeUnit.MILLISECONDS)
        void a_ignoresInterrupts() {
            long until = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }

        @Test
        void b_passes() {
        }

        @Test
        void c_passes() {
        }
    }

    /** Forked by configuration alone: reaper.isolation.default=fork. */
    @ExtendWith(ReaperExtension.class)
    static class ConfiguredOnly {

        @Test
        void runsInAWorker(TestReporter reporter) {
            publishPid(reporter);
            reporter.publishEntry("marker", String.valueOf(System.getProperty("fork.marker")));
        }
    }

    /**
     * An extension callback is not an invocation Reaper guards: in the worker, the thread running JUnit
     * hangs and the worker stops answering. (Callbacks run in the parent too; there it returns.)
     */
    static class HangingCallback implements BeforeEachCallback {
        @Override
        public void beforeEach(ExtensionContext context) throws Exception {
            if (Boolean.getBoolean("dev.reaper.worker")) {
                Thread.sleep(600_000);
            }
        }
    }

    @Reaper(isolation = Isolation.FORK, timeout = "1 s", grace = "200 ms")
    @ExtendWith(HangingCallback.class)
    static class UnguardedHang {

        @Test
        void a_hangs() {
        }
    }

    /** The same, with a ladder of its own: the kill's message names it, not the configuration's. */
    @Reaper(isolation = Isolation.FORK, timeout = "1 s", grace = "200 ms", ladder = {Rung.INTERRUPT, Rung.KILL})
    @ExtendWith(HangingCallback.class)
    static class UnguardedHangWithItsOwnLadder {

        @Test
        void a_hangs() {
        }
    }

}
