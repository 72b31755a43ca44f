package dev.reaper.internal.run;

import java.time.Duration;
import java.util.stream.Collectors;

import dev.reaper.HungTestException;
import dev.reaper.Rung;
import dev.reaper.internal.evidence.Evidence;
import dev.reaper.internal.ladder.Climb;
import dev.reaper.internal.util.ApiAccess;
import dev.reaper.internal.util.Durations;

/** Builds the {@link HungTestException} users see, from the evidence and how the climb ended. */
final class HungTestFailure {

    private HungTestFailure() {
    }

    /** @param budget why the run budget ended it (not its own timeout), or null */
    static HungTestException create(String test, Duration timeout, String budget, Duration overrun,
            Escalation.Outcome outcome, Thread thread, Throwable thrownByTest) {
        Evidence evidence = outcome.evidence();
        Climb climb = outcome.climb();
        StringBuilder message = new StringBuilder();
        if (budget == null) {
            message.append(TimeoutMessage.exceeded(test, timeout)).append("; ");
        } else {
            message.append(test).append(" was ended by the run budget: ").append(budget).append(" (its own timeout is ")
                    .append(Durations.format(timeout)).append("); ");
        }
        message.append(outcome(climb, overrun, thread, budget == null ? "the deadline" : "the run budget ran out"));
        for (String skipped : climb.skipped()) {
            message.append("\n(").append(skipped).append(')');
        }
        for (String note : climb.notes()) {
            message.append("\n(").append(note).append(')');
        }
        if (climb.isZombie()) {
            message.append("\nA thread blocked on a monitor, in a blocking native call or in a loop that catches"
                    + " Throwable cannot be stopped inside its JVM; fork isolation ends it by killing the worker JVM.");
        }
        evidence.deadlock().ifPresent(deadlock -> message.append('\n').append(deadlock));
        HungTestException failure = ApiAccess.get().hungTest(message.toString(), test, timeout, climb.stoppedBy(),
                climb.isZombie(), overrun, evidence.threadDump(), evidence.deadlock().orElse(null));
        failure.setStackTrace(evidence.hungStack());
        if (thrownByTest != null) {
            failure.initCause(thrownByTest);
        }
        evidence.otherThreads().forEach(failure::addSuppressed);
        return failure;
    }

    private static String outcome(Climb climb, Duration overrun, Thread thread, String mark) {
        String after = Durations.format(overrun) + " after " + mark;
        if (climb.isZombie()) {
            return "it could not be stopped (tried " + names(climb) + ") and was abandoned as a zombie " + after
                    + "; thread \"" + thread.getName() + "\" is still " + thread.getState();
        }
        if (climb.stoppedBy() == null) {
            return "it ended by itself " + after;
        }
        return "stopped by " + climb.stoppedBy().configName() + " " + after;
    }

    private static String names(Climb climb) {
        return climb.tried().isEmpty() ? "no rung" : climb.tried().stream().map(Rung::configName)
                .collect(Collectors.joining(", "));
    }
}
