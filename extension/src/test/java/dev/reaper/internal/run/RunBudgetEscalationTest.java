package dev.reaper.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.reaper.HungTestException;
import dev.reaper.Isolation;
import dev.reaper.Rung;
import dev.reaper.ZombiePolicy;
import dev.reaper.internal.config.Policy;
import dev.reaper.internal.report.Reports;

/**
 * Exhausting a run budget escalates the invocations armed at that moment at once, whatever their own
 * deadline, and their failure names the budget; a budget of its own here, never the JVM's, which would end
 * this test run.
 */
class RunBudgetEscalationTest {

    private static final Policy AN_HOUR =
            new Policy(Duration.ofHours(1), Duration.ofMillis(500), List.of(Rung.INTERRUPT),
                    ZombiePolicy.HALT, Isolation.THREAD, null);

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final DeadlineAlarm alarm = new DeadlineAlarm();
    private final RunBudget budget = new RunBudget(alarm);

    @Test
    void anUnexhaustedBudgetSaysNothing() {
        assertThat(budget.exhaustedReason()).isEmpty();
        assertThat(budget.notRunReason()).isEmpty();
    }

    @Test
    void exhaustingItEndsTheRunningInvocationThroughItsLadderWithAFailureNamingTheBudget() throws Exception {
        Escalation escalation = new Escalation(AN_HOUR.ladder(), new Zombies(), Reports.ofThisJvm(),
                new PrintStream(console, true, StandardCharsets.UTF_8));
        CountDownLatch armed = new CountDownLatch(1);
        CompletableFuture<HungTestException> failure = new CompletableFuture<>();
        CompletableFuture<GuardedInvocation> invocation = new CompletableFuture<>();
        Thread junit = new Thread(() -> {
            long start = System.nanoTime();
            GuardedInvocation guarded = new GuardedInvocation(new TestDeadline(), start,
                    start + AN_HOUR.timeout().toNanos(), 0, AN_HOUR, escalation, null, budget, null,
                    () -> "T.waits()");
            invocation.complete(guarded);
            alarm.arm(guarded);
            Throwable thrown = null;
            try {
                armed.countDown();
                new CountDownLatch(1).await(); // the test's code: only the ladder's interrupt ends it
            } catch (InterruptedException e) {
                thrown = e;
            }
            Escalation.Outcome outcome = guarded.finish(thrown);
            alarm.disarm(guarded);
            failure.complete(outcome == null ? null : HungTestFailure.create("T.waits()", AN_HOUR.timeout(),
                    guarded.budgetReason(), Escalation.overrun(guarded), outcome, Thread.currentThread(), thrown));
        }, "junit stand-in");
        junit.start();
        assertThat(armed.await(1, TimeUnit.MINUTES)).isTrue();

        RunBudget.Freeing freeing = budget.exhaust("reaper.run.timeout of 5 s exhausted");

        HungTestException hung = failure.get(1, TimeUnit.MINUTES);
        assertThat(hung.getMessage()).startsWith("T.waits() was ended by the run budget: reaper.run.timeout of 5 s"
                + " exhausted (its own timeout is 60 m); stopped by interrupt ");
        assertThat(hung.stoppedBy()).contains(Rung.INTERRUPT);
        assertThat(freeing.ladders()).isEqualTo(Duration.ofMillis(500));
        assertThat(freeing.zombies()).isEmpty();
        assertThat(invocation.get().budgetReason()).isEqualTo("reaper.run.timeout of 5 s exhausted");
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("Reaper: T.waits(): reaper.run.timeout of 5 s exhausted; interrupting ...")
                .contains("after the run budget ran out");
        assertThat(budget.exhaustedReason()).contains("reaper.run.timeout of 5 s exhausted");
        assertThat(budget.notRunReason()).contains("not run: reaper.run.timeout of 5 s exhausted");
        junit.join(60_000);
    }

    @Test
    void exhaustingOneRunsBudgetLeavesTheInvocationsOfAnotherRunAlone() {
        RunBudget otherRun = new RunBudget(alarm);
        long start = System.nanoTime();
        GuardedInvocation guarded = new GuardedInvocation(new TestDeadline(), start,
                start + AN_HOUR.timeout().toNanos(), 0, AN_HOUR, null, null, budget, null, () -> "T.waits()");
        alarm.arm(guarded);
        try {
            RunBudget.Freeing freeing = otherRun.exhaust("reaper.run.timeout of 5 s exhausted");

            assertThat(freeing.descriptions()).isEmpty();
            assertThat(guarded.budgetReason()).isNull();
            assertThat(budget.exhaustedReason()).isEmpty();
        } finally {
            alarm.disarm(guarded);
        }
    }

    @Test
    void theFirstReasonStays() {
        budget.exhaust("reaper.run.stall of 10 m exhausted");
        budget.exhaust("reaper.run.timeout of 45 m exhausted");

        assertThat(budget.exhaustedReason()).contains("reaper.run.stall of 10 m exhausted");
    }
}
