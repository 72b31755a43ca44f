package dev.reaper.internal.run;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.reaper.internal.config.EscalationBudget;

/**
 * Whether the run budget ({@code reaper.run.timeout}, {@code reaper.run.stall}) is exhausted, and
 * why. Once the run watchdog {@linkplain #exhaust exhausts} it, every guarded invocation of the run running on
 * a thread climbs its ladder at once, and no test of the run starts any more: it is reported "not run".
 *
 * <p>One per run (a launcher session), handed to whatever runs its tests: anything that runs tests elsewhere
 * (the fork engine) asks {@link #exhaustedReason()} and ends its own.
 */
public final class RunBudget {

    /** The start of the reason every test that did not run is skipped with. */
    public static final String NOT_RUN = "not run: ";

    private final DeadlineAlarm alarm;
    private volatile String exhausted;

    /** A budget for a new run, whose invocations the JVM's deadline alarm watches. */
    public RunBudget() {
        this(DeadlineAlarm.JVM);
    }

    RunBudget(DeadlineAlarm alarm) {
        this.alarm = alarm;
    }

    /**
     * Why the run budget is exhausted, e.g. {@code "reaper.run.timeout of 45 m exhausted"}; empty while it
     * is not (one volatile read: cheap enough for every test).
     */
    public Optional<String> exhaustedReason() {
        return Optional.ofNullable(exhausted);
    }

    /** What a test that did not start is skipped with, e.g. {@code "not run: reaper.run.timeout of 45 m exhausted"}. */
    public Optional<String> notRunReason() {
        String reason = exhausted;
        return reason == null ? Optional.empty() : Optional.of(NOT_RUN + reason);
    }

    /**
     * Exhausts the budget (the first reason stays) and escalates every invocation of this run that is running
     * under its deadline now, on threads of their own.
     *
     * @param reason e.g. {@code "reaper.run.timeout of 45 m exhausted"}
     * @return the invocations it escalated, to await
     */
    public Freeing exhaust(String reason) {
        synchronized (this) {
            if (exhausted == null) {
                exhausted = reason;
            }
        }
        return freeing(List.copyOf(alarm.escalateNow(this, exhausted)));
    }

    /** The invocations the budget escalated, as the watchdog waits for them. */
    public interface Freeing {

        /** How long their ladders may take at most: each rung in this JVM gets its grace. */
        Duration ladders();

        /** Those that could not be stopped: the run cannot finish while they hold their threads. */
        List<String> zombies();

        /** The unique IDs of the tests and classes they belong to, which end once they are freed. */
        List<String> uniqueIds();

        /** How messages name them, e.g. {@code CheckoutTest.pays()}, {@code CheckoutTest @BeforeAll setUp()}. */
        List<String> descriptions();
    }

    private static Freeing freeing(List<GuardedInvocation> escalated) {
        return new Freeing() {
            @Override
            public Duration ladders() {
                Duration longest = Duration.ZERO;
                for (GuardedInvocation invocation : escalated) {
                    Duration ladder = EscalationBudget.inTheTestsJvm(invocation.policy().grace(),
                            invocation.policy().ladder());
                    if (ladder.compareTo(longest) > 0) {
                        longest = ladder;
                    }
                }
                return longest;
            }

            @Override
            public List<String> zombies() {
                return escalated.stream().filter(GuardedInvocation::isZombie).map(GuardedInvocation::description)
                        .toList();
            }

            @Override
            public List<String> uniqueIds() {
                return escalated.stream().map(GuardedInvocation::uniqueId).toList();
            }

            @Override
            public List<String> descriptions() {
                return escalated.stream().map(GuardedInvocation::description).toList();
            }
        };
    }
}
