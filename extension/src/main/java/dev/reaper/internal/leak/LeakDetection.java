package dev.reaper.internal.leak;

import java.io.PrintStream;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;

import dev.reaper.LeakAction;
import dev.reaper.internal.config.InvalidConfigurationException;
import dev.reaper.internal.config.LeakPolicy;
import dev.reaper.internal.config.Policy;
import dev.reaper.internal.config.PolicyResolver;
import dev.reaper.internal.config.Registered;
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
    /** Whether any watch started in this engine run: until then a test that reports nothing has nothing to do. */
    private volatile boolean watching;

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
     *
     * @param registered the values of the {@code ReaperExtension} that guards it, which apply to its
     *                   enclosing classes' watches too
     */
    public void watch(ExtensionContext context, Policy policy, Registered registered) {
        if (policy.leaks().action() == LeakAction.OFF) {
            if (watching) {
                claimOnly(context, policy);
            }
            return;
        }
        if (find(context).isPresent()) {
            return;
        }
        watchEnclosingClasses(context, registered);
        start(context, policy);
    }

    /** Before an invocation of a test opted out of Reaper ({@code @Reaper(enabled = false)}). */
    public void optedOut(ExtensionContext context) {
        if (watching) {
            enclosingWatch(context).ifPresent(enclosing -> claimOnly(context, enclosing.policy()));
        }
    }

    /**
     * A test that reports no leaks (its leaks are off, or it is opted out) inside a watched class still
     * claims what it leaves, as {@code allowLeaks} does: its class would answer for it otherwise.
     */
    private void claimOnly(ExtensionContext context, Policy policy) {
        if (find(context).isEmpty() && enclosingWatch(context).isPresent()) {
            LeakPolicy silent = new LeakPolicy(LeakAction.OFF, policy.leaks().linger(), policy.leaks().ignore(),
                    policy.leaks().allowed());
            start(context, new Policy(policy.timeout(), policy.grace(), policy.ladder(), policy.zombies(),
                    policy.isolation(), silent));
        }
    }

    /**
     * After a test, or a class: scans it when it was watched.
     *
     * @throws dev.reaper.LeakedThreadsException with {@code fail} or {@code stop}, when it leaked
     */
    public void scan(ExtensionContext context) {
        find(context).ifPresent(watch -> watch.scan(console));
    }

    private void watchEnclosingClasses(ExtensionContext context, Registered registered) {
        for (ExtensionContext outer = context.getParent().orElse(null); outer != null;
                outer = outer.getParent().orElse(null)) {
            if (outer.getElement().filter(Class.class::isInstance).isPresent() && find(outer).isEmpty()) {
                try {
                    // A class with leaks off (or opted out) gets no watch: a test's own still reports its leaks.
                    ExtensionContext enclosing = outer;
                    policies.forTest(enclosing, registered).filter(policy -> policy.leaks().action() != LeakAction.OFF)
                            .ifPresent(policy -> start(enclosing, policy));
                } catch (InvalidConfigurationException reportedByTheTest) {
                    return; // the same annotation fails the test itself, with a message naming it
                }
            }
        }
    }

    private void start(ExtensionContext context, Policy policy) {
        watching = true;
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
