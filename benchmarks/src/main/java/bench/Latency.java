package bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import bench.suites.Hangs;
import dev.reaper.HungTestException;

/**
 * Reaction latency: tests that really hang, with a short timeout and grace, in rounds (each round runs
 * every case once), after a warm-up round that pays the one-time costs of the stop and kill paths
 * (class loading, the JIT, the stop rung's native library). "Reported" is measured by the listener:
 * from the deadline (the one Reaper armed, published by the test) to JUnit reporting the failure;
 * "overrun" is Reaper's own figure ({@link HungTestException#overrun()}: deadline to the failure being
 * built). A target is met only if the slowest round meets it: it promises every hang, not a typical one.
 */
final class Latency {

    static final Duration TIMEOUT = Duration.ofMillis(300);
    static final Duration GRACE = Duration.ofMillis(200);

    private record Case(String name, Class<?> testClass, Variant variant, String target, long targetMillis) {
    }

    private final int warmup;
    private final int rounds;

    Latency(int warmup, int rounds) {
        this.warmup = warmup;
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
        List<Double> nextFromDeadline = new ArrayList<>();
        List<Double> nextFromReport = new ArrayList<>();
        cases.forEach(c -> {
            reported.put(c, new ArrayList<>());
            overruns.put(c, new ArrayList<>());
            rungs.put(c, new TreeSet<>());
        });
        for (int round = 0; round < warmup + rounds; round++) {
            for (Case c : cases) {
                Bench.quiesce();
                Run run = Run.of(c.variant().configuration(), List.of(selectClass(c.testClass())));
                Run.Test hung = run.tests.stream().filter(test -> test.failure().isPresent()).findFirst()
                        .orElseThrow(() -> new IllegalStateException(c.name() + " did not fail: " + run.tests));
                if (!(hung.failure().get() instanceof HungTestException failure)) {
                    throw new IllegalStateException(c.name() + " failed otherwise", hung.failure().get());
                }
                long deadline = hung.entry(Hangs.DEADLINE);
                long afterStart = deadline - hung.entry(Hangs.STARTED);
                if (afterStart <= 0 || afterStart > TIMEOUT.toNanos()) {
                    // Armed before the body started, for this timeout: anything else is not the deadline meant here.
                    throw new IllegalStateException(
                            c.name() + ": deadline " + afterStart + " ns after the body started,"
                                    + " timeout " + TIMEOUT);
                }
                Run.Test next = c.testClass() == Hangs.Deadlock.class ? nextOnAFreshWorker(run, hung) : null;
                if (round < warmup) {
                    continue;
                }
                reported.get(c).add(Stats.millis(hung.finishedNanos() - deadline));
                overruns.get(c).add(failure.overrun().toNanos() / 1e6);
                rungs.get(c).add(
                        failure.isZombie() ? "zombie" : failure.stoppedBy().map(r -> r.configName()).orElse("itself"));
                if (next != null) {
                    nextFromDeadline.add(Stats.millis(next.entry(Hangs.STARTED) - deadline));
                    nextFromReport.add(Stats.millis(next.entry(Hangs.STARTED) - hung.finishedNanos()));
                }
            }
            System.err.printf("bench: latency, round %d of %d done%n", round + 1, warmup + rounds);
        }
        StringBuilder table = new StringBuilder()
                .append("**Reaction latency** (timeout ").append(TIMEOUT.toMillis()).append(" ms, grace ")
                .append(grace).append(" ms, ").append(rounds).append(" rounds after ").append(warmup)
                .append(" warm-up rounds; from the deadline Reaper armed; met: the slowest round, the max, within the target)\n\n")
                .append(Stats.row("hang", "isolation", "ended by", "deadline → failure reported, median ms", "max ms",
                        "Reaper's overrun(), median / max ms", "target", "met (max)"))
                .append(Stats.row("---", "---", "---", "---:", "---:", "---:", "---", "---"));
        for (Case c : cases) {
            double max = Stats.max(reported.get(c));
            table.append(Stats.row(c.name(), c.variant() == fork ? "fork" : "thread", String.join(", ", rungs.get(c)),
                    Stats.ms(Stats.median(reported.get(c))), Stats.ms(max),
                    Stats.ms(Stats.median(overruns.get(c))) + " / " + Stats.ms(Stats.max(overruns.get(c))),
                    c.target().equals("-") ? "-" : c.target() + " = " + c.targetMillis() + " ms",
                    c.target().equals("-") ? "-" : max <= c.targetMillis() ? "yes" : "**no**"));
        }
        return table.append('\n')
                .append(Stats.row("after the kill, `b_next` on a fresh worker JVM (pid checked every round)",
                        "median ms",
                        "min-max ms"))
                .append(Stats.row("---", "---:", "---:"))
                .append(Stats.row("hung test's deadline → next test's body started",
                        Stats.ms(Stats.median(nextFromDeadline)),
                        Stats.range(nextFromDeadline)))
                .append(Stats.row("hung test's failure reported → next test's body started",
                        Stats.ms(Stats.median(nextFromReport)), Stats.range(nextFromReport)))
                .append('\n').toString();
    }

    /**
     * The test after the killed one, which must have run on another worker JVM: a worker that survived
     * the kill (or the test run in this JVM) would make its start time mean something else.
     */
    private static Run.Test nextOnAFreshWorker(Run run, Run.Test hung) {
        Run.Test next = run.test("b_next");
        long killed = hung.entry(Hangs.PID);
        long ranOn = next.entry(Hangs.PID);
        if (ranOn == killed || ranOn == ProcessHandle.current().pid() || killed == ProcessHandle.current().pid()) {
            throw new IllegalStateException("b_next did not run on a fresh worker JVM: the hung test ran in pid "
                    + killed + ", b_next in pid " + ranOn + ", this JVM is pid " + ProcessHandle.current().pid());
        }
        if (next.failure().isPresent()) {
            throw new IllegalStateException("b_next failed on the fresh worker", next.failure().get());
        }
        return next;
    }
}
