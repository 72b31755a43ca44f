package dev.reaper.internal.evidence;

import java.util.List;

/**
 * One thread as it was at the deadline, whichever way it was sampled (a {@code ThreadInfo} or a plain
 * {@code Thread} and its stack). The formatter and the deadlock report read only this, so they do not
 * care how much the JVM was able to tell us. Internal: the arrays and lists are never mutated after
 * construction and never handed out without a copy.
 *
 * @param lockName      the lock the thread waits for ({@code className@hexIdentityHash}), or null
 * @param lockOwnerId   the id of that lock's owner, or -1
 * @param lockedMonitors monitors held, each with the stack depth of the frame that locked it
 * @param lockedSynchronizers ownable synchronizers held ({@code java.util.concurrent} locks)
 */
record ThreadRecord(
        long id,
        String name,
        boolean daemon,
        Thread.State state,
        boolean inNative,
        boolean suspended,
        String lockName,
        long lockOwnerId,
        String lockOwnerName,
        StackTraceElement[] stack,
        List<LockedMonitor> lockedMonitors,
        List<String> lockedSynchronizers) {

    /** A held monitor; {@code depth} indexes {@link #stack}, or is -1 when no Java frame locked it (JNI). */
    record LockedMonitor(String lock, int depth) {}

    /** For a thread the JVM could tell us nothing about beyond {@code java.lang.Thread} itself. */
    static ThreadRecord withoutLocks(Thread thread, StackTraceElement[] stack) {
        return new ThreadRecord(thread.getId(), thread.getName(), thread.isDaemon(), thread.getState(), false,
                false, null, -1, null, StackFrames.readable(stack), List.of(), List.of());
    }

    /** {@code "name" #id}: how every line of the evidence refers to a thread. */
    String nameAndId() {
        return "\"" + name + "\" #" + id;
    }

    /** {@code "name" #id [daemon] STATE [on LOCK [owned by "owner" #id]]}. */
    String header() {
        return nameAndId() + (daemon ? " daemon " : " ") + stateAndLock();
    }

    /** {@code STATE [(in native)] [on LOCK [owned by "owner" #id]]}: what the thread is doing and for whom. */
    String stateAndLock() {
        StringBuilder out = new StringBuilder().append(state);
        if (inNative) {
            // RUNNABLE but in native code (a socket read, say): interrupts and stops do not reach it.
            out.append(" (in native)");
        }
        if (suspended) {
            out.append(" (suspended)");
        }
        if (lockName != null) {
            out.append(" on ").append(lockName);
            if (lockOwnerId >= 0) {
                out.append(" owned by \"").append(lockOwnerName).append("\" #").append(lockOwnerId);
            }
        }
        return out.toString();
    }

    /**
     * The frame a reader should look at first: the top frame outside the JDK (the test's or the
     * application's code), since the JDK frames of a park or a wait all look alike.
     */
    StackTraceElement firstApplicationFrame() {
        for (StackTraceElement frame : stack) {
            String module = frame.getModuleName();
            if (module == null || !(module.startsWith("java.") || module.startsWith("jdk."))) {
                return frame;
            }
        }
        return stack.length == 0 ? null : stack[0];
    }
}
