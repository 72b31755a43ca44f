package dev.reaper.internal.fork.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.reaper.internal.process.ProcessTree;

/**
 * Worker side: ends this JVM soon after the parent (the JVM that runs JUnit) dies, so a build that
 * was killed, crashed or timed out leaves no worker, and no process a worker started, behind.
 *
 * <p>Polls {@link #isRunning} itself every {@value #POLL_MILLIS} ms instead of using
 * {@code ProcessHandle.onExit()}: for a process that is not our child the JDK polls too, but with a
 * sleep that starts at 300 ms and grows by 30 ms per poll up to 5 s, so after a few minutes a worker
 * would notice its parent's death seconds late. It also counts an unreaped (zombie) parent as
 * alive. One {@code /proc} read per poll costs microseconds.
 */
final class ParentWatch {

    static final long POLL_MILLIS = 250;
    /** Time given to this JVM's own descendants to exit before the halt. */
    private static final Duration DESCENDANTS_WAIT = Duration.ofMillis(500);

    /** Per JVM: a worker JVM has one parent for its whole life, watched by one thread. */
    private static final AtomicBoolean started = new AtomicBoolean();

    private ParentWatch() {
    }

    /**
     * Starts the watch (once per JVM; later calls do nothing). When the parent is gone, runs
     * {@code beforeHalt}, kills this JVM's descendants, then {@code Runtime.halt(haltStatus)}: no shutdown
     * hooks, which could hang like the test did, and nobody is left to read their output.
     */
    static void start(long parentPid, int haltStatus, Runnable beforeHalt) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid).filter(ParentWatch::startedBeforeUs);
        Thread watch = new Thread(() -> watch(parent, parentPid, haltStatus, beforeHalt), "reaper: parent watch");
        watch.setDaemon(true); // never what keeps the worker alive
        watch.setPriority(Thread.MAX_PRIORITY); // a busy hung test must not delay it
        watch.start();
    }

    private static void watch(Optional<ProcessHandle> parent, long parentPid, int haltStatus, Runnable beforeHalt) {
        while (parent.isPresent() && ProcessTree.isRunning(parent.get())) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                // Only an interrupt of every thread reaches this one; the watch must go on.
            }
        }
        beforeHalt.run(); // what the dead parent would have deleted: the channel's directory
        List<String> killed = ProcessTree.killDescendants(ProcessHandle.current(), DESCENDANTS_WAIT);
        // Usually nobody reads this any more; when stderr goes to a file it says why the worker ended.
        System.err.println("Reaper worker: parent process " + parentPid + " is gone; "
                + (killed.isEmpty() ? "" : "killed " + String.join(", ", killed) + "; ")
                + "halting with status " + haltStatus);
        System.err.flush();
        Runtime.getRuntime().halt(haltStatus);
    }

    /**
     * A parent that started after this JVM is not our parent: our parent died before the watch began
     * and the system gave its pid to a new process.
     */
    private static boolean startedBeforeUs(ProcessHandle candidate) {
        Optional<Instant> theirs = candidate.info().startInstant();
        Optional<Instant> ours = ProcessHandle.current().info().startInstant();
        return theirs.isEmpty() || ours.isEmpty() || !theirs.get().isAfter(ours.get());
    }
}
