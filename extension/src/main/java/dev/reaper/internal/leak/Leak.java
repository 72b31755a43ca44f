package dev.reaper.internal.leak;

import java.util.List;

import dev.reaper.internal.evidence.StackFrames;

/**
 * One thread, virtual thread or process left running, as it goes through the scan: found, kept past
 * the linger, captured (state and stack, only now, and only for what really leaked), acted on.
 *
 * @param thread  the platform thread, or null
 * @param process the process, or null
 * @param id      thread id or pid
 * @param name    thread name or process command line
 * @param depth   for processes: 1 for a child, 2 for a grandchild, ...
 * @param state   null until captured (and for virtual threads on JDKs whose dump has no state)
 * @param outcome what Reaper did about it, or null when it did nothing
 */
record Leak(Kind kind, Thread thread, ProcessHandle process, long id, String name, boolean daemon, int depth,
        Origin origin, Thread.State state, StackTraceElement[] stack, String outcome) {

    enum Kind {
        THREAD, VIRTUAL_THREAD, PROCESS
    }

    private static final StackTraceElement[] NO_STACK = new StackTraceElement[0];

    static Leak thread(Thread thread, Origin origin) {
        return new Leak(Kind.THREAD, thread, null, thread.getId(), thread.getName(), thread.isDaemon(), 0, origin, null,
                NO_STACK, null);
    }

    static Leak virtualThread(VirtualThreads.Dumped dumped, Origin origin) {
        return new Leak(Kind.VIRTUAL_THREAD, null, null, dumped.id(), dumped.name(), true, 0, origin,
                parseState(dumped.state()), Frames.parse(dumped.stack()), null);
    }

    private static Thread.State parseState(String state) {
        try {
            return state == null ? null : Thread.State.valueOf(state);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    static Leak process(ProcessHandle process, int depth, Origin origin) {
        return new Leak(Kind.PROCESS, null, process, process.pid(), Subprocesses.commandLine(process), false, depth,
                origin, null, NO_STACK, null);
    }

    /** Virtual threads are checked with a new dump instead (see {@link Linger}). */
    boolean isAlive() {
        return switch (kind) {
            case THREAD -> thread.isAlive();
            case PROCESS -> Subprocesses.isRunning(process);
            case VIRTUAL_THREAD -> true;
        };
    }

    /** State and stack as they are now: taken once the linger is over, for what is still running. */
    Leak captured() {
        if (kind != Kind.THREAD) {
            return this;
        }
        return new Leak(kind, thread, process, id, thread.getName(), thread.isDaemon(), depth, origin,
                thread.getState(), StackFrames.readable(thread.getStackTrace()), outcome);
    }

    /** A virtual thread as a later dump shows it; a stack it had is kept when the new dump shows none. */
    Leak redumped(VirtualThreads.Dumped dumped) {
        StackTraceElement[] newer = Frames.parse(dumped.stack());
        return new Leak(kind, thread, process, id, dumped.name(), daemon, depth, origin, parseState(dumped.state()),
                newer.length > 0 ? newer : stack, outcome);
    }

    Leak withOutcome(String what) {
        return new Leak(kind, thread, process, id, name, daemon, depth, origin, state, stack, what);
    }

    /**
     * {@code thread "pool-1-thread-1" #31, RUNNABLE, non-daemon, platform thread} or {@code process 4711: sleep 600}.
     */
    String header() {
        if (kind == Kind.PROCESS) {
            return (depth > 1 ? "process " + id + " (a descendant, depth " + depth + ")" : "process " + id) + ": "
                    + name;
        }
        return "thread \"" + name + "\" #" + id + ", " + (state == null ? "state unknown" : state) + ", "
                + (daemon ? "daemon" : "non-daemon") + ", " + (kind == Kind.VIRTUAL_THREAD ? "virtual" : "platform")
                + " thread";
    }

    /** Whether Reaper should still count it as running after it acted (or chose not to act). */
    boolean survived() {
        return outcome == null || !(outcome.startsWith("stopped") || outcome.equals("killed")
                || outcome.equals("ended by itself"));
    }

    static List<Leak> ofKind(List<Leak> leaks, Kind kind) {
        return leaks.stream().filter(leak -> leak.kind() == kind).toList();
    }
}
