package dev.reaper.internal.leak;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Leaks still running in this JVM after Reaper reported them: left running on purpose
 * ({@code reaper.leaks=warn} or {@code fail}), or ones it tried to stop and could not.
 *
 * <p>The hook for fork isolation: thread isolation can only report and go on, but a worker JVM for
 * which {@link #anyUnstoppable()} is true has threads or processes running that Reaper could not end,
 * and should be retired and replaced rather than trusted with more tests.
 */
public final class Survivors {

    /**
     * @param test          the test or class that leaked it
     * @param leak          the thread or process, as reports show it
     * @param stopAttempted whether Reaper tried to stop it (and failed)
     */
    public record Survivor(String test, String leak, boolean stopAttempted) {
    }

    private record Entry(Leak leak, boolean stopAttempted) {
    }

    /**
     * Per JVM: a leak Reaper could not stop keeps running in this JVM after the run that reported it ends, and
     * a fork worker, which runs a launcher session per class, asks whether the JVM itself can be trusted.
     */
    private static final ConcurrentLinkedQueue<Entry> ENTRIES = new ConcurrentLinkedQueue<>();

    private Survivors() {
    }

    /**
     * Every reported leak still running. Platform threads and processes are checked now; a virtual
     * thread counts as running from the moment it survived a stop (Reaper has no handle to check it).
     */
    public static List<Survivor> all() {
        ENTRIES.removeIf(entry -> !entry.leak().isAlive());
        List<Survivor> survivors = new ArrayList<>();
        for (Entry entry : ENTRIES) {
            survivors.add(new Survivor(entry.leak().origin().test(), entry.leak().header(), entry.stopAttempted()));
        }
        return survivors;
    }

    /** Whether a leak Reaper tried and failed to stop is still running in this JVM. */
    public static boolean anyUnstoppable() {
        return all().stream().anyMatch(Survivor::stopAttempted);
    }

    static void record(List<Leak> leaks, boolean stopAttempted) {
        for (Leak leak : leaks) {
            if (leak.survived() && leak.isAlive()) {
                ENTRIES.add(new Entry(leak, stopAttempted));
            }
        }
    }
}
