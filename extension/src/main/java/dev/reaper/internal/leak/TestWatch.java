package dev.reaper.internal.leak;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;

import dev.reaper.HungTestException;
import dev.reaper.LeakAction;
import dev.reaper.LeakedThreadsException;
import dev.reaper.internal.config.Policy;
import dev.reaper.internal.process.OwnProcesses;
import dev.reaper.internal.report.Reports;
import dev.reaper.internal.util.ReaperThread;
import dev.reaper.internal.util.TestNames;

/**
 * The leak watch of one test (or class): the {@link Mark} taken at its first invocation, and the scan
 * after its last, which tells the story in order: {@link Attribution find} what it left running,
 * {@link Linger} for what is ending anyway, capture the rest, act ({@link LeakStopper}), report
 * ({@link LeakReport}).
 *
 * <p>Kept in the context's store: closing it ends its overlap window. A dynamic test gets no
 * after-callback from JUnit, so its watch is never scanned; on close it hands what its thread left
 * running to the nearest enclosing watch (its {@code @TestFactory}), which reports it by name.
 */
@SuppressWarnings("deprecation") // CloseableResource: for JUnit 5 setups that turned AutoCloseable support off
final class TestWatch implements AutoCloseable, ExtensionContext.Store.CloseableResource {

    private final ExtensionContext context;
    /** The test's name, for reports only: made when first needed (see {@link #test()}). */
    private String test;
    private final Policy policy;
    private final Mark mark;
    private final long springContextsLoaded;
    private final Supplier<Optional<TestWatch>> enclosing;
    private final Reports reports;
    private final OwnProcesses own;
    private final List<Leak> adopted = new CopyOnWriteArrayList<>();
    private LeakFilter filter;
    private volatile boolean scanned;

    /**
     * @param reports its run's, which files its leaks
     * @param own     its run's fork workers, which are no leak
     */
    TestWatch(ExtensionContext context, Policy policy, Supplier<Optional<TestWatch>> enclosing, Reports reports,
            OwnProcesses own) {
        this.context = context;
        this.policy = policy;
        this.enclosing = enclosing;
        this.reports = reports;
        this.own = own;
        this.mark = Mark.take(context.getUniqueId());
        this.springContextsLoaded = SpringContexts.loaded(context.getTestClass().orElse(null));
    }

    Policy policy() {
        return policy;
    }

