package bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One launcher run of some test classes with a configuration, as a build would run them, and the
 * timestamps ({@link System#nanoTime()}) a listener saw. Discovery is not timed: it is the same for
 * every variant, and the execution is what a guard can cost.
 */
final class Run {

    private static final Launcher LAUNCHER = LauncherFactory.create();

    /** What one test did. */
    record Test(String name, long startedNanos, long finishedNanos, TestExecutionResult result,
            Map<String, String> entries) {

        Optional<Throwable> failure() {
            return result.getThrowable();
        }

        long entry(String key) {
            String value = entries.get(key);
            if (value == null) {
                throw new IllegalStateException(name + " published no " + key + ": " + result);
            }
            return Long.parseLong(value);
        }
    }

    final long planStartedNanos;
    final long planFinishedNanos;
    final long firstFinishedNanos;
    final long lastFinishedNanos;
    final int succeeded;
    final List<Test> tests;

    private Run(Listener listener) {
        this.planStartedNanos = listener.planStarted;
        this.planFinishedNanos = listener.planFinished;
        this.firstFinishedNanos = listener.firstFinished;
        this.lastFinishedNanos = listener.lastFinished;
        this.succeeded = listener.succeeded.get();
        this.tests = List.copyOf(listener.tests);
    }

    static Run of(Map<String, String> configuration, List<? extends DiscoverySelector> selectors) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameters(configuration)
                .build();
        Listener listener = new Listener();
        // JUnit reads this one key where LauncherFactory builds the launcher of each execute(), from the system
        // properties and junit-platform.properties only, never from the request: so a system property, for
        // this run alone. (The request keeps the key too, where it does nothing but say what the run was.)
        String deactivate = configuration.get(Variant.DEACTIVATE_LISTENERS);
        String before = System.getProperty(Variant.DEACTIVATE_LISTENERS);
        if (deactivate != null) {
            System.setProperty(Variant.DEACTIVATE_LISTENERS, deactivate);
        }
        try {
            LAUNCHER.execute(request, listener);
        } finally {
            if (deactivate != null && before != null) {
                System.setProperty(Variant.DEACTIVATE_LISTENERS, before);
            } else if (deactivate != null) {
                System.clearProperty(Variant.DEACTIVATE_LISTENERS);
            }
        }
        return new Run(listener);
    }

    int count() {
        return tests.size();
    }

    /** Execution of the test plan, first test started to last test finished and JUnit's wrap-up. */
    long planNanos() {
        return planFinishedNanos - planStartedNanos;
    }

    /**
     * The time the last {@code tests} tests took: from the end of the test before them to the end of the
     * last; steady state, without one-time costs (a worker's start, its JIT warming up).
     */
    long tailNanos(int tests) {
        return lastFinishedNanos - this.tests.get(count() - tests - 1).finishedNanos();
    }

    Test test(String methodNameStart) {
        return tests.stream().filter(test -> test.name().contains(methodNameStart)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no test " + methodNameStart + " in " + tests));
    }

    /** Every test passed, and there were as many as expected: otherwise the numbers would mean nothing. */
    Run requireAllPassed(int expected, String what) {
        if (succeeded != expected || count() != expected) {
            String firstFailure = tests.stream().filter(test -> test.failure().isPresent()).findFirst()
                    .map(test -> test.name() + ": " + test.failure().get()).orElse("none");
            throw new IllegalStateException(what + ": " + succeeded + " of " + count() + " tests passed, expected "
                    + expected + "; first failure: " + firstFailure);
        }
        return this;
    }

    private static final class Listener implements TestExecutionListener {

        volatile long planStarted;
        volatile long planFinished;
        volatile long firstFinished;
        volatile long lastFinished;
        final AtomicInteger succeeded = new AtomicInteger();
        final List<Test> tests = new ArrayList<>();
        private final Map<String, Long> started = new ConcurrentHashMap<>();
        private final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            planStarted = System.nanoTime();
        }

        @Override
        public void testPlanExecutionFinished(TestPlan testPlan) {
            planFinished = System.nanoTime();
        }

        @Override
        public void executionStarted(TestIdentifier test) {
            if (test.isTest()) {
                started.put(test.getUniqueId(), System.nanoTime());
            }
        }

        @Override
        public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            entries.computeIfAbsent(test.getUniqueId(), id -> new ConcurrentHashMap<>())
                    .putAll(entry.getKeyValuePairs());
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (!test.isTest()) {
                return;
            }
            long now = System.nanoTime();
            synchronized (this) {
                if (tests.isEmpty()) {
                    firstFinished = now;
                }
                lastFinished = now;
                tests.add(new Test(test.getUniqueId(), started.getOrDefault(test.getUniqueId(), now), now, result,
                        entries.getOrDefault(test.getUniqueId(), Map.of())));
            }
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                succeeded.incrementAndGet();
            }
        }
    }
}
