package dev.reaper.internal.watchdog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.reaper.internal.report.FinishedTest;
import dev.reaper.internal.report.RunSnapshot;
import dev.reaper.internal.report.RunningTest;

/**
 * What the tests of this JVM are doing, as its launchers report it: the running tests and classes and
 * since when, how many tests ended by status, and which ended in classes still running. The run watchdog
 * and the shutdown hook read it when the run ends before its tests do; only one of them reports that end.
 */
final class RunProgress {

    private record Running(String name, String uniqueId, boolean test, long startNanos, Thread thread) {
    }

    private record Ended(String name, String status, long order) {
    }

    private record Pending(Supplier<String> name, long order) {
    }

    private final LongSupplier nanoTime;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, Integer> finishedTests = new ConcurrentHashMap<>();
    /**
     * The tests that ended in outermost classes still running: the end of the JVM costs those classes their
     * XML reports, so the report names them. Forgotten when their class ends: it holds the running classes' worth.
     */
    private final Map<String, Ended> endedInRunningClasses = new ConcurrentHashMap<>();
    /** The tests of the executing plans that have not started, by unique ID, when the watchdog is armed. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** The tests skipped because the run budget ran out, in order. */
    private final Queue<String> notRun = new ConcurrentLinkedQueue<>();
    private final AtomicLong endings = new AtomicLong();
    private final AtomicInteger plansExecuting = new AtomicInteger();
    private final AtomicBoolean endReported = new AtomicBoolean();
    private volatile long lastProgressNanos;

    RunProgress(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.lastProgressNanos = nanoTime.getAsLong();
    }

    void planStarted() {
        plansExecuting.incrementAndGet();
        lastProgressNanos = nanoTime.getAsLong();
    }

    void planFinished() {
        lastProgressNanos = nanoTime.getAsLong();
        if (plansExecuting.decrementAndGet() == 0) {
            // The run ended normally; an entry left behind (an engine that never reported an end) is not running.
            running.clear();
            // Tests directly under an engine belong to no class that could end: only the plan's end forgets them.
            endedInRunningClasses.clear();
            pending.clear();
        }
    }

    /** A test of a plan that starts executing: until it starts or is skipped, it is one a halt leaves not run. */
    void planned(String uniqueId, Supplier<String> name) {
        pending.put(uniqueId, new Pending(name, endings.incrementAndGet()));
    }

    /**
     * A test or container that will not run; with {@code notRunByBudget}, skipped because the run budget ran
     * out. The tests inside a container skipped never start.
     */
    void skipped(String uniqueId, String name, boolean container, boolean notRunByBudget) {
        pending.remove(uniqueId);
        if (container && !pending.isEmpty()) {
            String inside = uniqueId + "/";
            pending.keySet().removeIf(id -> id.startsWith(inside));
        }
        if (notRunByBudget) {
            notRun.add(name);
        }
    }

    /** The unique IDs of the running tests (not classes). */
    List<String> runningTestIds() {
        return running.values().stream().filter(Running::test).map(Running::uniqueId).toList();
    }

    /** Whether the test or container is still running. */
    boolean isRunning(String uniqueId) {
        return running.containsKey(uniqueId);
    }

    /** The tests the run budget kept from running, then those that have not started yet, each in the plan's order. */
    List<String> notRun() {
        List<String> names = new ArrayList<>(notRun);
        pending.values().stream().sorted(Comparator.comparingLong(Pending::order))
                .forEach(test -> names.add(test.name().get()));
        return names;
    }

    /** @param thread the thread the launcher announced it on, which runs it unless it is forked */
    void started(String uniqueId, String name, boolean test, Thread thread) {
        pending.remove(uniqueId);
        running.put(uniqueId, new Running(name, uniqueId, test, nanoTime.getAsLong(), thread));
    }

    /** @param status {@code SUCCESSFUL}, {@code FAILED} or {@code ABORTED} */
    void testFinished(String uniqueId, String status) {
        Running test = running.remove(uniqueId);
        finishedTests.merge(status, 1, Integer::sum);
        if (test != null) {
            endedInRunningClasses.put(uniqueId, new Ended(test.name(), status, endings.incrementAndGet()));
        }
        lastProgressNanos = nanoTime.getAsLong();
    }

    /** @param outermost a class directly under its engine: its XML report is written now, with its tests' */
    void containerFinished(String uniqueId, boolean outermost) {
        running.remove(uniqueId);
        if (outermost) {
            String inside = uniqueId + "/";
            endedInRunningClasses.keySet().removeIf(id -> id.startsWith(inside));
        }
        lastProgressNanos = nanoTime.getAsLong();
    }

    /** When a test or class last finished, or a plan started or finished. */
    long lastProgressNanos() {
        return lastProgressNanos;
    }

    /** Whether a plan is executing and something of it is running: a JVM ending now ends the run too early. */
    boolean testsRunning() {
        return plansExecuting.get() > 0 && !running.isEmpty();
    }

    /** True for the first caller only: the run watchdog and the shutdown hook never both report the end. */
    boolean claimEndReport() {
        return endReported.compareAndSet(false, true);
    }

    boolean endReported() {
        return endReported.get();
    }

    /** The running test started on {@code thread}, if any: the one that called {@code System.exit} there. */
    Optional<String> testOn(Thread thread) {
        return running.values().stream().filter(entry -> entry.test() && entry.thread() == thread)
                .map(Running::name).findFirst();
    }

    RunSnapshot snapshot() {
        long now = nanoTime.getAsLong();
        List<FinishedTest> ended = endedInRunningClasses.values().stream()
                .sorted(Comparator.comparingLong(Ended::order))
                .map(test -> new FinishedTest(test.name(), test.status())).toList();
        return new RunSnapshot(runningNow(now), finishedTests, ended);
    }

    /**
     * The running tests, longest running first; the running classes only when no test is running (a hung
     * {@code @BeforeAll}).
     */
    private List<RunningTest> runningNow(long now) {
        List<Running> snapshot = new ArrayList<>(running.values());
        if (snapshot.stream().anyMatch(Running::test)) {
            snapshot.removeIf(entry -> !entry.test());
        }
        snapshot.sort(Comparator.comparingLong(Running::startNanos));
        List<RunningTest> tests = new ArrayList<>();
        for (Running entry : snapshot) {
            tests.add(new RunningTest(entry.name(), entry.uniqueId(), Duration.ofNanos(now - entry.startNanos())));
        }
        return tests;
    }
}