    /**
     * After the test's (or class's) last invocation and the extension callbacks registered after
     * Reaper's.
     *
     * @throws dev.reaper.LeakedThreadsException with {@code fail} or {@code stop}, when something leaked
     */
    void scan(PrintStream console) {
        scanned = true;
        // JUnit's thread may carry an interrupt (JUnit's own timeout fired, Reaper passed it on): it would
        // turn every timed wait of the linger and the stop into a busy spin. Set aside, then restored.
        boolean interrupted = Thread.interrupted();
        try {
            boolean hung = hung(context.getExecutionException());
            List<Leak> found = withoutSpringsCachedContext(
                    Attribution.find(this::test, mark, hung, adopted, this::filter, own), hung);
            // Leaks off (or opted out): found only to be claimed, so that the enclosing class never answers for them.
            if (found.isEmpty() || policy.leaks().action() == LeakAction.OFF) {
                return;
            }
            List<Leak> leaks = Linger.await(found, policy.leaks().linger());
            if (leaks.isEmpty()) {
                return;
            }
            act(leaks.stream().map(Leak::captured).toList(), console);
        } finally {
            mark.window().close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * When the test (or class) loaded an application context into Spring's test context cache, the threads
     * that appeared meanwhile are taken for the context's, which the cache keeps for later classes. Found,
     * and so claimed, but not reported; processes still are, and so is everything of a test that hung.
     */
    private List<Leak> withoutSpringsCachedContext(List<Leak> found, boolean hung) {
        if (found.isEmpty() || hung || springContextsLoaded == SpringContexts.UNKNOWN
                || SpringContexts.loaded(context.getTestClass().orElse(null)) <= springContextsLoaded) {
            return found;
        }
        return found.stream().filter(leak -> leak.kind() == Leak.Kind.PROCESS).toList();
    }

    private void act(List<Leak> leaks, PrintStream console) {
        LeakAction action = policy.leaks().action();
        // The leftovers of a test Reaper had to stop are stopped too, whatever the action: they are the
        // rest of the hang, and the test has failed already.
        boolean anyHung = leaks.stream().anyMatch(leak -> leak.origin().hung());
        boolean stop = action == LeakAction.STOP || anyHung;
        List<Leak> acted = leaks;
        if (stop) {
            List<Leak> toStop = action == LeakAction.STOP ? leaks
                    : leaks.stream().filter(leak -> leak.origin().hung()).toList();
            List<Leak> stopped =
                    LeakStopper.stop(toStop, policy.grace(), line -> console.println("Reaper: " + line + " ..."));
            acted = new ArrayList<>(stopped);
            for (Leak leak : leaks) {
                if (!toStop.contains(leak)) {
                    acted.add(leak);
                }
            }
            acted.addAll(appearedWhileStopping());
        }
        Survivors.record(acted, stop);
        LeakReport report = new LeakReport(test(), acted, action, anyHung);
        LeakedThreadsException failure = report.exception();
        reports.leak(context, failure, action.configName());
        boolean fails = action == LeakAction.FAIL || action == LeakAction.STOP;
        console.println("Reaper: " + (fails ? report.headline() + "; it fails with a LeakedThreadsException"
                : report.fullText()));
        try {
            context.publishReportEntry("reaper.leaks", report.summary());
        } catch (RuntimeException notNow) {
            // the report on standard error stands
        }
        if (fails) {
            throw failure;
        }
    }

    /**
     * A thread pool replaces a worker that died of the stop, and the replacement is the test's too. It is
     * reported, not stopped: stopping it would only make the pool start another. What was found before
     * is claimed already, so a second look finds only what is new.
     */
    private List<Leak> appearedWhileStopping() {
        return Attribution.find(this::test, mark, false, List.of(), this::filter, own).stream()
                .map(leak -> leak.captured().withOutcome("appeared while Reaper stopped the others (a pool replacing"
                        + " a stopped worker?); left running"))
                .toList();
    }

    @Override
    public void close() {
        mark.window().close();
        if (!scanned) {
            handOver();
        }
    }

    /** A dynamic test's leftovers go to the enclosing watch, blamed on the dynamic test by name. */
    private void handOver() {
        Optional<TestWatch> receiver = enclosing.get();
        if (receiver.isEmpty() || !mark.window().ranAlone()) {
            return;
        }
        Origin origin = new Origin(test(), Origin.WHILE_RUNNING, hung(context.getExecutionException()));
        for (Thread thread : PlatformThreads.all()) {
            if (thread.getId() > mark.threadIds() && !(thread instanceof ReaperThread)) {
                receiver.get().adopted.add(Leak.thread(thread, origin));
            }
        }
    }

    /**
     * Named only once something is found: walking the contexts and joining display names costs a
     * measurable share of the scan (BENCHMARKS.md), for a name a test that leaks nothing never shows.
     * A racy single check: the name is an immutable string, the same whoever makes it.
     */
    private String test() {
        String name = test;
        if (name == null) {
            name = TestNames.of(context);
            test = name;
        }
        return name;
    }

    private LeakFilter filter() {
        if (filter == null) {
            filter = LeakFilter.of(policy.leaks());
        }
        return filter;
    }

    /** Whether the test hung: its failure is a HungTestException, or carries one (JUnit's own timeout fired first). */
    private static boolean hung(Optional<Throwable> failure) {
        if (failure.isEmpty()) {
            return false;
        }
        Throwable thrown = failure.get();
        if (thrown instanceof HungTestException || thrown.getCause() instanceof HungTestException) {
            return true;
        }
        for (Throwable suppressed : thrown.getSuppressed()) {
            if (suppressed instanceof HungTestException) {
                return true;
            }
        }
        return false;
    }
}
