package dev.reaper.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EventType;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import dev.reaper.HungTestException;
import dev.reaper.Rung;
import dev.reaper.WorkerExitedException;
import dev.reaper.internal.fork.parent.WorkerStartException;
import dev.reaper.internal.ladder.Stoppers;
import dev.reaper.testing.Bounds;
import dev.reaper.testing.Kit;

/**
 * Hangs that no thread-level rung can end, in fork isolation: each ends as an attributed failure in
 * bounded time, and the next test of the class passes on a new worker.
 */
class ForkAcceptanceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final Duration GRACE = Duration.ofMillis(300);

    /** The pid a test published from its worker. */
    static long pid(Kit kit, String test) {
        return kit.events(event -> event.getType() == EventType.REPORTING_ENTRY_PUBLISHED
                && event.getTestDescriptor().getDisplayName().startsWith(test)).stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("pid"))
                .filter(value -> value != null)
                .map(Long::parseLong)
                .findFirst().orElseThrow(() -> new AssertionError("no pid published by " + test));
    }

    static void assertNextTestPassedOnANewWorker(Kit kit) {
        kit.assertSuccessful("b_passesOnANewWorker");
        long hungWorker = pid(kit, "a_hangs");
        assertThat(pid(kit, "b_passesOnANewWorker")).isNotEqualTo(hungWorker);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(hungWorker).isEmpty()
                || !ProcessHandle.of(hungWorker).get().isAlive());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {ForkFixtures.MonitorDeadlock.class, ForkFixtures.SocketRead.class,
            ForkFixtures.CatchThrowableLoop.class})
    void hangsBeyondThreadsAreKilledWithTheirWorker(Class<?> fixture) {
        Kit kit = Kit.run(fixture);

        HungTestException hung = kit.hung("a_hangs");
        assertThat(hung.stoppedBy()).contains(Rung.KILL);
        assertThat(hung.isZombie()).isFalse();
        assertThat(hung.getMessage())
                .startsWith("ForkFixtures." + fixture.getSimpleName()
                        + ".a_hangs(TestReporter) exceeded its timeout of 1 s; stopped by kill")
                .contains("was killed");
        assertThat(hung.threadDump()).isNotBlank();
        // The worker's ladder takes its three graces, then the parent kills: a generous bound over that.
        assertThat(kit.elapsed("a_hangs")).isLessThan(Bounds.within(TIMEOUT, GRACE, 4).plusSeconds(10));
        assertNextTestPassedOnANewWorker(kit);
    }

    @Test
    void aTestWhoseShutdownHookHangsIsEndedByTheStopRungAndItsWorkerIsReplaced() {
        // The stop rung throws Reaper's error (not ThreadDeath, which Shutdown rethrows) only through JVMTI.
        assumeTrue(Stoppers.jvmtiUnavailableReason().isEmpty(),
                () -> "no JVMTI stopper: " + Stoppers.jvmtiUnavailableReason().orElse(""));
        Kit kit = Kit.run(ForkFixtures.HangingShutdownHook.class, "reaper.ladder", "interrupt, flag, stop, kill");

        // System.exit waits for the hook and ignores interrupts. The stop rung ends that wait, and the
        // JVM's shutdown, which ignores errors from hooks, halts with status 0 before the parent's kill.
        assertThat(kit.failure("a_hangs")).isInstanceOf(WorkerExitedException.class).hasMessageContaining(
                "HangingShutdownHook.a_hangs(TestReporter) exited during the test")
                .hasMessageContaining("System.exit(0)");
        assertThat(kit.elapsed("a_hangs")).isLessThan(Bounds.within(TIMEOUT, GRACE, 4).plusSeconds(10));
        assertNextTestPassedOnANewWorker(kit);
    }

    @Test
    void aTestWhoseShutdownHookHangsIsKilledWithItsWorkerWithoutTheStopRung() {
        Kit kit = Kit.run(ForkFixtures.HangingShutdownHook.class, "reaper.ladder", "interrupt, flag, kill");

        // Nothing in the worker ends System.exit's wait for the hook: the parent kills the worker.
        HungTestException hung = kit.hung("a_hangs");
        assertThat(hung.stoppedBy()).contains(Rung.KILL);
        assertThat(hung.getMessage()).startsWith("ForkFixtures.HangingShutdownHook.a_hangs(TestReporter) exceeded its"
                + " timeout of 1 s; stopped by kill").contains("was killed");
        assertThat(kit.elapsed("a_hangs")).isLessThan(Bounds.within(TIMEOUT, GRACE, 3).plusSeconds(10));
        assertNextTestPassedOnANewWorker(kit);
    }

    @Test
    void aMonitorDeadlockIsNamedInTheFailure() {
        HungTestException hung = Kit.run(ForkFixtures.MonitorDeadlock.class).hung("a_hangs");

        assertThat(hung.deadlock()).hasValueSatisfying(deadlock -> assertThat(deadlock).contains("deadlock-partner"));
        assertThat(hung.getStackTrace()).extracting(StackTraceElement::getMethodName).contains("lockBoth");
    }

    @ParameterizedTest(name = "{0} exits with {1}")
    @org.junit.jupiter.params.provider.CsvSource({
            "dev.reaper.fork.ForkFixtures$SystemExit,        3,   System.exit(3)",
            "dev.reaper.fork.ForkFixtures$RuntimeHalt,       5,   System.exit(5)",
            "dev.reaper.fork.ForkFixtures$KilledFromOutside, 137, SIGKILL"})
    void aWorkerThatExitsFailsItsTestSayingWhy(Class<?> fixture, int exitCode, String cause) {
        Kit kit = Kit.run(fixture);

        Throwable failure = kit.failure("a_hangs");
        assertThat(failure).isInstanceOf(WorkerExitedException.class)
                .hasMessageContaining("exited during the test")
                .hasMessageContaining(String.valueOf(exitCode))
                .hasMessageContaining(cause);
        assertNextTestPassedOnANewWorker(kit);
    }

    @Test
    void aSubprocessTheTestHangsOnIsKilledWithTheWorker() {
        Kit kit = Kit.run(ForkFixtures.SubprocessHang.class);

        HungTestException hung = kit.hung("a_hangs");
        assertThat(hung.stoppedBy()).contains(Rung.KILL);
        // The worker's leak detection stops what a hung test left (the sleep) before it reports; whatever
        // it missed, the parent's kill takes with the worker.
        assertThat(hung.getMessage()).contains("was killed");
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.allProcesses()
                .noneMatch(process -> process.info().commandLine().orElse("").contains(ForkFixtures.SLEEP_MARKER)));
        assertNextTestPassedOnANewWorker(kit);
    }

    @Test
    void aWorkerThatStopsAnsweringIsDumpedFromOutsideAndKilled() {
        Kit kit = Kit.run(ForkFixtures.UnguardedHang.class);

        HungTestException hung = kit.hung("a_hangs");
        assertThat(hung.stoppedBy()).contains(Rung.KILL);
        assertThat(hung.getMessage()).contains("the worker JVM did not end it within its ladder")
                .contains("thread dump of the worker by");
        assertThat(hung.threadDump()).contains("HangingCallback.beforeEach");
        assertThat(hung.getStackTrace()).extracting(StackTraceElement::getMethodName).contains("beforeEach");
        assertThat(kit.elapsed("a_hangs")).isLessThan(Bounds.within(TIMEOUT, GRACE, 4).plusSeconds(15));
    }

    @Test
    void aWorkerThatStopsAnsweringIsDescribedWithTheLadderItsAnnotationGave() {
        Kit kit = Kit.run(ForkFixtures.UnguardedHangWithItsOwnLadder.class, "reaper.ladder",
                "interrupt, flag, stop, kill");

        HungTestException hung = kit.hung("a_hangs");
        assertThat(hung.stoppedBy()).contains(Rung.KILL);
        assertThat(hung.getMessage()).contains("the worker JVM did not end it within its ladder (interrupt)");
    }

    @Test
    void configurationAloneForksAndPassesJvmOptions() {
        Kit kit = Kit.run(ForkFixtures.ConfiguredOnly.class, "reaper.isolation.default", "fork",
                "reaper.fork.jvmArgs", "-Dfork.marker=42 -Xmx256m");

        kit.assertSuccessful("runsInAWorker");
        assertThat(pid(kit, "runsInAWorker")).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(entries(kit, "runsInAWorker")).anySatisfy(entry -> assertThat(entry).containsEntry("marker", "42"));
    }

    @Test
    void aWorkerThatCannotStartSaysWhyWithItsCommandLine() {
        Kit kit = Kit.run(ForkFixtures.ConfiguredOnly.class, "reaper.isolation.default", "fork",
                "reaper.fork.jvmArgs", "-XX:+NoSuchReaperOption");

        // The class fails, as it would if its @BeforeAll could not start; its test never ran.
        assertThat(kit.started("runsInAWorker")).isEmpty();
        assertThat(kit.failure("ConfiguredOnly")).isInstanceOf(WorkerStartException.class)
                .hasMessageStartingWith("Reaper could not start a worker JVM: the worker JVM exited as it started"
                        + " (exit code 1)")
                .hasMessageContaining("Command: ").hasMessageContaining("-XX:+NoSuchReaperOption")
                .hasMessageContaining("Unrecognized VM option");
    }

    static List<Map<String, String>> entries(Kit kit, String test) {
        return kit.events(event -> event.getType() == EventType.REPORTING_ENTRY_PUBLISHED
                && event.getTestDescriptor().getDisplayName().startsWith(test)).stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs()).toList();
    }

    @Test
    void anAfterAllFailureInTheWorkerFailsTheClassAsWithoutFork() {
        Kit kit = Kit.run(ForkFixtures.AfterAllFails.class);

        kit.assertSuccessful("passes");
        assertThat(kit.failure("AfterAllFails")).isInstanceOf(IllegalStateException.class)
                .hasMessage("@AfterAll failed in the worker");
    }

    @Test
    void anAssumptionInBeforeAllAbortsTheClassAsWithoutFork() {
        Kit kit = Kit.run(ForkFixtures.BeforeAllAborts.class);

        assertThat(kit.started("neverRuns")).isEmpty();
        TestExecutionResult result = kit.result("BeforeAllAborts");

        assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
        assertThat(result.getThrowable()).get().isInstanceOf(TestAbortedException.class)
                .extracting(Throwable::getMessage).asString().contains("no Docker here");
    }

    @Test
    void aFactoryKeepsItsBeforeEachInThisJvm() {
        Kit kit = Kit.run(ForkFixtures.FactoryWithBeforeEach.class);

        kit.assertSuccessful("cases()").assertSuccessful("case 1");
    }

    @Test
    void aWorkerJUnitStoppedWaitingForIsNotGivenTheNextTest() {
        Kit kit = Kit.run(ForkFixtures.JUnitTimeoutFirst.class);

        assertThat(kit.failure("a_ignoresInterrupts")).isInstanceOf(java.util.concurrent.TimeoutException.class);
        kit.assertSuccessful("b_passes").assertSuccessful("c_passes");
    }

    @Test
    void whatTheWorkerPrintsAppearsHere() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        try {
            System.setOut(capture);
            System.setErr(capture);
            Kit.run(org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod(ForkFixtures.Kinds.class,
                    "printsAndPasses", TestReporter.class.getName())).assertSuccessful("printsAndPasses");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("hello from the worker\n", "complaint from the worker\n");
    }

    @Test
    void resultsComeBackAsThemselves() {
        Kit kit = Kit.run(ForkFixtures.Kinds.class);

        kit.assertSuccessful("printsAndPasses");
        long parent = ProcessHandle.current().pid();
        assertThat(pid(kit, "printsAndPasses")).isNotEqualTo(parent);

        Throwable failed = kit.failure("failsWithExpectedAndActual");
        assertThat(failed).isInstanceOf(AssertionFailedError.class);
        assertThat(((AssertionFailedError) failed).getExpected().getValue()).isEqualTo("expected text");
        assertThat(((AssertionFailedError) failed).getActual().getValue()).isEqualTo("actual text");
        assertThat(failed.getStackTrace()).extracting(StackTraceElement::getMethodName)
                .contains("failsWithExpectedAndActual");

        TestExecutionResult aborted = kit.result("abortsOnAnAssumption");
        assertThat(aborted.getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
        assertThat(aborted.getThrowable()).get().isInstanceOf(TestAbortedException.class)
                .extracting(Throwable::getMessage).asString().contains("not on this machine");

        Throwable custom = kit.failure("throwsACustomException");
        assertThat(custom).isInstanceOf(ForkFixtures.CustomFailure.class).hasMessage("custom")
                .hasCauseInstanceOf(IllegalStateException.class);

        kit.assertSuccessful("[1]").assertSuccessful("[3]");
        assertThat(kit.failure("[2]")).isInstanceOf(IllegalArgumentException.class).hasMessage("two is wrong");
        kit.assertSuccessful("dynamic ok");
        assertThat(kit.failure("dynamic fails")).hasMessage("dynamic failure");
        kit.assertSuccessful("nestedPasses");
        assertThat(pid(kit, "nestedPasses")).isNotEqualTo(parent);
        // Failures do not cost a worker: one warm worker ran them all.
        assertThat(List.of(pid(kit, "[1]"), pid(kit, "[3]"), pid(kit, "nestedPasses")))
                .containsOnly(pid(kit, "printsAndPasses"));
    }

    @Test
    void reportEntriesOfLifecycleMethodsReachTheParent() {
        Kit kit = Kit.run(ForkFixtures.Kinds.class);

        List<Map<String, String>> entries = entries(kit, "printsAndPasses");
        assertThat(entries).anySatisfy(entry -> assertThat(entry).containsKey("beforeEachPid"));
        assertThat(entries).anySatisfy(entry -> assertThat(entry).containsKey("pid"));
    }

}
