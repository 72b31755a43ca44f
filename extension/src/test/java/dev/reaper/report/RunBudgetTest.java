package dev.reaper.report;

import static dev.reaper.report.ReportFiles.events;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reaper.testing.ChildJvm;

/**
 * The graceful run budget in child JVMs: when {@code reaper.run.timeout} or {@code reaper.run.stall} runs out,
 * the running test is ended through its ladder with a failure naming the budget, every test not started is
 * skipped as not run, and the launcher finishes normally; only a test no rung can free halts the JVM (124).
 */
class RunBudgetTest {

    private static final String ORDER =
            "junit.jupiter.testclass.order.default=org.junit.jupiter.api.ClassOrderer$ClassName";

    @TempDir
    Path dir;

    @Test
    void aSpentBudgetEndsTheRunningTestSkipsTheRestAndTheRunFinishes() throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(List.of(),
                List.of(RunBudgetFixture.A_Passes.class, RunBudgetFixture.B_Hangs.class,
                        RunBudgetFixture.C_NotStarted.class),
                "reaper.run.timeout=3 s", "reaper.report.dir=" + dir, ORDER);

        String budget = "reaper.run.timeout of 3 s exhausted";
        assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(0);
        assertThat(outcome.output())
                .contains("RESULT passes() SUCCESSFUL", "RESULT a_passes() SUCCESSFUL")
                .contains(
                        "RESULT b_hangs() FAILED HungTestException: RunBudgetFixture.B_Hangs.b_hangs() was ended by the run"
                                + " budget: " + budget + " (its own timeout is 60 m); stopped by interrupt ")
                .contains("SKIPPED c_notStarted() not run: " + budget)
                .contains("SKIPPED a_notStarted() not run: " + budget, "SKIPPED b_notStarted() not run: " + budget)
                .contains("B_Hangs CLEANED UP")
                .doesNotContain("left thread \"reaper-run-watchdog") // its threads are no leak of the test it ends
                .doesNotContain("C_NotStarted SET UP")
                .contains("Reaper: run watchdog: the run exceeded its budget of 3 s (reaper.run.timeout); " + budget
                        + ": ending the running tests through their ladders")
                .contains("Reaper: run watchdog: " + budget + "; the run ended gracefully, the JVM was not halted: 1"
                        + " running test ended by the budget (RunBudgetFixture.B_Hangs.b_hangs()), 3 tests not run (skipped);"
                        + " the run fails")
                .contains("LAUNCHER DONE");
        Map<String, Object> watchdog = watchdogEvent(outcome);
        assertThat(watchdog).containsEntry("reason", "run-timeout").containsEntry("outcome", "graceful")
                .containsEntry("exitStatus", null)
                .containsEntry("endedByBudget", List.of("RunBudgetFixture.B_Hangs.b_hangs()"))
                .containsEntry("notRun",
                        List.of("RunBudgetFixture.B_Hangs.c_notStarted()",
                                "RunBudgetFixture.C_NotStarted.a_notStarted()",
                                "RunBudgetFixture.C_NotStarted.b_notStarted()"));
    }

    @Test
    void aSpentBudgetKillsTheWorkerOfARunningForkedTestAndSkipsTheForkedTestsNotStarted() throws Exception {
        // One worker at a time, so that the second class has not started when the budget runs out.
        ChildJvm.Outcome outcome = ChildJvm.run(List.of(), List.of(ForkBudgetFixture.B_HangsInAWorker.class,
                ForkBudgetFixture.C_NotStartedInAWorker.class), "reaper.run.timeout=4 s", "reaper.report.dir=" + dir,
                "reaper.fork.workers=1", ORDER);

        String budget = "reaper.run.timeout of 4 s exhausted";
        assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(0);
        assertThat(outcome.output())
                .contains("RESULT a_passes() SUCCESSFUL")
                .contains("RESULT b_hangs() FAILED HungTestException: ForkBudgetFixture.B_HangsInAWorker.b_hangs() was"
                        + " ended by the run budget: " + budget + "; its worker JVM (pid ")
                .contains("SKIPPED c_notStarted() not run: " + budget)
                .contains("SKIPPED notStarted() not run: " + budget)
                .contains("the run ended gracefully, the JVM was not halted")
                .contains("LAUNCHER DONE");
    }

    @Test
    void aStallEndsTheRunGracefullyToo() throws Exception {
        ChildJvm.Outcome outcome =
                ChildJvm.run(List.of(), List.of(RunBudgetFixture.B_Hangs.class, RunBudgetFixture.C_NotStarted.class),
                        "reaper.run.stall=2 s", "reaper.report.dir=" + dir, ORDER);

        assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(0);
        assertThat(outcome.output())
                .contains(
                        "RESULT b_hangs() FAILED HungTestException: RunBudgetFixture.B_Hangs.b_hangs() was ended by the run"
                                + " budget: reaper.run.stall of 2 s exhausted")
                .contains("SKIPPED a_notStarted() not run: reaper.run.stall of 2 s exhausted")
                .contains("the run ended gracefully, the JVM was not halted");
        assertThat(watchdogEvent(outcome)).containsEntry("reason", "stall").containsEntry("outcome", "graceful");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTestNoRungCanFreeHaltsTheJvmNamingTheRunningAndTheNotRunTests() throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(List.of(), List.of(RunBudgetFixture.B_Deadlocks.class,
                RunBudgetFixture.C_NotStarted.class), "reaper.run.timeout=3 s", "reaper.report.dir=" + dir, ORDER);

        assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(124);
        assertThat(outcome.output())
                .contains("RESULT a_passes() SUCCESSFUL")
                .contains("Reaper: RunBudgetFixture.B_Deadlocks.b_deadlocks() could not be stopped")
                .contains("Reaper: run watchdog: reaper.run.timeout of 3 s exhausted; halted:"
                        + " RunBudgetFixture.B_Deadlocks.b_deadlocks() could not be stopped: it holds its thread, so the"
                        + " run cannot finish; halting with status 124")
                .contains("Reaper:   RunBudgetFixture.B_Deadlocks.b_deadlocks() has been running for ")
                .contains("Reaper:   ended before, in the classes still running (the halt costs them their XML report):"
                        + " RunBudgetFixture.B_Deadlocks.a_passes() SUCCESSFUL")
                .contains("Reaper:   not run (3): ")
                .doesNotContain("LAUNCHER DONE");
        Map<String, Object> watchdog = watchdogEvent(outcome);
        assertThat(watchdog).containsEntry("outcome", "halted").containsEntry("exitStatus", "124")
                .containsEntry("endedByBudget", List.of("RunBudgetFixture.B_Deadlocks.b_deadlocks()"));
        assertThat((List<Object>) watchdog.get("notRun")).containsExactly("RunBudgetFixture.B_Deadlocks.c_notStarted()",
                "RunBudgetFixture.C_NotStarted.a_notStarted()", "RunBudgetFixture.C_NotStarted.b_notStarted()");
        assertThat(ReportFiles.map(((List<?>) watchdog.get("running")).get(0)))
                .containsEntry("test", "RunBudgetFixture.B_Deadlocks.b_deadlocks()");
    }

    /** Each launcher session is a run of its own: the first one's spent budget does not skip the second's tests. */
    @Test
    void aLaterLauncherSessionInTheSameJvmHasABudgetOfItsOwn() throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(List.of("-Dlaunch.sessions=2"), RunBudgetFixture.B_Hangs.class,
                "reaper.run.timeout=3 s", "reaper.report.dir=" + dir);

        String budget = "reaper.run.timeout of 3 s exhausted";
        assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(0);
        assertThat(outcome.output()).contains("SESSION 1", "SESSION 2", "LAUNCHER DONE");
        for (String session : outcome.output().split("SESSION 2", 2)) {
            assertThat(session)
                    .contains("RESULT a_passes() SUCCESSFUL")
                    .contains("RESULT b_hangs() FAILED HungTestException: RunBudgetFixture.B_Hangs.b_hangs() was ended"
                            + " by the run budget: " + budget)
                    .contains("SKIPPED c_notStarted() not run: " + budget)
                    .contains("the run ended gracefully, the JVM was not halted");
        }
        // The JVM's one report file has both runs' events: the second run added to it, overwriting nothing.
        String pid = outcome.output().replaceAll("(?s).*reaper-(\\d+)\\.json.*", "$1");
        assertThat(events(ReportFiles.json(dir, Long.parseLong(pid)), "watchdog")).hasSize(2)
                .allSatisfy(watchdog -> assertThat(watchdog).containsEntry("outcome", "graceful")
                        .containsEntry("endedByBudget", List.of("RunBudgetFixture.B_Hangs.b_hangs()")));
    }

    private Map<String, Object> watchdogEvent(ChildJvm.Outcome outcome) throws Exception {
        String pid = outcome.output().replaceAll("(?s).*reaper-(\\d+)\\.json.*", "$1");
        List<Map<String, Object>> watchdogs = events(ReportFiles.json(dir, Long.parseLong(pid)), "watchdog");
        assertThat(watchdogs).hasSize(1);
        return watchdogs.get(0);
    }
}
