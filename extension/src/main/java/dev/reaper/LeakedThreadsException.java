package dev.reaper;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The failure of a test that left threads, virtual threads or processes running when it ended (with
 * {@code reaper.leaks=fail} or {@code stop}). Its message names the test and lists each leak: the
 * thread's name, id, state, whether it is a daemon and whether it is virtual, how Reaper knows the test
 * started it, the frame it is at, and what Reaper did about it; for a process its PID and command line.
 * Every leaked thread is also attached as a {@linkplain #getSuppressed() suppressed}
 * {@link LeakedThread} whose stack trace is that thread's stack, so each shows in the IDE and in
 * Surefire's XML:
 *
 * <pre>
 * dev.reaper.LeakedThreadsException: CheckoutTest.pays() left 1 thread and 1 process running (reaper.leaks=stop)
 *   thread "pool-1-thread-1" #31, RUNNABLE, non-daemon, platform thread (started by its thread): stopped by stop
 *       at app.Gateway.poll(Gateway.java:41)
 *   process 4711: /usr/bin/sleep 600 (created while it ran): killed
 *     Suppressed: dev.reaper.LeakedThreadsException$LeakedThread: thread "pool-1-thread-1" #31, RUNNABLE, ...
 *         at app.Gateway.poll(Gateway.java:41)
 *         at java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)
 *         ...
 * </pre>
 *
 * <p>Tests and tools can read the parts:
 *
 * <pre>{@code
 * catch (LeakedThreadsException leaked) {
 *     leaked.threads().get(0).threadName();   // "pool-1-thread-1"
 *     leaked.threads().get(0).outcome();      // Optional[stopped by stop]
 *     leaked.processes().get(0).pid();        // 4711
 * }
 * }</pre>
 *
 * <p>When the test had already failed (for instance it hung), this is attached to that failure as a
 * suppressed exception.
 */
public final class LeakedThreadsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String test;
    private final List<LeakedThread> threads;
    private final List<LeakedProcess> processes;

    /**
     * Created by Reaper; public so that other tools can rebuild one (for instance from a report).
     *
     * @param message   the complete message
     * @param test      the test or class that leaked, e.g. {@code "CheckoutTest.pays()"}
     * @param threads   the leaked threads, platform and virtual; each is also added as suppressed
     * @param processes the leaked processes
     */
    public LeakedThreadsException(String message, String test, List<LeakedThread> threads,
            List<LeakedProcess> processes) {
        super(message, null, true, true);
        this.test = test;
        this.threads = List.copyOf(threads);
        this.processes = List.copyOf(processes);
        setStackTrace(new StackTraceElement[0]); // where Reaper noticed says nothing; each thread's stack does
        this.threads.forEach(this::addSuppressed);
    }

    /** The test or class that leaked, e.g. {@code "CheckoutTest.pays()"}. */
    public String test() {
        return test;
    }

    /** The threads it left running, platform and virtual. */
    public List<LeakedThread> threads() {
        return threads;
    }

    /** The processes it left running. */
    public List<LeakedProcess> processes() {
        return processes;
    }

    /**
     * One leaked thread, as a throwable so that its stack prints as a stack trace. Its message is the
     * thread's header line.
     *
     * <pre>{@code
     * LeakedThread thread = leaked.threads().get(0);
     * thread.threadName();      // "pool-1-thread-1"
     * thread.state();           // Optional[RUNNABLE]
     * thread.getStackTrace();   // where it was when Reaper looked
     * }</pre>
     */
    public static final class LeakedThread extends Throwable {

        private static final long serialVersionUID = 1L;

        private final String threadName;
        private final long threadId;
        private final Thread.State state;
        private final boolean daemon;
        private final boolean virtual;
        private final String outcome;

        /**
         * @param header     the line this thread is shown with
         * @param threadName the thread's name (often empty for a virtual thread)
         * @param threadId   the thread's id
         * @param state      its state when Reaper looked, or null when the JVM did not say
         * @param daemon     whether it is a daemon thread
         * @param virtual    whether it is a virtual thread
         * @param outcome    what Reaper did about it, or null when it did nothing
         * @param stack      where it was when Reaper looked
         */
        public LeakedThread(String header, String threadName, long threadId, Thread.State state, boolean daemon,
                boolean virtual, String outcome, StackTraceElement[] stack) {
            super(header, null, false, true);
            this.threadName = threadName;
            this.threadId = threadId;
            this.state = state;
            this.daemon = daemon;
            this.virtual = virtual;
            this.outcome = outcome;
            setStackTrace(stack);
        }

        public String threadName() {
            return threadName;
        }

        public long threadId() {
            return threadId;
        }

        /** Empty when the JVM did not say (virtual threads on JDKs before 25). */
        public Optional<Thread.State> state() {
            return Optional.ofNullable(state);
        }

        public boolean isDaemon() {
            return daemon;
        }

        public boolean isVirtual() {
            return virtual;
        }

        /** What Reaper did about it, e.g. {@code "stopped by interrupt"}; empty when it did nothing. */
        public Optional<String> outcome() {
            return Optional.ofNullable(outcome);
        }
    }

    /**
     * One leaked process.
     *
     * <pre>{@code
     * LeakedProcess process = leaked.processes().get(0);
     * process.pid();           // 4711
     * process.commandLine();   // "/usr/bin/sleep 600"
     * process.outcome();       // "killed", or null when Reaper left it running
     * }</pre>
     *
     * @param pid         its process id
     * @param commandLine its command line, as far as the operating system tells
     * @param depth       1 for a child of the JVM, 2 for a grandchild, ...
     * @param outcome     what Reaper did about it, e.g. {@code "killed"}, or null when it did nothing
     */
    public record LeakedProcess(long pid, String commandLine, int depth, String outcome) implements Serializable {
    }
}
