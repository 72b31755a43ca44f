package bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;

import bench.suites.Hangs;

/** Proof that a variant guards its tests: the thread (and process) a trivial test runs on, and its deadline. */
final class WhereAmI {

    private WhereAmI() {
    }

    static String of(Variant variant) {
        Run.Test test = Run.of(variant.configuration(), List.of(selectClass(Hangs.WhereAmI.class)))
                .requireAllPassed(1, "where am I, " + variant.name()).tests.get(0);
        String thread = test.entries().get("bench.thread");
        long pid = Long.parseLong(test.entries().get("bench.pid"));
        String deadline = test.entries().get("bench.deadline");
        return "`" + thread + "`" + (pid == ProcessHandle.current().pid() ? "" : " in worker JVM")
                + (deadline.equals("none") ? ", no Reaper deadline" : ", Reaper deadline in " + deadline);
    }
}
