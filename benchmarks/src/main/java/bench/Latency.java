package bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.reaper.HungTestException;

import bench.suites.Hangs;

/**
 * Reaction latency: tests that really hang, with a short timeout and grace, in rounds (each round runs
 * every case once). "Reported" is measured by the listener: from the deadline (the test's own start,
 * published by the test, plus the timeout) to JUnit reporting the failure; "overrun" is Reaper's own
 * figure ({@link HungTestException#overrun()}: deadline to the failure being built).
 */
final class Latency {

    static final Duration TIMEOUT = Duration.ofMillis(300);
    static final Duration GRACE = Duration.ofMillis(200);

    private record Case(String name, Class<?> testClass, Variant variant, String target, long targetMillis) {
    }

    private final int rounds;

    Latency(int rounds) {
        this.rounds = rounds;
    }

    String measure() {
        Map<String, String> shortDeadlines = Map.of("reaper.timeout.default", TIMEOUT.toMillis() + " ms",
                "reaper.grace", GRACE.toMillis() + " ms");
        Variant thread = Variant.reaper("Reaper thread", shortDeadlines);
        Variant fork = Variant.reaper("Reaper fork", Map.of("reaper.isolation.default", "fork")).with(shortDeadlines);
        long grace = GRACE.toMillis();
        List<Case> cases = List.of(
                new Case("interruptible hang (latch await)", Hangs.Interruptible.class, thread, "-", Long.MAX_VALUE),
                new Case("swallowed interrupt, polls `Deadline`", Hangs.SwallowsInterruptsPollsFlag.class, thread,
                        "grace + 50 ms", grace + 50),
                new Case("swallowed interrupt (sleep loop)", Hangs.SwallowsInterrupts.class, thread, "grace + 50 ms",
                        grace + 50),
                new Case("busy loop", Hangs.BusyLoop.class, thread, "grace + 50 ms", grace + 50),
                new Case("`synchronized` deadlock, fork", Hangs.Deadlock.class, fork, "2 graces + 300 ms",
                        2 * grace + 300));
        Map<Case, List<Double>> reported = new LinkedHashMap<>();
        Map<Case, List<Double>> overruns = new LinkedHashMap<>();
        Map<Case, TreeSet<String>> rungs = new LinkedHashMap<>();
        List<Double> nextStarts = new ArrayList<>();
        cases.forEach(c -> {
            reported.put(c, new ArrayList<>());
            overruns.put(c, new ArrayList<>());
            rungs.put(c, new TreeSet<>());
        });
        for (int round = 0; round < rounds; round++) {
            for (Case c : cases) {
                Bench.quiesce();
                Run run = Run.of(c.variant().configuration(), List.of(selectClass(c.testClass())));
                Run.Test hung = run.tests.stream().filter(test -> test.failure().isPresent()).findFirst()
                        .orElseThrow(() -> new IllegalStateException(c.name() + " did not fail: " + run.tests));
                if (!(hung.failure().get() instanceof HungTestException failure)) {
                    throw new IllegalStateException(c.name() + " failed otherwise", hung.failure().get());
                }
                long deadline = hung.entry(Hangs.STARTED) + TIMEOUT.toNanos();
                reported.get(c).add(Stats.millis(hung.finishedNanos() - deadline));
                overruns.get(c).add(failure.overrun().toNanos() / 1e6);
                rungs.get(c).add(failure.isZombie() ? "zombie" : failure.stoppedBy().map(r -> r.configName()).orElse("itself"));
                if (c.testClass() == Hangs.Deadlock.class) {
                    Run.Test next = run.test("b_next");
                    nextStarts.add(Stats.millis(next.entry(Hangs.STARTED) - hung.finishedNanos()));
                }
            }
            System.err.printf("bench: latency, round %d of %d done%n", round + 1, rounds);
        }
        StringBuilder table = new StringBuilder()
                .append("**Reaction latency** (timeout ").append(TIMEOUT.toMillis()).append(" ms, grace ")
                .append(grace).append(" ms, ").append(rounds).append(" rounds)\n\n")
                .append(Stats.row("hang", "isolation", "ended by", "deadline → failure reported, median ms",
                        "min-max ms", "Reaper's overrun(), median ms", "target", "met"))
                .append(Stats.row("---", "---", "---", "---:", "---:", "---:", "---", "---"));
        for (Case c : cases) {
            double median = Stats.median(reported.get(c));
            table.append(Stats.row(c.name(), c.variant() == fork ? "fork" : "thread", String.join(", ", rungs.get(c)),
                    Stats.ms(median), Stats.range(reported.get(c)), Stats.ms(Stats.median(overruns.get(c))),
                    c.target().equals("-") ? "-" : c.target() + " = " + c.targetMillis() + " ms",
                    c.target().equals("-") ? "-" : median <= c.targetMillis() ? "yes" : "**no**"));
        }
        table.append('\n').append("Next test started on a fresh worker after the kill: median ")
                .append(Stats.ms(Stats.median(nextStarts))).append(" ms (").append(Stats.range(nextStarts))
                .append(" ms) from the hung test's failure being reported to the next test's body running.\n\n");
        return table.toString();
    }
}
