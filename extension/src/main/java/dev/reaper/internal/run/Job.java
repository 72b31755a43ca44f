package dev.reaper.internal.run;

import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;

/**
 * One invocation handed from JUnit's thread to a managed thread, and its outcome handed back.
 */
final class Job<T> {

    private final Invocation<T> invocation;
    private final ClassLoader contextClassLoader;
    private final Thread waiter;
    private volatile boolean done;
    private boolean waiterInterrupted;
    private T result;
    private Throwable failure;

    Job(Invocation<T> invocation, Thread waiter) {
        this.invocation = invocation;
        this.waiter = waiter;
        this.contextClassLoader = waiter.getContextClassLoader();
    }

    /** On the managed thread. */
    void run() {
        Thread.currentThread().setContextClassLoader(contextClassLoader);
        T value = null;
        Throwable thrown = null;
        try {
            value = invocation.proceed();
        } catch (Throwable t) {
            thrown = t;
        }
        complete(value, thrown);
    }

    /** Also called by the managed thread's loop when a stop landed after the invocation returned. */
    void complete(T value, Throwable thrown) {
        if (done) {
            return;
        }
        result = value;
        failure = thrown;
        done = true; // publishes result and failure
        LockSupport.unpark(waiter);
    }

    boolean isDone() {
        return done;
    }

    /**
     * Waits on JUnit's thread until the job is done or {@code untilNanos} passes. An interrupt of the
     * waiting thread (JUnit's own {@code @Timeout}, a shutting-down launcher) is forwarded to the test;
     * {@link #restoreWaiterInterrupt()} sets it again once the waiting is over.
     */
    boolean await(long untilNanos, Thread worker) {
        if (Spin.until(this::isDone)) {
            return true;
        }
        while (!done) {
            long left = untilNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                waiterInterrupted = true;
                worker.interrupt();
            }
        }
        return true;
    }

    void restoreWaiterInterrupt() {
        if (waiterInterrupted) {
            Thread.currentThread().interrupt();
        }
    }

    T result() throws Throwable {
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    Throwable failure() {
        return failure;
    }
}
