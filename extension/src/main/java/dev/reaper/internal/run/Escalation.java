package dev.reaper.internal.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

import dev.reaper.HungTestException;
import dev.reaper.Rung;
import dev.reaper.internal.evidence.Evidence;
import dev.reaper.internal.ladder.Climb;
import dev.reaper.internal.ladder.Ladder;
import dev.reaper.internal.report.Reports;
import dev.reaper.internal.util.Durations;

/**
 * What happens at a deadline, in order, on a thread of its own while the test's thread is still in the
 * test: capture the evidence before anything touches the thread, climb the ladder, and hand the outcome
 * to the test's thread, which builds the failure; a thread still running after the last rung is a
 * zombie, which {@link Zombies} reports at once.
 */
final class Escalation {

    /** What the test's thread needs to build its failure once the test's code has returned. */
    record Outcome(Evidence evidence, Climb climb) {
    }

    private final List<Rung> rungs;
    private final Ladder ladder;
    private final Zombies zombies;
    private final Reports reports;
    private final PrintStream console;

    Escalation(List<Rung> rungs, Zombies zombies, Reports reports, PrintStream console) {
        // In a fork worker a rung that would break more than the test is left to the parent's kill.
        this.rungs = List.copyOf(rungs);
        this.ladder = Ladder.forThreads(rungs, DeadlineWatch.isObserved());
        this.zombies = zombies;
        this.reports = reports;
        this.console = console;
    }

    void escalate(GuardedInvocation hung) {
        Evidence evidence = Evidence.capture(hung.thread());
        String description = hung.description();
        Duration timeout = hung.policy().timeout();
        String budget = hung.budgetReason();
        String exceeded = "Reaper: " + (budget == null ? TimeoutMessage.exceeded(description, timeout)
                : description + ": " + budget) + "; ";
        // A ladder of its own (@Reaper(ladder)) is built only here, at a deadline.
        Ladder climbed = hung.policy().ladder().equals(rungs) ? ladder
                : Ladder.forThreads(hung.policy().ladder(), DeadlineWatch.isObserved());
        Climb climb = climbed.climb(hung, hung.policy().grace(), line -> console.println(exceeded + line + " ..."));
        Outcome outcome = new Outcome(evidence, climb);
        if (climb.isZombie()) {
            Duration overrun = Duration.ofNanos(System.nanoTime() - hung.deadlineNanos());
            HungTestException failure = HungTestFailure.create(description, timeout, budget, overrun, outcome,
                    hung.thread(), null);
            zombies.abandoned(hung, description, failure, reports);
        } else {
            console.println("Reaper: " + description + " ended "
                    + (climb.stoppedBy() == null ? "by itself" : "by " + climb.stoppedBy().configName()) + ", "
                    + Durations.format(overrun(hung)) + (budget == null ? " after its deadline"
                            : " after the run budget ran out"));
        }
        hung.escalated(outcome);
    }

    static Duration overrun(GuardedInvocation hung) {
        long end = hung.finishedNanos();
        return Duration.ofNanos((end == 0 ? System.nanoTime() : end) - hung.deadlineNanos());
    }
}
