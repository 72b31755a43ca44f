package bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 10,000 trivial tests under JUnit's parallel execution on 2 threads: total time against plain JUnit,
 * interleaved, and the heap after each run (after a full GC): it must not grow with the tests Reaper
 * guarded. All growth is charged to Reaper's tests, those of plain JUnit runs left out of the count.
 */
final class Scale {

    static final int TESTS = 10_000;
    static final Map<String, String> PARALLEL = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "2");

    private final int warmup;
    private final int rounds;

    Scale(int warmup, int rounds) {
        this.warmup = warmup;
        this.rounds = rounds;
    }

    String measure() {
        List<Variant> variants = List.of(Variant.PLAIN.with(PARALLEL), Variant.REAPER_THREAD.with(PARALLEL),
                Variant.REAPER_THREAD_LEAKS.with(PARALLEL));
        Map<Variant, List<Long>> times = new LinkedHashMap<>();
        Map<Variant, List<Double>> heaps = new LinkedHashMap<>();
        Map<Variant, List<Integer>> threads = new LinkedHashMap<>();
        variants.forEach(variant -> {
            times.put(variant, new ArrayList<>());
            heaps.put(variant, new ArrayList<>());
            threads.put(variant, new ArrayList<>());
        });
        var classes = Overhead.plainClasses(TESTS / 100);
        List<Double> heapInOrder = new ArrayList<>();
        List<Variant> runOrder = new ArrayList<>();
        for (int round = 0; round < warmup + rounds; round++) {
            for (int i = 0; i < variants.size(); i++) {
                Variant variant = variants.get((i + round) % variants.size());
                Bench.quiesce();
                // Only the time is kept: the Run (10,000 recorded tests) must be garbage before the heap is read.
                long nanos =
                        Run.of(variant.configuration(), classes).requireAllPassed(TESTS, "scale, " + variant.name())
                                .planNanos();
                double heap = Bench.quiesce();
                if (round >= warmup) {
                    times.get(variant).add(nanos);
                    heaps.get(variant).add(heap);
                    // Every live thread of the JVM (Thread.activeCount() sees only this thread's group).
                    threads.get(variant).add(ManagementFactory.getThreadMXBean().getThreadCount());
                    heapInOrder.add(heap);
                    runOrder.add(variant);
                }
            }
            System.err.printf("bench: scale, round %d of %d done%n", round + 1, warmup + rounds);
        }
        double base = Stats.median(times.get(variants.get(0)));
        StringBuilder table = new StringBuilder()
                .append("**Scale**: ").append(String.format("%,d", TESTS))
                .append(" trivial tests, JUnit parallel execution on 2 threads (").append(rounds)
                .append(" rounds after ").append(warmup)
                .append(" warm-up rounds; heap used after a full GC following each run, in run order;"
                        + " retained per test: the variant's last heap minus its first, over its own tests in between)\n\n")
                .append(Stats.row("variant", "median ms", "min-max ms", "ratio to plain", "overhead per test µs",
                        "heap after each run, MB", "retained per test, bytes", "JVM threads alive after, max"))
                .append(Stats.row("---", "---:", "---:", "---:", "---:", "---", "---:", "---:"));
        for (Variant variant : variants) {
            List<Long> own = times.get(variant);
            List<Double> overheads = new ArrayList<>();
            for (int round = 0; round < own.size(); round++) {
                overheads.add((own.get(round) - times.get(variants.get(0)).get(round)) / 1e3 / TESTS);
            }
            double median = Stats.median(own);
            List<Double> heap = heaps.get(variant);
            table.append(Stats.row(variant.name(), Stats.ms(median / 1e6),
                    Stats.range(own.stream().map(Stats::millis).toList()), Stats.ratio(median, base),
                    variant == variants.get(0) ? "-" : Stats.us(Stats.median(overheads)),
                    String.join(", ", heap.stream().map(mb -> String.format("%.1f", mb)).toList()),
                    String.format("%.2f",
                            retainedPerTest(heap.get(0), heap.get(heap.size() - 1), (heap.size() - 1) * TESTS)),
                    (int) Stats.max(threads.get(variant))));
        }
        // Over the whole run: every Reaper-guarded test after the first measured reading, up to the last one.
        long guarded = TESTS * runOrder.subList(1, runOrder.size()).stream()
                .filter(variant -> variant != variants.get(0)).count();
        double first = heapInOrder.get(0);
        double last = heapInOrder.get(heapInOrder.size() - 1);
        long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        return table.append("\nHeap after the first measured run ").append(String.format("%.1f", first))
                .append(" MB, after the last ").append(String.format("%.1f", last))
                .append(" MB: ").append(String.format("%.2f", retainedPerTest(first, last, guarded)))
                .append(" bytes retained per test Reaper guarded in between (").append(String.format("%,d", guarded))
                .append(" tests; plain JUnit's left out of the count; max heap ")
                .append(max / (1 << 20)).append(" MB).\n\n").toString();
    }

    /** Heap growth between two readings (MB) per test run between them; NaN when none ran. */
    private static double retainedPerTest(double firstMb, double lastMb, long tests) {
        return tests == 0 ? Double.NaN : (lastMb - firstMb) * (1 << 20) / tests;
    }
}
