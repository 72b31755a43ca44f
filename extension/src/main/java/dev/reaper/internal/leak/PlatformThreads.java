package dev.reaper.internal.leak;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every live platform thread of the JVM, the cheapest way there is: {@code enumerate} on the root
 * thread group (far cheaper than {@code Thread.getAllStackTraces()}). Stacks are never taken here.
 *
 * <p>Also reads two hints off the same array, so that the expensive looks happen only when they can
 * find something: carrier threads (virtual threads ran recently) and busy process reapers (the JVM
 * has child processes).
 */
final class PlatformThreads {

    static final ThreadGroup ROOT = root();

    /** The JDK's carrier threads of virtual threads (JDK 21+); null before. Loaded, never initialised. */
    private static final Class<?> CARRIER = classOrNull("jdk.internal.misc.CarrierThread");

    /**
     * The JDK waits for each child process on a "process reaper" thread, renamed to
     * {@code process reaper (pid N)} while it waits (JDK 17 to 25): a busy reaper names a live child.
     */
    private static final String BUSY_REAPER_PREFIX = "process reaper (pid ";
    private static final Pattern BUSY_REAPER = Pattern.compile("process reaper \\(pid (\\d+)\\)");

    /** Per JVM, a harmless cache: the JVM's thread count lately, to size the next enumeration. */
    private static volatile int sizeHint = 256;

    private PlatformThreads() {
    }

    /** The live platform threads, in no particular order. */
    static Thread[] all() {
        while (true) {
            Thread[] buffer = new Thread[sizeHint + 64];
            int count = ROOT.enumerate(buffer, true);
            if (count < buffer.length) {
                sizeHint = count;
                return Arrays.copyOf(buffer, count);
            }
            sizeHint = buffer.length * 2; // more threads than the hint: enumerate again, larger
        }
    }

    static boolean isCarrier(Thread thread) {
        return CARRIER != null && CARRIER.isInstance(thread);
    }

    /** The pid a busy process reaper waits for, or -1 for any other thread. */
    static long childPidOf(Thread thread) {
        String name = thread.getName();
        if (!name.startsWith(BUSY_REAPER_PREFIX)) {
            return -1;
        }
        Matcher matcher = BUSY_REAPER.matcher(name);
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /**
     * An idle reaper, or one that has just been handed a child and not yet renamed itself: right after
     * {@code ProcessBuilder.start()} the new child's reaper can still carry the idle name, whatever its
     * state says. While one exists, children are listed the expensive way ({@link #childPids()}).
     * Reapers exist only in a JVM that started a process in the last minute or so.
     */
    static boolean isIdleReaper(Thread thread) {
        return thread.getName().equals("process reaper");
    }

    /** The JVM's children, from the process table (the expensive way): only when a reaper could not say. */
    static java.util.Set<Long> childPids() {
        java.util.Set<Long> pids = new java.util.HashSet<>();
        ProcessHandle.current().children().forEach(child -> pids.add(child.pid()));
        return pids;
    }

    private static ThreadGroup root() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        return group;
    }

    private static Class<?> classOrNull(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException | LinkageError | RuntimeException absent) {
            return null;
        }
    }
}
