package dev.reaper.internal.watchdog;

import java.util.ArrayList;
import java.util.List;

import dev.reaper.internal.report.FinishedTest;
import dev.reaper.internal.report.RunSnapshot;
import dev.reaper.internal.report.RunningTest;
import dev.reaper.internal.util.Durations;

/** How the run watchdog and the shutdown hook both say on the console what a run that ends early leaves running. */
final class RunEndLines {

    /** At most this many of the ended tests on the console; the report has them all. */
    private static final int ENDED_ON_CONSOLE = 20;

    private RunEndLines() {
    }

    /** {@code A.a() for 1.25 s, B.b() for 3 s}. */
    static String running(RunSnapshot run) {
        return String.join(", ", run.running().stream()
                .map(test -> test.name() + " for " + Durations.format(test.running())).toList());
    }

    /** One line per running test. */
    static List<String> runningTests(RunSnapshot run) {
        List<String> lines = new ArrayList<>();
        for (RunningTest test : run.running()) {
            lines.add("Reaper:   " + test.name() + " has been running for " + Durations.format(test.running()));
        }
        return lines;
    }

    /**
     * The tests that ended in classes still running, if any: their XML reports are lost with the JVM.
     *
     * @param end what ends the JVM, e.g. {@code "the halt"}
     */
    static List<String> endedInRunningClasses(RunSnapshot run, String end) {
        List<FinishedTest> ended = run.endedInRunningClasses();
        if (ended.isEmpty()) {
            return List.of();
        }
        return List.of("Reaper:   ended before, in the classes still running (" + end + " costs them their XML"
                + " report): " + String.join(", ", ended.stream().limit(ENDED_ON_CONSOLE)
                        .map(test -> test.name() + " " + test.status()).toList())
                + (ended.size() > ENDED_ON_CONSOLE
                        ? " and " + (ended.size() - ENDED_ON_CONSOLE) + " more (see the report)" : ""));
    }
}
