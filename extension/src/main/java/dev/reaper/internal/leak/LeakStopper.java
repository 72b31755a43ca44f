package dev.reaper.internal.leak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.reaper.Rung;
import dev.reaper.TestStoppedError;
import dev.reaper.internal.ladder.Climb;
import dev.reaper.internal.ladder.HungThread;
import dev.reaper.internal.ladder.Ladder;

/**
 * Stops what a test leaked: each thread goes through the hung-test ladder's own rungs, interrupt then
 * stop (the same JVMTI stopper, with the same limits: a thread blocked on a monitor, in a blocking
 * native call or catching {@code Throwable} survives); processes are killed, deepest first. The flag
 * rung is left out (a leaked thread belongs to no running test's deadline) and so is kill (in thread
 * isolation there is nothing to kill a thread with).
 */
final class LeakStopper {

    private static final Ladder LADDER = Ladder.forThreads(List.of(Rung.INTERRUPT, Rung.STOP));

    private LeakStopper() {
    }

    /** The leaks with what happened to each; one progress line per rung tried. */
    static List<Leak> stop(List<Leak> leaks, Duration grace, Consumer<String> progress) {
        List<Leak> outcomes = new ArrayList<>(leaks.size());
        for (Leak leak : leaks) {
            if (leak.kind() == Leak.Kind.THREAD) {
                LeakedThread target = new LeakedThread(leak);
                quietOnStop(leak.thread());
                Climb climb = LADDER.climb(target, grace,
                        line -> progress.accept(leak.origin().test() + " left thread \"" + leak.name() + "\" running; "
                                + line));
                outcomes.add(leak.withOutcome(outcome(climb)));
            } else if (leak.kind() == Leak.Kind.VIRTUAL_THREAD) {
                // The dump gives an id, not the Thread: there is nothing to interrupt or stop.
                outcomes.add(leak.withOutcome("not stopped: Reaper finds virtual threads in a thread dump and has no"
                        + " handle to stop them with"));
            }
        }
        List<Leak> processes = Leak.ofKind(leaks, Leak.Kind.PROCESS);
        if (!processes.isEmpty()) {
            progress.accept(processes.get(0).origin().test() + " left " + processes.size() + " process(es) running;"
                    + " killing them, deepest first");
            outcomes.addAll(Subprocesses.kill(processes, grace));
        }
        return outcomes;
    }

    private static String outcome(Climb climb) {
        String skipped = climb.skipped().isEmpty() ? "" : " (" + String.join("; ", climb.skipped()) + ")";
        if (!climb.finished()) {
            String tried = climb.tried().stream().map(Rung::configName).collect(Collectors.joining(", "));
            return "could not be stopped (tried " + (tried.isEmpty() ? "nothing" : tried) + ")" + skipped;
        }
        return (climb.stoppedBy() == null ? "ended by itself" : "stopped by " + climb.stoppedBy().configName())
                + skipped;
    }

    /**
     * The error a stopped thread dies of is Reaper's doing and is reported with the leak; left to the
     * default handler it would print a second, alarming stack trace. Any other error still goes to the
     * thread's own handler.
     */
    private static void quietOnStop(Thread thread) {
        Thread.UncaughtExceptionHandler previous = thread.getUncaughtExceptionHandler();
        try {
            thread.setUncaughtExceptionHandler((dying, error) -> {
                if (!(error instanceof TestStoppedError)) {
                    previous.uncaughtException(dying, error);
                }
            });
        } catch (RuntimeException notAllowed) {
            // a security manager: the trace prints, nothing else changes
        }
    }

    /** A leaked thread as the ladder sees it. Finished means dead; waiting polls, never joins. */
    private static final class LeakedThread implements HungThread {

        private final Leak leak;

        LeakedThread(Leak leak) {
            this.leak = leak;
        }

        @Override
        public Thread thread() {
            return leak.thread();
        }

        @Override
        public String description() {
            // Ends up in the TestStoppedError the thread dies of: "Reaper stopped <this> because it passed its
            // deadline".
            return "thread \"" + leak.name() + "\", left running by " + leak.origin().test() + ",";
        }

        @Override
        public boolean hasFinished() {
            return !leak.thread().isAlive();
        }

        @Override
        public boolean awaitFinish(long untilNanos) {
            while (leak.thread().isAlive()) {
                long left = untilNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(Math.min(left, 2_000_000));
            }
            return true;
        }

        @Override
        public void requestStop() {
            // No flag rung in this ladder.
        }

        @Override
        public boolean stopFlagPolled() {
            return false;
        }
    }
}
