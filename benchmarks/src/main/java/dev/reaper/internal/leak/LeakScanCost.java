package dev.reaper.internal.leak;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.reaper.LeakAction;
import dev.reaper.internal.config.LeakPolicy;
import dev.reaper.internal.process.OwnProcesses;

/**
 * Measures the leak scan in a JVM of its own (a JVM that ran processes and virtual threads would make
 * the numbers about them): {@code N} idle platform threads, then the no-leak path (the mark at a test's
 * start, the attribution pass at its end) many times over, then the same with the two conditions that
 * make it look further (carrier threads present; a process run a moment ago), then what those further
 * looks cost on their own. Prints one {@code LEAK SCAN COST} line per measurement. In this package to
 * reach the package-private scan; run it with the extension's jar and the benchmarks' jar:
 *
 * <pre>java -cp reaper-junit.jar:junit-*.jar:...:reaper-benchmarks.jar dev.reaper.internal.leak.LeakScanCost 300</pre>
 *
 * <p>Argument: the number of extra threads (default 300).
 */
public final class LeakScanCost {

    private LeakScanCost() {
    }

    public static void main(String[] args) throws Exception {
        int extra = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        for (int i = 0; i < extra; i++) {
            Thread idle = new Thread(LeakScanCost::sleep, "idle-" + i);
            idle.setDaemon(true);
            idle.start();
        }
        LeakFilter filter = LeakFilter.of(new LeakPolicy(LeakAction.WARN, Duration.ofSeconds(1), List.of(), List.of()));

        measure(filter, 10_000, "no leak");
        if (VirtualThreads.SUPPORTED) {
            Thread virtual = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null,
                    (Runnable) () -> {});
            virtual.join();
            check(Arrays.stream(PlatformThreads.all()).anyMatch(PlatformThreads::isCarrier), "carrier threads exist");
            measure(filter, 10_000, "no leak, carrier threads present (a virtual thread ran)");
            long[] dumps = time(30, () -> check(VirtualThreads.dump().isPresent(), "dump"));
            print("JSON thread dump (what finding virtual threads costs) %s", percentiles(dumps));
        }
        new ProcessBuilder("true").start().waitFor(); // leaves an idle process reaper for a minute
        measure(filter, 300, "no leak, a process ran a moment ago (idle process reaper)");
        long[] children = time(50, PlatformThreads::childPids);
        print("listing the JVM's children from the process table (%d processes on this machine) %s",
                ProcessHandle.allProcesses().count(), percentiles(children));
    }

    private static void measure(LeakFilter filter, int rounds, String what) {
        long[] marks = new long[rounds];
        long[] scans = new long[rounds];
        long[] both = new long[rounds];
        for (int pass = 0; pass < 2; pass++) { // the first pass warms up
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                Mark mark = Mark.take("[engine:cost]/[test:probe]");
                long marked = System.nanoTime();
                List<Leak> found =
                        Attribution.find(() -> "cost probe", mark, false, List.of(), () -> filter, new OwnProcesses());
                long scanned = System.nanoTime();
                mark.window().close();
                check(found.isEmpty(), "nothing found");
                marks[i] = marked - start;
                scans[i] = scanned - marked;
                both[i] = scanned - start;
            }
        }
        print("%s, %d live platform threads: mark %s; scan %s; both %s (median %d ns)", what,
                PlatformThreads.all().length,
                percentiles(marks), percentiles(scans), percentiles(both), sorted(both)[rounds / 2]);
    }

    private static long[] time(int rounds, Runnable action) {
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            action.run();
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = sorted(nanos);
        return String.format(Locale.ROOT, "median %.1f us, p90 %.1f us, p99 %.1f us", sorted[sorted.length / 2] / 1e3,
                sorted[sorted.length * 9 / 10] / 1e3, sorted[sorted.length * 99 / 100] / 1e3);
    }

    private static long[] sorted(long[] nanos) {
        long[] copy = nanos.clone();
        Arrays.sort(copy);
        return copy;
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("expected: " + what);
        }
    }

    private static void print(String format, Object... arguments) {
        System.out.println("LEAK SCAN COST: JDK " + Runtime.version().feature() + ", "
                + String.format(Locale.ROOT, format, arguments));
    }

    private static void sleep() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            // the JVM ends
        }
    }
}
