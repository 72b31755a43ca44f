package dev.reaper.internal.run;

import java.lang.reflect.Executable;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;

import dev.reaper.Deadline;
import dev.reaper.internal.config.Policy;
import dev.reaper.internal.config.Settings;

/**
 * Runs each invocation on its test's managed thread and waits for it with the deadline; escalates
 * when the deadline passes. One per engine run.
 */
public final class ThreadIsolation {

    private static final ExtensionContext.Namespace LANES = ExtensionContext.Namespace.create(ThreadIsolation.class);

    private final ManagedThreadPool pool;
    private final Zombies zombies;
    private final Escalation escalation;

    ThreadIsolation(ManagedThreadPool pool, Zombies zombies, Escalation escalation) {
        this.pool = pool;
        this.zombies = zombies;
        this.escalation = escalation;
    }

    public static ThreadIsolation create(Settings settings) {
        return new ThreadIsolation(ManagedThreadPool.SHARED, Zombies.SHARED,
                new Escalation(settings.ladder(), Zombies.SHARED, System.err));
    }

    public <T> T run(Invocation<T> invocation, ExtensionContext context, Policy policy, InvocationKind kind,
            Executable executable) throws Throwable {
        // Named only when a message needs it: the happy path pays nothing for it.
        Supplier<String> description = () -> TestNames.of(context, kind, executable);
        zombies.beforeInvocation(policy.zombies(), () -> TestNames.of(context), context.getUniqueId());
        return lane(context).run(invocation, policy, escalation, description);
    }

    /** The deadline a parameter of type {@link Deadline} resolves to in this context. */
    public Deadline deadline(ExtensionContext context) {
        return lane(context).deadline();
    }

    /**
     * The thread groups of the managed threads this test (or class) has run on so far: the threads the
     * test starts, and the threads those start, inherit one of them (unless created in a group of their
     * own choosing). Usually one group; a hang retires its thread, and a later invocation gets a new one.
     * The groups are the test's alone until its lane is closed (after every extension callback).
     */
    public List<ThreadGroup> threadGroups(ExtensionContext context) {
        return lane(context).groups();
    }

    /** Whether {@code thread} is one of Reaper's managed threads (a hung one is reported as a zombie, never as a leak). */
    public static boolean isManagedThread(Thread thread) {
        return thread instanceof ManagedThread;
    }

    /** Whether {@code group} is the group of a managed thread, and so belongs to some test or class. */
    public static boolean isManagedGroup(ThreadGroup group) {
        return group instanceof ManagedThreadGroup;
    }

    private Lane lane(ExtensionContext context) {
        // Keyed by the context's own id: the store looks keys up in parent contexts too, and a test must
        // never borrow its class's lane.
        return context.getStore(LANES).getOrComputeIfAbsent(context.getUniqueId(),
                id -> new Lane(pool, "reaper: " + TestNames.of(context), id), Lane.class);
    }
}
