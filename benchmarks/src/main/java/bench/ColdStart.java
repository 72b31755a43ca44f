package bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import bench.suites.Hangs;

/**
 * Fork cold start: each launcher run starts its own worker (workers end with the run), so the first
 * forked test waits for a JVM to start and connect; the next ones find a warm worker.
 * Measured from JUnit starting the test (listener) to the test's body running in the worker.
 */
final class ColdStart {

    private final int rounds;

    ColdStart(int rounds) {
        this.rounds = rounds;
    }

    String measure() {
        Variant fork = Variant.reaper("Reaper fork", Map.of("reaper.isolation.default", "fork"));
        List<Double> first = new ArrayList<>();
        List<Double> second = new ArrayList<>();
        List<Double> third = new ArrayList<>();
        List<Double> standby = new ArrayList<>();
        Variant fresh = Variant.reaper("Reaper fork, no reuse", Map.of("reaper.isolation.default", "fork",
                "reaper.fork.reuse", "false"));
        for (int round = 0; round < rounds; round++) {
            Bench.quiesce();
            Run run = Run.of(fork.configuration(), List.of(selectClass(Hangs.ColdStart.class)))
                    .requireAllPassed(3, "cold start");
            first.add(startup(run.test("a_first")));
            second.add(startup(run.test("b_second")));
            third.add(startup(run.test("c_third")));
            Bench.quiesce();
            Run fresh3 = Run.of(fresh.configuration(), List.of(selectClass(Hangs.StandbyStart.class)))
                    .requireAllPassed(3, "standby start");
            standby.add(startup(fresh3.test("c_onAStandby")));
        }
        System.err.println("bench: cold start done");
        return new StringBuilder()
                .append("**Fork cold start** (").append(rounds).append(" runs, each with a new worker pool)\n\n")
                .append(Stats.row("test in the run", "JUnit starts the test → its body runs in the worker, median ms",
                        "min-max ms"))
                .append(Stats.row("---", "---:", "---:"))
                .append(Stats.row("first (cold: starts a worker JVM)", Stats.ms(Stats.median(first)),
                        Stats.range(first)))
                .append(Stats.row("second (warm worker)", Stats.ms(Stats.median(second)), Stats.range(second)))
                .append(Stats.row("third (warm worker)", Stats.ms(Stats.median(third)), Stats.range(third)))
                .append(Stats.row("first test on a standby worker (up, never ran a test: as after a kill)",
                        Stats.ms(Stats.median(standby)), Stats.range(standby)))
                .append('\n').toString();
    }

    private static double startup(Run.Test test) {
        return Stats.millis(test.entry(Hangs.STARTED) - test.startedNanos());
    }
}
