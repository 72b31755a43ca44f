package dev.reaper.internal.leak;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What has already been blamed (or allowed) in this JVM, so that nothing is reported twice: a class's
 * scan sees the threads and processes of its tests' time, and must leave those its tests answered for.
 * Thread ids are never reused; a pid can be, so a process is known by pid and start time. Grows by one
 * entry per leak, which stays small.
 */
final class Claims {

    /**
     * Per JVM: scans see every thread and child process of the JVM, so a leak a nested run (a launcher started
     * inside a test) reported must not be reported again by the test around it.
     */
    private static final Set<String> CLAIMED = ConcurrentHashMap.newKeySet();

    private Claims() {
    }

    /** True the first time, false when something claimed it before. */
    static boolean claim(Leak leak) {
        return CLAIMED.add(key(leak));
    }

    private static String key(Leak leak) {
        if (leak.kind() == Leak.Kind.PROCESS) {
            return "process " + leak.id() + " " + leak.process().info().startInstant().map(Object::toString).orElse("");
        }
        return "thread " + leak.id();
    }
}
