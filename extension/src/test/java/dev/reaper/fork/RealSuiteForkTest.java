package dev.reaper.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EventType;

import dev.reaper.Isolation;
import dev.reaper.Reaper;
import dev.reaper.testing.ChildJvm;
import dev.reaper.testing.Kit;

/**
 * What running Reaper's fork isolation on real suites (Commons Lang, Commons IO, jsoup) broke, each
 * shown gone (issue 14): JUnit's own short {@code @Timeout} on a cold worker, a static pool shut down in
 * {@code @AfterAll}, the number of workers under JUnit's parallel execution, channel directories after a
 * killed run, and the cost of a large parameterized test.
 */
class RealSuiteForkTest {

    @TempDir
    Path dir;

    @BeforeEach
    void shareTheDirectory() {
        System.setProperty(ByClassFixtures.DIR, dir.toString());
    }

    @AfterEach
    void forgetTheDirectory() {
        System.clearProperty(ByClassFixtures.DIR);
    }

    // ---------------------------------------------------------------------------------------------------
    // JUnit's @Timeout on a cold worker

    /** Reaper's timeout (5 m) is far beyond JUnit's, so JUnit's fires first, as it would without Reaper. */
    @Reaper(isolation = Isolation.FORK, timeout = "5 m")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class JUnitTimeouts {

        @Test
        @Timeout(value = 200, unit = TimeUnit.MILLISECONDS)
        void a_takes50msOnAColdWorker() throws InterruptedException {
            Thread.sleep(50);
        }

        @Test
        @Timeout(value = 200, unit = TimeUnit.MILLISECONDS)
        void b_sleepsAMinute() throws InterruptedException {
            Thread.sleep(60_000);
        }
    }

