package dev.reaper.internal.run;

import java.time.Duration;
import java.util.List;

import dev.reaper.Isolation;
import dev.reaper.Rung;
import dev.reaper.internal.config.EscalationBudget;
import dev.reaper.internal.config.Policy;

/**
 * Tells an observer each deadline Reaper arms. Only a fork worker sets one: its parent watches the
 * worker's deadlines to know when the worker itself is past help.
 */
public final class DeadlineWatch {

    /**
     * Receives the unique ID of the test or container, its timeout, how long its ladder may take after it,
     * whether the parent may kill the worker for it (its isolation is fork and its ladder ends in kill), and
     * the ladder.
     */
    public interface Observer {

        void armed(String uniqueId, Duration timeout, Duration escalation, boolean killable, List<Rung> ladder);

        /** The invocation ended, by itself or by the ladder. */
        void disarmed(String uniqueId);

        /** The ladder gave up: the invocation's thread is a zombie. Said at once, before JUnit goes on. */
        void abandoned(String uniqueId, Throwable failure);
    }

    /** Per JVM: a fork worker has one parent for its whole life, which answers for every deadline armed in it. */
    private static volatile Observer observer;

    private DeadlineWatch() {
    }

    public static void set(Observer observer) {
        DeadlineWatch.observer = observer;
    }

    /** Whether someone outside this JVM answers for its zombies: a fork worker's parent, which kills it. */
    static boolean isObserved() {
        return observer != null;
    }

    static void armed(String uniqueId, Policy policy) {
        Observer current = observer;
        if (current != null) {
            boolean killable = policy.isolation() == Isolation.FORK && policy.ladder().contains(Rung.KILL);
            current.armed(uniqueId, policy.timeout(), EscalationBudget.inTheTestsJvm(policy.grace(), policy.ladder()),
                    killable, policy.ladder());
        }
    }

    static void abandoned(String uniqueId, Throwable failure) {
        Observer current = observer;
        if (current != null) {
            current.abandoned(uniqueId, failure);
        }
    }

    static void disarmed(String uniqueId) {
        Observer current = observer;
        if (current != null) {
            current.disarmed(uniqueId);
        }
    }
}
