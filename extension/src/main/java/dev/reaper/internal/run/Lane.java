package dev.reaper.internal.run;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;

import dev.reaper.internal.config.Policy;

/**
 * The managed thread of one test (or of one class, for its class-level lifecycle methods): every
 * invocation of that test runs on the same thread, so thread-locals set in {@code @BeforeEach} are
 * there in the test. Lives in the test's {@link ExtensionContext.Store}, which closes it when the test
 * is done.
 */
@SuppressWarnings("deprecation") // CloseableResource: for JUnit 5 setups that turned AutoCloseable support off
final class Lane implements AutoCloseable, ExtensionContext.Store.CloseableResource {

    private final ManagedThreadPool pool;
    private final String threadName;
    private final String uniqueId;
    private final TestDeadline deadline = new TestDeadline();
    private ManagedThread thread;
    /** Every group this lane's invocations ran in: a hang retires a thread, and the next invocation gets a new one. */
    private final List<ThreadGroup> groups = new CopyOnWriteArrayList<>();

    Lane(ManagedThreadPool pool, String threadName, String uniqueId) {
        this.pool = pool;
        this.threadName = threadName;
        this.uniqueId = uniqueId;
    }

    TestDeadline deadline() {
        return deadline;
    }

    <T> T run(Invocation<T> invocation, Policy policy, Escalation escalation, Supplier<String> description)
            throws Throwable {
        ManagedThread worker = thread();
        Job<T> job = new Job<>(invocation, Thread.currentThread());
        long deadlineNanos = System.nanoTime() + policy.timeout().toNanos();
        deadline.arm(deadlineNanos);
        DeadlineWatch.armed(uniqueId, policy);
        worker.submit(job);
        try {
            if (job.await(deadlineNanos, worker)) {
                return job.result();
            }
            // Whatever happens next, this thread is not trusted with another invocation.
            forget(worker);
            worker.retire();
            HungInvocation hung = new HungInvocation(job, worker, deadline, description.get());
            throw escalation.escalate(hung, policy, deadlineNanos, uniqueId);
        } finally {
            DeadlineWatch.disarmed(uniqueId);
            job.restoreWaiterInterrupt();
        }
    }

    /**
     * The lane's thread, or a new one when it is still busy with an invocation JUnit gave up waiting for
     * (its separate-thread timeout), which then goes on, and escalates, on its own.
     */
    private synchronized ManagedThread thread() {
        if (thread != null && thread.isBusy()) {
            thread.retire();
            thread = null;
        }
        if (thread == null) {
            thread = pool.lease(threadName);
            thread.managedGroup().deadline(deadline);
            groups.add(thread.managedGroup());
        }
        return thread;
    }

    private synchronized void forget(ManagedThread worker) {
        if (thread == worker) {
            thread = null;
        }
    }

    List<ThreadGroup> groups() {
        return Collections.unmodifiableList(groups);
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            pool.giveBack(thread);
            thread = null;
        }
    }
}