    @Test
    void junitsShortTimeoutTimesOnlyTheTestAndFiresAsWithoutReaper() {
        long start = System.nanoTime();
        Kit kit = Kit.run(JUnitTimeouts.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // The first test of a fresh worker: the worker's start is no part of JUnit's 200 ms.
        kit.assertSuccessful("a_takes50msOnAColdWorker");
        assertThat(kit.failure("b_sleepsAMinute")).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("b_sleepsAMinute() timed out after 200 milliseconds");
        assertThat(took).as("the minute's sleep was ended by JUnit's timeout").isLessThan(Duration.ofSeconds(40));
    }

    // ---------------------------------------------------------------------------------------------------
    // A static pool shut down in @AfterAll (Commons IO's QueueOutputStreamTest)

    @Reaper(isolation = Isolation.FORK, timeout = "30 s")
    static class StaticPool {

        static final ExecutorService POOL = Executors.newFixedThreadPool(2);

        @AfterAll
        static void shutDown() throws InterruptedException {
            POOL.shutdownNow();
            POOL.awaitTermination(10, TimeUnit.SECONDS);
        }

        @Test
        void t1() throws Exception { assertThat(POOL.submit(() -> 1).get()).isEqualTo(1); }
        @Test
        void t2() throws Exception { assertThat(POOL.submit(() -> 2).get()).isEqualTo(2); }
        @Test
        void t3() throws Exception { assertThat(POOL.submit(() -> 3).get()).isEqualTo(3); }
        @Test
        void t4() throws Exception { assertThat(POOL.submit(() -> 4).get()).isEqualTo(4); }
        @Test
        void t5() throws Exception { assertThat(POOL.submit(() -> 5).get()).isEqualTo(5); }
    }

    @Test
    void aStaticPoolShutDownInAfterAllServesEveryTestOfItsClass() {
        Kit kit = Kit.run(StaticPool.class);

        for (String test : List.of("t1", "t2", "t3", "t4", "t5")) {
            kit.assertSuccessful(test);
        }
        kit.assertSuccessful("StaticPool");
    }

    // ---------------------------------------------------------------------------------------------------
    // JUnit's parallel execution, parallelism 8 (jsoup's Failsafe)

    /** Each test records its worker's pid and takes a while, so that classes overlap. */
    abstract static class Busy {

        @BeforeAll
        static void started() {
            ByClassFixtures.record("classes");
        }

        @Test
        void t1() throws InterruptedException { work("t1"); }
        @Test
        void t2() throws InterruptedException { work("t2"); }
        @Test
        void t3() throws InterruptedException { work("t3"); }
        @Test
        void t4() throws InterruptedException { work("t4"); }

        private void work(String test) throws InterruptedException {
            ByClassFixtures.record("pid-" + getClass().getSimpleName() + "-" + test);
            Thread.sleep(150);
        }
    }

    @Reaper(isolation = Isolation.FORK, timeout = "2 m")
    static class BusyA extends Busy {}
    @Reaper(isolation = Isolation.FORK, timeout = "2 m")
    static class BusyB extends Busy {}
    @Reaper(isolation = Isolation.FORK, timeout = "2 m")
    static class BusyC extends Busy {}
    @Reaper(isolation = Isolation.FORK, timeout = "2 m")
    static class BusyD extends Busy {}
    @Reaper(isolation = Isolation.FORK, timeout = "2 m")
    static class BusyE extends Busy {}
    @Reaper(isolation = Isolation.FORK, timeout = "2 m")
    static class BusyF extends Busy {}

    /** The worker JVMs this JVM started that are running now. */
    static Set<Long> liveWorkers() {
        Set<Long> workers = new java.util.HashSet<>();
        ProcessHandle.current().descendants()
                .filter(process -> commandLine(process).contains("dev.reaper.internal.fork.worker.WorkerMain"))
                .filter(ForkOrphanTest::running)
                .forEach(process -> workers.add(process.pid()));
        return workers;
    }

    /** From {@code /proc}: {@code ProcessHandle.Info} gives no command line for some of them. */
    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException | RuntimeException gone) {
            return process.info().commandLine().orElse("");
        }
    }

    @Test
    void parallelExecutionWithParallelism8RunsAtMostTheConfiguredWorkers() throws Exception {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger most = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread counter = new Thread(() -> {
            while (running.get()) {
                Set<Long> live = liveWorkers();
                seen.addAll(live);
                most.accumulateAndGet(live.size(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "worker counter");
        counter.setDaemon(true);
        counter.start();
        Kit kit;
        try {
            kit = Kit.run(Stream.of(BusyA.class, BusyB.class, BusyC.class, BusyD.class, BusyE.class, BusyF.class)
                    .map(type -> selectClass(type)).toList(),
                    "junit.jupiter.execution.parallel.enabled", "true",
                    "junit.jupiter.execution.parallel.mode.default", "concurrent",
                    "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                    "junit.jupiter.execution.parallel.config.strategy", "fixed",
                    "junit.jupiter.execution.parallel.config.fixed.parallelism", "8",
                    "reaper.fork.workers", "2");
        } finally {
            running.set(false);
            counter.join();
        }

        assertThat(kit.events(event -> event.getType() == EventType.FINISHED && event.getTestDescriptor().isTest()))
                .hasSize(24).allSatisfy(event -> assertThat(event.getRequiredPayload(TestExecutionResult.class)
                        .getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL));
        List<Long> classPids;
        try (Stream<String> lines = Files.lines(dir.resolve("classes"))) {
            classPids = lines.map(Long::parseLong).toList();
        }
        System.out.println("parallelism 8, reaper.fork.workers=2: " + classPids.size() + " classes in "
                + Set.copyOf(classPids).size() + " worker JVMs; at most " + most.get()
                + " alive at once (sampled every 20 ms; " + seen.size() + " seen)");
        assertThat(classPids).hasSize(6).doesNotContain(ProcessHandle.current().pid());
        assertThat(most.get()).as("worker JVMs alive at once").isBetween(1, 2);
        assertThat(seen).containsAll(classPids);
    }

    // ---------------------------------------------------------------------------------------------------
    // A test JVM killed while a forked test runs

    @Reaper(isolation = Isolation.FORK, timeout = "5 m")
    public static class SleepsForked {

        @Test
        void sleeps() throws InterruptedException {
            ByClassFixtures.record("sleeping");
            Thread.sleep(300_000);
        }
    }

    private static List<String> reaperEntries(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString()).filter(name -> name.startsWith("reaper"))
                    .toList();
        }
    }

    @Test
    void aKilledTestJvmLeavesNoChannelDirectoryBehind() throws Exception {
        Path temporary = Files.createDirectory(dir.resolve("tmp"));
        Path output = dir.resolve("child.txt");
        Process child = ChildJvm.start(List.of("-Djava.io.tmpdir=" + temporary,
                "-D" + ByClassFixtures.DIR + "=" + dir), SleepsForked.class, output);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("sleeping")));
            assertThat(reaperEntries(temporary)).as("the run's channel directory, while the test runs").isNotEmpty();

            child.destroyForcibly();
            long killed = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(reaperEntries(temporary)).isEmpty());
            System.out.println("channel directory gone " + Duration.ofNanos(System.nanoTime() - killed).toMillis()
                    + " ms after the test JVM was killed");
        } finally {
            child.destroyForcibly();
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // A 2,000-invocation parameterized test: fork against thread isolation

    static Stream<Integer> numbers() {
        return IntStream.range(0, 2_000).boxed();
    }

    @Reaper(isolation = Isolation.FORK, timeout = "2 m")
    static class ManyForked {

        @ParameterizedTest
        @MethodSource("dev.reaper.fork.RealSuiteForkTest#numbers")
        void each(int number) {
            assertThat(number).isNotNegative();
        }
    }

    @Reaper(isolation = Isolation.THREAD, timeout = "2 m")
    static class ManyOnThreads {

        @ParameterizedTest
        @MethodSource("dev.reaper.fork.RealSuiteForkTest#numbers")
        void each(int number) {
            assertThat(number).isNotNegative();
        }
    }

    @Test
    void aLargeParameterizedTestCostsInAWorkerAboutWhatItCostsOnThreads() {
        Kit.run(ManyOnThreads.class); // warms this JVM up, as a suite's earlier classes would
        // The better of two runs each, alternating: the machine is shared, and a neighbour's build should
        // not decide the ratio.
        Duration onThreads = null;
        Duration inAWorker = null;
        for (int round = 0; round < 2; round++) {
            Duration threads = timeOfEach(Kit.run(ManyOnThreads.class));
            Duration forked = timeOfEach(Kit.run(ManyForked.class));
            onThreads = onThreads == null || threads.compareTo(onThreads) < 0 ? threads : onThreads;
            inAWorker = inAWorker == null || forked.compareTo(inAWorker) < 0 ? forked : inAWorker;
        }
        System.out.printf("2,000 invocations: %d ms on threads, %d ms in a worker: ratio %.2f%n", onThreads.toMillis(),
                inAWorker.toMillis(), (double) inAWorker.toNanos() / Math.max(1, onThreads.toNanos()));
        // The benchmark figure is 1.5 x; asserted loosely, the machine is shared.
        assertThat(inAWorker).isLessThan(onThreads.multipliedBy(3).plusSeconds(5));
    }

    private static Duration timeOfEach(Kit kit) {
        assertThat(kit.events(event -> event.getType() == EventType.FINISHED && event.getTestDescriptor().isTest()
                && event.getRequiredPayload(TestExecutionResult.class)
                        .getStatus() == TestExecutionResult.Status.SUCCESSFUL))
                .hasSize(2_000);
        return kit.elapsed("each");
    }
}
