package dev.reaper.internal.leak;

import java.util.List;

/**
 * Threads that are never a test's leak, whoever started them: the JVM's own, the test tools' (JUnit,
 * Surefire, Mockito and Byte Buddy), and JDK facilities that keep a shared thread on purpose and end
 * it by themselves ({@code ForkJoinPool.commonPool}, the process reapers, the HTTP client's selector,
 * the keep-alive cache). Recognised by thread group, thread class or name, in that order of trust.
 */
final class KnownThreads {

    /** Classes of threads that JDK internals and test tools create for themselves. */
    private static final List<String> CLASS_PREFIXES = List.of(
            "jdk.internal.", // InnocuousThread (Common-Cleaner, JDK 25's process reaper), CarrierThread
            "sun.", "com.sun.", // JMX, RMI, AWT internals
            "org.junit.", // the platform's parallel executor workers
            "org.apache.maven.surefire.",
            "org.mockito.", "net.bytebuddy.",
            "org.gradle.");

    private static final NamePatterns NAMES = NamePatterns.of(List.of(
            // The JVM's own threads (most are in the root group already).
            "Reference Handler", "Finalizer", "Signal Dispatcher", "Attach Listener", "Common-Cleaner",
            "Notification Thread", "Service Thread", "DestroyJavaVM", "JFR *", "RMI *", "GC Daemon",
            "Java2D Disposer", "AWT-*",
            // Shared by the whole JVM; idle workers end by themselves after a minute.
            "ForkJoinPool.commonPool-worker-*", "ForkJoinPool.commonPool-delayScheduler",
            // One per child process; a leaked process is reported as a process.
            "process reaper*",
            // The JDK HTTP client has no close() before JDK 21; its threads end when it is collected.
            "HttpClient-*-SelectorManager", "HttpClient-*-Worker-*",
            // HttpURLConnection's keep-alive cache.
            "Keep-Alive-Timer", "Keep-Alive-SocketCleaner",
            // JUnit's timeout watcher and separate-thread timeouts; Surefire's fork plumbing.
            "junit-*", "surefire-forkedjvm-*",
            // Reaper's own: a fork worker's relays in the parent, its parent watch in the worker.
            "reaper-worker-*", "reaper: parent watch"));

    /**
     * The JDK's own groups below the root: InnocuousThread's, and the virtual-thread scheduler's
     * (carriers, and on JDK 25 the "ForkJoinPool-1-delayScheduler" a sleeping virtual thread starts).
     */
    private static final List<String> JDK_GROUPS = List.of("InnocuousThreadGroup", "CarrierThreads", "VirtualThreads");

    private KnownThreads() {
    }

    static boolean isKnown(Thread thread) {
        ThreadGroup group = thread.getThreadGroup();
        if (group == PlatformThreads.ROOT) {
            return true; // the "system" group: Reference Handler, Finalizer, Signal Dispatcher, ...
        }
        if (group != null && group.getParent() == PlatformThreads.ROOT && JDK_GROUPS.contains(group.getName())) {
            return true;
        }
        String type = thread.getClass().getName();
        for (String prefix : CLASS_PREFIXES) {
            if (type.startsWith(prefix)) {
                return true;
            }
        }
        return NAMES.matches(thread.getName());
    }

    /** For virtual threads, which have no group and whose class says nothing. */
    static boolean isKnownName(String name) {
        return NAMES.matches(name);
    }
}
