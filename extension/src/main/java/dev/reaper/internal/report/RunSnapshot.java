package dev.reaper.internal.report;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the run stood when it ended before its tests did (the run watchdog fired, or the JVM is shutting
 * down): the same facts go to the console, the report and GitHub's step summary.
 *
 * @param running                the running tests, longest running first; the running classes when no test runs
 * @param finishedTests          how many tests of this JVM had ended, by JUnit's status
 * @param endedInRunningClasses  the tests that had ended in classes still running: the end of the JVM costs
 *                               those classes their XML reports
 */
public record RunSnapshot(List<RunningTest> running, Map<String, Integer> finishedTests,
        List<FinishedTest> endedInRunningClasses) {

    public RunSnapshot {
        running = List.copyOf(running);
        finishedTests = Collections.unmodifiableMap(new TreeMap<>(finishedTests)); // the report lists them in order
        endedInRunningClasses = List.copyOf(endedInRunningClasses);
    }
}
