package dev.reaper.internal.config;

import java.time.Duration;
import java.util.List;

import dev.reaper.Rung;

/**
 * How long an invocation may take once its deadline has passed: each rung of its ladder gets one
 * grace. The JVM that runs the test climbs every rung but kill; a fork parent, which does the kill,
 * allows for the whole ladder.
 */
public final class EscalationBudget {

    private EscalationBudget() {
    }

    /** The graces of the rungs climbed in the JVM that runs the invocation: every rung but kill. */
    public static Duration inTheTestsJvm(Duration grace, List<Rung> ladder) {
        return grace.multipliedBy(ladder.stream().filter(rung -> rung != Rung.KILL).count());
    }

    /** The timeout and a grace for every rung, kill included: how long a fork parent lets an invocation go. */
    public static Duration withWholeLadder(Duration timeout, Duration grace, List<Rung> ladder) {
        return timeout.plus(grace.multipliedBy(ladder.size()));
    }
}
