package dev.reaper.internal.run;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.reaper.TestStoppedError;

/**
 * A Reaper-owned daemon thread, alone in a {@link ManagedThreadGroup} of its own, that runs the
 * invocations of one test at a time. Daemon, so that a thread that could not be stopped never keeps
 * the JVM alive.
 */
final class ManagedThread extends Thread {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final ManagedThreadGroup group;
    private volatile Job<?> pending;
    private volatile Job<?> current;
    private volatile boolean retired;

    private ManagedThread(ManagedThreadGroup group, String name) {
        super(group, null, name);
        this.group = group;
        setDaemon(true);
        // A stop that arrives after the test returned may end this thread; that is expected, not news.
        setUncaughtExceptionHandler((thread, error) -> {
            if (!(error instanceof TestStoppedError) && !(error instanceof ThreadDeath)) {
                error.printStackTrace();
            }
        });
    }

    static ManagedThread startNew() {
        int number = COUNTER.incrementAndGet();
        ManagedThreadGroup group = new ManagedThreadGroup("reaper-" + number);
        ManagedThread thread = new ManagedThread(group, "reaper-" + number);
        thread.start();
        return thread;
    }

    ManagedThreadGroup managedGroup() {
        return group;
    }

    void submit(Job<?> job) {
        current = job;
        pending = job;
        LockSupport.unpark(this);
    }

    /**
     * Whether an invocation is still running here. JUnit can move on while it does: its own
     * separate-thread timeout abandons the thread that waits for the invocation.
     */
    boolean isBusy() {
        Job<?> job = current;
        return job != null && !job.isDone(); // done is set before the waiter wakes: no race with its next submit
    }

    /** Ends the thread once it is idle; a hung thread is retired too, so it ends if it is ever freed. */
    void retire() {
        retired = true;
        LockSupport.unpark(this);
    }

    boolean isRetired() {
        return retired;
    }

    private boolean hasWork() {
        return pending != null || retired;
    }

    @Override
    public void run() {
        while (!retired) {
            Job<?> job = pending;
            try {
                if (job == null) {
                    // The next invocation of the same test usually comes within microseconds.
                    if (!Spin.until(this::hasWork)) {
                        // A test may leave the interrupt flag set, which would turn park into a busy spin.
                        Thread.interrupted();
                        LockSupport.park(this);
                    }
                    continue;
                }
                pending = null;
                job.run();
            } catch (Throwable late) {
                // An asynchronous stop that landed outside the invocation: the job ends with it.
                if (job != null) {
                    job.complete(null, late);
                }
            }
        }
        Job<?> orphan = pending;
        if (orphan != null) {
            orphan.complete(null, new IllegalStateException("Reaper retired " + getName() + " before it ran this"));
        }
    }
}
