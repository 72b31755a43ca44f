package dev.reaper.internal.run;

import java.lang.reflect.Executable;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;

import dev.reaper.Deadline;
import dev.reaper.internal.config.Policy;
import dev.reaper.internal.config.Settings;
import dev.reaper.internal.config.SlowThreshold;
import dev.reaper.internal.report.Reports;
import dev.reaper.internal.util.InvocationKind;
import dev.reaper.internal.util.ReaperThread;
import dev.reaper.internal.util.TestNames;

/**
 * Runs each invocation on the thread JUnit calls it on, exactly as without Reaper, while the JVM's
 * {@link DeadlineAlarm} watches its deadline; past it, the {@link Escalation} climbs the ladder against
 * that thread. One per engine run; its run's budget ends its invocations early, and its run's reports file
 * what happens to them.
 */
public final class ThreadIsolation {

    private static final ExtensionContext.Namespace LANES = ExtensionContext.Namespace.create(ThreadIsolation.class);

    private final Zombies zombies;
    private final DeadlineAlarm alarm;
    private final Escalation escalation;
    private final SlowThreshold slow;
    private final SlowNotice slowNotice;
    private final RunBudget budget;

    ThreadIsolation(Zombies zombies, DeadlineAlarm alarm, Escalation escalation, SlowThreshold slow,
            SlowNotice slowNotice, RunBudget budget) {
        this.zombies = zombies;
        this.alarm = alarm;
        this.escalation = escalation;
        this.slow = slow;
        this.slowNotice = slowNotice;
        this.budget = budget;
    }

    /**
     * @param budget  the run's, which ends its invocations early once exhausted
     * @param reports the run's
     */
    public static ThreadIsolation create(Settings settings, RunBudget budget, Reports reports) {
        return new ThreadIsolation(Zombies.JVM, DeadlineAlarm.JVM,
                new Escalation(settings.ladder(), Zombies.JVM, reports, System.err), settings.slow(),
                new SlowNotice(System.err, reports), budget);
    }

    public <T> T run(Invocation<T> invocation, ExtensionContext context, Policy policy, InvocationKind kind,
            Executable executable) throws Throwable {
        // Named only when a message needs it: the happy path pays nothing for it.
        Supplier<String> description = () -> TestNames.of(context, kind, executable);
        zombies.beforeInvocation(policy.zombies(), () -> TestNames.of(context));
        TestDeadline deadline = lane(context).take();
        long startNanos = System.nanoTime();
        long deadlineNanos = startNanos + policy.timeout().toNanos();
        deadline.arm(deadlineNanos);
        // "| 1": a slow mark is never 0, which stands for none.
        long slowNanos = slow == SlowThreshold.OFF ? 0
                : slow.of(policy.timeout()).map(after -> startNanos + after.toNanos() | 1).orElse(0L);
        GuardedInvocation guarded = new GuardedInvocation(deadline, startNanos, deadlineNanos, slowNanos, policy,
                escalation, slowNotice, budget, context, description);
        DeadlineWatch.armed(context.getUniqueId(), policy);
        Deadline outer = Deadlines.enter(deadline);
        alarm.arm(guarded);
        T result = null;
        Throwable thrown = null;
        try {
            result = invocation.proceed();
        } catch (Throwable t) {
            thrown = t;
        }
        Escalation.Outcome outcome = guarded.finish(thrown);
        alarm.disarm(guarded);
        Deadlines.restore(outer);
        DeadlineWatch.disarmed(context.getUniqueId());
        if (outcome != null) {
            throw HungTestFailure.create(description.get(), policy.timeout(), guarded.budgetReason(),
                    Escalation.overrun(guarded), outcome, Thread.currentThread(), thrown);
        }
        if (thrown != null) {
            throw thrown;
        }
        if (guarded.wasSlow()) {
            slowNotice.nearMiss(guarded, description.get());
        }
        return result;
    }

    /** The deadline a parameter of type {@link Deadline} resolves to in this context. */
    public Deadline deadline(ExtensionContext context) {
        return lane(context).next();
    }

    /** Whether {@code thread} is one of Reaper's own, never a test's leak. */
    public static boolean isReaperThread(Thread thread) {
        return thread instanceof ReaperThread;
    }

    private static Lane lane(ExtensionContext context) {
        // Keyed by the context's own id: the store looks keys up in parent contexts too, and a test must
        // never borrow its class's lane.
        return context.getStore(LANES).getOrComputeIfAbsent(context.getUniqueId(), id -> new Lane(), Lane.class);
    }
}
