package dev.reaper.internal.leak;

import java.io.PrintStream;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;

import dev.reaper.internal.config.InvalidConfigurationException;
import dev.reaper.internal.config.LeakAction;
import dev.reaper.internal.config.Policy;
import dev.reaper.internal.config.PolicyResolver;
import dev.reaper.internal.process.OwnProcesses;
import dev.reaper.internal.report.Reports;

/**
 * Leaked threads, virtual threads and processes, per test and per class: what {@code ReaperExtension}
 * calls. One per engine run; its run's reports file the leaks, and its run's fork workers are none.
 *
 * <p>A test's watch starts at its first guarded invocation (before its constructor, usually) and is
 * scanned after its last: in {@code afterEach}, which runs after {@code @AfterEach} methods and after
 * the callbacks of extensions registered after Reaper; a class's in {@code afterAll}. Every enclosing
 * class gets a watch as well, so that a class answers for what none of its tests could be blamed for
 * (threads created outside any test's group while its tests ran in parallel, and what its
 * {@code @BeforeAll} started).
 */
public final class LeakDetection {

    private static final ExtensionContext.Namespace WATCHES = ExtensionContext.Namespace.create(LeakDetection.class);

    private final PolicyResolver policies;
    private final PrintStream console;
    private final Reports reports;
    private final OwnProcesses own;

    private LeakDetection(PolicyResolver policies, PrintStream console, Reports reports, OwnProcesses own) {
        this.policies = policies;
        this.console = console;
        this.reports = reports;
        this.own = own;
    }

    /**
     * @param reports the run's
     * @param own     the run's fork workers
     */
    public static LeakDetection create(PolicyResolver policies, Reports reports, OwnProcesses own) {
        return new LeakDetection(policies, System.err, reports, own);
    }

    /**
     * Called before every guarded invocation; the first one of a test (or class) starts its watch.
     * After that it costs one store lookup. With {@code reaper.leaks=off} it does nothing at all.
     */
    public void watch(ExtensionContext context, Policy policy) {
        if (policy.leaks().action() == LeakAction.OFF || find(context).isPresent()) {
            return;
        }
        watchEnclosingClasses(context);
        start(context, policy);
    }

    /**
     * After a test, or a class: scans it when it was watched.
     *
     * @throws dev.reaper.LeakedThreadsException with {@code fail} or {@code stop}, when it leaked
     */
    public void scan(ExtensionContext context) {
        find(context).ifPresent(watch -> watch.scan(console));
    }

    private void watchEnclosingClasses(ExtensionContext context) {
        for (ExtensionContext outer = context.getParent().orElse(null); outer != null;
                outer = outer.getParent().orElse(null)) {
            if (outer.getElement().filter(Class.class::isInstance).isPresent() && find(outer).isEmpty()) {
                try {
                    start(outer, policies.forTest(outer));
                } catch (InvalidConfigurationException reportedByTheTest) {
                    return; // the same annotation fails the test itself, with a message naming it
                }
            }
        }
    }

    private void start(ExtensionContext context, Policy policy) {
        // Keyed by the context's own id: the store looks keys up in parent contexts too.
        context.getStore(WATCHES).getOrComputeIfAbsent(context.getUniqueId(),
                id -> new TestWatch(context, policy, () -> enclosingWatch(context), reports, own),
                TestWatch.class);
    }

    private static Optional<TestWatch> find(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(WATCHES).get(context.getUniqueId(), TestWatch.class));
    }

    private static Optional<TestWatch> enclosingWatch(ExtensionContext context) {
        for (ExtensionContext outer = context.getParent().orElse(null); outer != null;
                outer = outer.getParent().orElse(null)) {
            Optional<TestWatch> watch = find(outer);
            if (watch.isPresent()) {
                return watch;
            }
        }
        return Optional.empty();
    }
}
