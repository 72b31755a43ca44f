package dev.reaper.internal.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

import dev.reaper.HungTestException;
import dev.reaper.Rung;
import dev.reaper.internal.config.Policy;
import dev.reaper.internal.evidence.Evidence;
import dev.reaper.internal.ladder.Climb;
import dev.reaper.internal.ladder.Ladder;

/**
 * What happens at a deadline, in order: capture the evidence before anything touches the thread,
 * climb the ladder, register a zombie if the thread is still running, and build the failure. Runs on
 * the JUnit thread that was waiting for the test, so concurrent hangs escalate concurrently.
 */
final class Escalation {

    private final Ladder ladder;
    private final Zombies zombies;
    private final PrintStream console;

    Escalation(List<Rung> rungs, Zombies zombies, PrintStream console) {
        this.ladder = Ladder.forThreads(rungs);
        this.zombies = zombies;
        this.console = console;
    }

    HungTestException escalate(HungInvocation hung, Policy policy, long deadlineNanos, String uniqueId) {
        Evidence evidence = Evidence.capture(hung.thread());
        String exceeded = "Reaper: " + hung.description() + " exceeded its timeout of "
                + Durations.format(policy.timeout()) + "; ";
        Climb climb = ladder.climb(hung, policy.grace(), line -> console.println(exceeded + line + " ..."));
        Duration overrun = Duration.ofNanos(System.nanoTime() - deadlineNanos);
        HungTestException failure = HungTestFailure.create(hung.description(), policy.timeout(), overrun, evidence,
                climb, hung.thread(), hung.failure());
        if (climb.isZombie()) {
            zombies.add(hung.description(), hung.thread(), failure, policy.zombies(), uniqueId);
            DeadlineWatch.abandoned(uniqueId, failure);
            console.println("Reaper: " + hung.description() + " could not be stopped; thread \"" + hung.thread().getName()
                    + "\" is abandoned as a zombie (reaper.zombies=" + policy.zombies().configName() + ")");
        } else {
            console.println("Reaper: " + hung.description() + " ended "
                    + (climb.stoppedBy() == null ? "by itself" : "by " + climb.stoppedBy().configName()) + ", "
                    + Durations.format(overrun) + " after its deadline");
        }
        return failure;
    }
}
