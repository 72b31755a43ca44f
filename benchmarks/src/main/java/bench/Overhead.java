package bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.platform.engine.discovery.ClassSelector;

import bench.suites.Suites;

/**
 * Per-test overhead: the same suite of trivial tests run by every variant, interleaved (each round runs
 * every variant once, in a rotated order), with a GC before each run. The overhead per test of a variant
 * is the median over rounds of (its time - plain JUnit's time in the same round) / tests; the machine
 * is shared, so the difference of the minima (the runs least disturbed) is shown as well.
 */
final class Overhead {

    /** One suite and the variants measured on it, side by side. */
    /**
     * @param timed the last tests of each run whose time counts: all of them ({@code tests}), or a tail
     *              (fork isolation: the worker's start and warm-up left out)
     */
    record Suite(String name, List<ClassSelector> classes, int tests, List<Variant> variants, int timed) {

        boolean steady() {
            return timed < tests;
        }
    }

    private final int warmup;
    private final int rounds;

    Overhead(int warmup, int rounds) {
        this.warmup = warmup;
        this.rounds = rounds;
    }

    static List<ClassSelector> plainClasses(int count) {
        List<ClassSelector> selectors = new ArrayList<>();
        for (Class<?> nested : Suites.class.getClasses()) {
            if (nested.getSimpleName().startsWith("P")
                    && Integer.parseInt(nested.getSimpleName().substring(1)) < count) {
                selectors.add(selectClass(nested));
            }
        }
        return sorted(selectors, count);
    }

    static List<ClassSelector> lifecycleClasses(int count) {
        List<ClassSelector> selectors = new ArrayList<>();
        for (Class<?> nested : Suites.class.getClasses()) {
            if (nested.getSimpleName().startsWith("L")
                    && Integer.parseInt(nested.getSimpleName().substring(1)) < count) {
                selectors.add(selectClass(nested));
            }
        }
        return sorted(selectors, count);
    }

    private static List<ClassSelector> sorted(List<ClassSelector> selectors, int count) {
        if (selectors.size() != count) {
            throw new IllegalStateException("expected " + count + " classes, found " + selectors.size());
        }
        selectors.sort((a, b) -> a.getClassName().compareTo(b.getClassName()));
        return selectors;
    }

    String measure(Suite suite) {
        Map<Variant, List<Long>> times = new LinkedHashMap<>();
        suite.variants().forEach(variant -> times.put(variant, new ArrayList<>()));
        Map<Variant, String> threads = new LinkedHashMap<>();
        for (Variant variant : suite.variants()) {
            threads.put(variant, WhereAmI.of(variant));
        }
        int n = suite.variants().size();
        for (int round = 0; round < warmup + rounds; round++) {
            for (int i = 0; i < n; i++) {
                Variant variant = suite.variants().get((i + round) % n);
                Bench.quiesce();
                Run run = Run.of(variant.configuration(), suite.classes())
                        .requireAllPassed(suite.tests(), suite.name() + ", " + variant.name());
                if (round >= warmup) {
                    times.get(variant).add(suite.steady() ? run.tailNanos(suite.timed()) : run.planNanos());
                }
            }
            System.err.printf("bench: %s, round %d of %d done%n", suite.name(), round + 1, warmup + rounds);
        }
        return table(suite, times, threads);
    }

    private String table(Suite suite, Map<Variant, List<Long>> times, Map<Variant, String> threads) {
        List<Long> base = times.get(Variant.PLAIN);
        double baseMedian = Stats.median(base);
        int perTestDivisor = suite.timed();
        StringBuilder table = new StringBuilder()
                .append("**").append(suite.name()).append("** (").append(rounds).append(" rounds after ")
                .append(warmup).append(" warm-up rounds; ")
                .append(suite.steady() ? "time of tests " + (suite.tests() - suite.timed() + 1) + "-" + suite.tests()
                        + " of each run, each run with a new worker JVM: its start is left out, and its JIT has seen "
                        + (suite.tests() - suite.timed()) + " tests" : "execution time of the test plan")
                .append(")\n\n")
                .append(Stats.row("variant", "median ms", "min-max ms", "ratio to plain", "per test µs",
                        "overhead per test µs", "overhead per test µs, from the minima", "tests ran on"))
                .append(Stats.row("---", "---:", "---:", "---:", "---:", "---:", "---:", "---"));
        for (Map.Entry<Variant, List<Long>> entry : times.entrySet()) {
            List<Long> own = entry.getValue();
            List<Double> millis = own.stream().map(Stats::millis).toList();
            List<Double> overheads = new ArrayList<>();
            for (int round = 0; round < own.size(); round++) {
                overheads.add((own.get(round) - base.get(round)) / 1e3 / perTestDivisor);
            }
            double median = Stats.median(own);
            table.append(Stats.row(entry.getKey().name(), Stats.ms(median / 1e6), Stats.range(millis),
                    Stats.ratio(median, baseMedian), Stats.us(median / 1e3 / perTestDivisor),
                    entry.getKey() == Variant.PLAIN ? "-" : Stats.us(Stats.median(overheads)),
                    entry.getKey() == Variant.PLAIN ? "-"
                            : Stats.us((Stats.min(own) - Stats.min(base)) / 1e3 / perTestDivisor),
                    threads.get(entry.getKey())));
        }
        return table.append('\n').toString();
    }
}
