package dev.reaper.internal.run;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;

import dev.reaper.internal.config.Policy;
import dev.reaper.internal.ladder.HungThread;

/**
 * One invocation running on JUnit's own thread under a deadline, as the {@link DeadlineWatcher}, the
 * escalation and the ladder see it.
 *
 * <p>The ladder acts on JUnit's thread only while the invocation runs: an interrupt or a stop that
 * arrived after the test's code returned would hit JUnit itself. The rungs and {@link #finish} agree
 * on that through one state.
 */
final class GuardedInvocation implements HungThread {

    private static final int RUNNING = 0;
    private static final int ESCALATING = 1;
    private static final int ACTING = 2;
    private static final int FINISHED = 3;

    private final Thread thread = Thread.currentThread();
    private final TestDeadline deadline;
    private final long startNanos;
    private final long deadlineNanos;
    /** When {@code reaper.slow} says where it is, or 0; set to 0 once said. */
    private volatile long slowNanos;
    private volatile boolean wasSlow;
    private final Policy policy;
    private final Escalation escalation;
    private final SlowNotice slowNotice;
    private final RunBudget budget;
    private final ExtensionContext context;
    private final Supplier<String> description;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private volatile Thread escalator;
    private volatile long finishedNanos;
    private volatile boolean interrupted;
    /** The error of the last stop the JVM accepted: once the test has thrown it, no stop is on its way. */
    private volatile Throwable lastStop;
    private volatile Escalation.Outcome outcome;
    /** Why the run budget ended it, or null while its own deadline is what it is escalated for. */
    private volatile String budgetReason;
    private volatile long budgetNanos;

    GuardedInvocation(TestDeadline deadline, long startNanos, long deadlineNanos, long slowNanos, Policy policy,
            Escalation escalation, SlowNotice slowNotice, RunBudget budget, ExtensionContext context,
            Supplier<String> description) {
        this.deadline = deadline;
        this.budget = budget;
        this.escalation = escalation;
        this.slowNotice = slowNotice;
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
        this.slowNanos = slowNanos;
        this.policy = policy;
        this.context = context;
        this.description = description;
    }

    /** The moment its ladder counts from: its own deadline, or when the run budget ran out. */
    long deadlineNanos() {
        return budgetReason != null ? budgetNanos : deadlineNanos;
    }

    /** By the deadline alarm, before it escalates this invocation early: the run budget ran out. */
    void endByBudget(String reason) {
        budgetNanos = System.nanoTime();
        budgetReason = reason;
    }

    /** Why the run budget ended it, e.g. {@code "reaper.run.timeout of 45 m exhausted"}; null for its own timeout. */
    String budgetReason() {
        return budgetReason;
    }

    /** Whether its escalation is over and could not stop it. */
    boolean isZombie() {
        Escalation.Outcome result = outcome;
        return result != null && result.climb().isZombie();
    }

    long startNanos() {
        return startNanos;
    }

    /** When the deadline thread must look at it next: its slow mark, until said, then its deadline. */
    long nextAlarmNanos() {
        long slow = slowNanos;
        return slow != 0 ? slow : deadlineNanos;
    }

    /** By the deadline thread: whether the slow mark is the alarm that came due (and now is past). */
    boolean takeSlowMark() {
        if (slowNanos == 0) {
            return false;
        }
        slowNanos = 0;
        wasSlow = true;
        return true;
    }

    /** Whether it ran past its slow mark. */
    boolean wasSlow() {
        return wasSlow;
    }

    Policy policy() {
        return policy;
    }

    /** Its run's, which ends it early when it is exhausted: the deadline thread serves every run in the JVM. */
    RunBudget budget() {
        return budget;
    }

    /** Its engine run's: the deadline thread serves every engine run in the JVM. */
    Escalation escalation() {
        return escalation;
    }

    SlowNotice slowNotice() {
        return slowNotice;
    }

    ExtensionContext context() {
        return context;
    }

    String uniqueId() {
        return context.getUniqueId();
    }

    /** By the deadline watcher: whether the escalation is this caller's to run (the invocation had not ended). */
    boolean beginEscalation(Thread escalator) {
        this.escalator = escalator;
        return state.compareAndSet(RUNNING, ESCALATING);
    }

    /**
     * On JUnit's thread once the invocation returned or threw {@code thrown}. Without an escalation,
     * {@code null}. With one, waits until no rung acts any more, swallows a stop that may still be on its
     * way (none is when the test threw the last one), clears the interrupts the ladder sent, and returns
     * the escalation's outcome.
     */
    Escalation.Outcome finish(Throwable thrown) {
        if (state.compareAndSet(RUNNING, FINISHED)) {
            return null;
        }
        awaitNoRungActing();
        finishedNanos = System.nanoTime();
        LockSupport.unpark(escalator);
        Throwable stop = lastStop;
        if (stop != null && !causedBy(thrown, stop)) {
            LateStop.absorb();
        }
        if (interrupted || stop != null) {
            Thread.interrupted();
        }
        Escalation.Outcome result;
        while ((result = outcome) == null) {
            if (!escalator.isAlive() && outcome == null) {
                throw new IllegalStateException("Reaper's escalation of " + description.get()
                        + " ended without an outcome; see the error it printed");
            }
            LockSupport.parkNanos(this, 10_000_000L);
        }
        return result;
    }

    private static boolean causedBy(Throwable thrown, Throwable stop) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause == stop) {
                return true;
            }
        }
        return false;
    }

    // A stop sent this very moment may land while this thread spins: it is taken here, not by JUnit.
    private void awaitNoRungActing() {
        while (true) {
            try {
                spinUntilFinished();
                return;
            } catch (Throwable late) {
                LateStop.rethrowUnlessStop(late);
            }
        }
    }

    private void spinUntilFinished() {
        while (!state.compareAndSet(ESCALATING, FINISHED)) {
            Thread.onSpinWait();
        }
    }

    /** By the escalation, once the climb is over. */
    void escalated(Escalation.Outcome outcome) {
        this.outcome = outcome;
        LockSupport.unpark(thread);
    }

    /** When the invocation ended, for the overrun; {@code 0} while it runs. */
    long finishedNanos() {
        return finishedNanos;
    }

    @Override
    public Thread thread() {
        return thread;
    }

    @Override
    public Class<?> testClass() {
        return context.getTestClass().orElse(null);
    }

    @Override
    public String description() {
        return description.get();
    }

    @Override
    public boolean hasFinished() {
        return state.get() == FINISHED;
    }

    @Override
    public boolean awaitFinish(long untilNanos) {
        while (!hasFinished()) {
            long left = untilNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(this, left);
        }
        return true;
    }

    @Override
    public void interrupt() {
        acting(() -> {
            thread.interrupt();
            interrupted = true;
        });
    }

    @Override
    public void stop(Throwable error, BiPredicate<Thread, Throwable> stopper) {
        acting(() -> {
            if (stopper.test(thread, error)) {
                lastStop = error;
            }
        });
    }

    private void acting(Runnable action) {
        if (state.compareAndSet(ESCALATING, ACTING)) {
            try {
                action.run();
            } finally {
                state.set(ESCALATING);
            }
        }
    }

    @Override
    public void requestStop() {
        deadline.requestStop();
    }

    @Override
    public boolean stopFlagPolled() {
        return deadline.polled();
    }
}
