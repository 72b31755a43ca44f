package dev.reaper;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import dev.reaper.internal.config.Policy;
import dev.reaper.internal.config.Registered;
import dev.reaper.internal.config.Registrations;
import dev.reaper.internal.config.Session;
import dev.reaper.internal.fork.parent.ForkIsolation;
import dev.reaper.internal.leak.LeakDetection;
import dev.reaper.internal.report.DirectStderr;
import dev.reaper.internal.run.BudgetGate;
import dev.reaper.internal.run.ThreadIsolation;
import dev.reaper.internal.util.ApiAccess;
import dev.reaper.internal.util.InvocationKind;
import dev.reaper.internal.util.TestNames;
import dev.reaper.internal.util.WorkerJvm;
import dev.reaper.internal.watchdog.ReaperRun;

/**
 * The JUnit Jupiter extension behind {@link Reaper}: runs every test, lifecycle method and test class
 * constructor under a deadline, on the thread JUnit runs it on, and stops it when it hangs. Also
 * resolves parameters of type {@link Deadline}.
 *
 * <pre>{@code
 * @ExtendWith(ReaperExtension.class)        // settings from the configuration parameters
 * class CheckoutTest { ... }
 *
 * class PaymentTest {
 *     @RegisterExtension                    // settings of its own, see builder()
 *     static final ReaperExtension reaper = ReaperExtension.builder().timeout(Duration.ofSeconds(10)).build();
 * }
 * }</pre>
 *
 * <p>It decides and delegates: the configuration decides whether and how long, the invocation runs
 * where JUnit runs it while its deadline is watched, the ladder stops it.
 * After each test and each class, leak detection reports what it left running. Once the run budget
 * ({@code reaper.run.timeout}, {@code reaper.run.stall}) is exhausted, tests that have not started are
 * skipped as not run.
 *
 * <p>Fork-isolated classes are not run by this extension: Reaper's test engine
 * ({@code dev.reaper.internal.engine}) takes them out of the Jupiter engine's plan and runs each class
 * as a whole in a worker JVM, where this extension guards its invocations as in thread isolation. Only
 * when that engine does not run them (it is excluded, or the class runs inside a {@code @Suite}) does
 * this extension send each fork-isolated invocation to a worker JVM by itself, test by test.
 */
public final class ReaperExtension implements InvocationInterceptor, ParameterResolver,
        AfterEachCallback, AfterAllCallback, ExecutionCondition {

    static {
        ApiAccess.install(new Vocabulary());
    }

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ReaperExtension.class);
    private static final Registrations<ReaperExtension> REGISTERED = new Registrations<>(ReaperExtension.class);

    /** The values of a built instance; none for one JUnit created. */
    private final Registered registered;

    /**
     * Created by JUnit, for {@link Reaper @Reaper}, {@code @ExtendWith(ReaperExtension.class)} and
     * extension autodetection; with values of its own, see {@link #builder()}.
     */
    public ReaperExtension() {
        this(Registered.NONE);
    }

    private ReaperExtension(Registered registered) {
        this.registered = registered;
    }

    /**
     * A {@code ReaperExtension} with values of its own, for {@code @RegisterExtension}. Its values apply
     * like a {@link Reaper @Reaper} around the class: every {@code @Reaper} attribute of the test, its class
     * and enclosing classes wins over them, and they win over the configuration parameters. Where another
     * {@code ReaperExtension} guards the class too ({@code @Reaper}, autodetection), only the registered
     * one acts (the innermost, when several are registered). A static field guards everything of the class;
     * an instance field, like any extension registered there, starts with the {@code @BeforeEach} methods.
     *
     * <pre>{@code
     * class PaymentTest {
     *
     *     @RegisterExtension
     *     static final ReaperExtension reaper = ReaperExtension.builder()
     *             .timeout(Duration.ofSeconds(10))
     *             .grace(Duration.ofMillis(500))
     *             .leaks(LeakAction.FAIL)
     *             .build();
     *
     *     @Test
     *     void pays() { ... }
     * }
     * }</pre>
     *
     * <p>Isolation is not among the values: which classes run in a fork worker JVM is decided at discovery,
     * before any field of a test class exists; say {@code @Reaper(isolation = Isolation.FORK)} on the class,
     * or {@code reaper.isolation.default}.
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        // The constructor is then guarded with its test's own policy, beside @BeforeEach and the test.
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public <T> T interceptTestClassConstructor(Invocation<T> invocation,
            ReflectiveInvocationContext<Constructor<T>> invocationContext, ExtensionContext extensionContext)
            throws Throwable {
        return guard(invocation, extensionContext, InvocationKind.CONSTRUCTOR, invocationContext.getExecutable());
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        guard(invocation, extensionContext, InvocationKind.BEFORE_ALL, invocationContext.getExecutable());
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        guard(invocation, extensionContext, InvocationKind.BEFORE_EACH, invocationContext.getExecutable());
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        guard(invocation, extensionContext, InvocationKind.TEST, invocationContext.getExecutable());
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        guard(invocation, extensionContext, InvocationKind.TEST_TEMPLATE, invocationContext.getExecutable());
    }

    @Override
    public <T> T interceptTestFactoryMethod(Invocation<T> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        return guard(invocation, extensionContext, InvocationKind.TEST_FACTORY, invocationContext.getExecutable());
    }

    // The three-argument form: the two-argument one is gone in JUnit 6.
    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        guard(invocation, extensionContext, InvocationKind.DYNAMIC_TEST, null);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        guard(invocation, extensionContext, InvocationKind.AFTER_EACH, invocationContext.getExecutable());
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        guard(invocation, extensionContext, InvocationKind.AFTER_ALL, invocationContext.getExecutable());
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        ConditionEvaluationResult budget = budget(context).evaluate(context);
        if (!budget.isDisabled()) {
            return budget;
        }
        if (!acts(context)) {
            return ConditionEvaluationResult.enabled("another ReaperExtension guards it");
        }
        return engine(context).session.policies().isOptedOut(context)
                ? ConditionEvaluationResult.enabled("opted out of Reaper") : budget;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        // One resolver per parameter: JUnit fails a parameter two resolvers support.
        return parameterContext.getParameter().getType() == Deadline.class && acts(extensionContext);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Engine engine = engine(extensionContext);
        return engine.session.isActive() && !engine.session.policies().isOptedOut(extensionContext)
                ? engine.threads.deadline(extensionContext) : CurrentDeadline.NONE;
    }

    // Leaks: after @AfterEach methods and the callbacks of extensions registered after Reaper.
    @Override
    public void afterEach(ExtensionContext context) {
        scanForLeaks(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        scanForLeaks(context);
    }

    private void scanForLeaks(ExtensionContext context) {
        if (!acts(context)) {
            return;
        }
        Engine engine;
        try {
            engine = context.getRoot().getStore(NAMESPACE).get(Engine.class, Engine.class);
        } catch (RuntimeException badConfiguration) {
            return; // every guarded invocation reports it already
        }
        if (engine != null && engine.session.isActive()) {
            engine.leaks.scan(context);
        }
    }

    private <T> T guard(Invocation<T> invocation, ExtensionContext context, InvocationKind kind,
            Executable executable) throws Throwable {
        Engine engine = engine(context);
        if (!engine.session.isActive() || !acts(context)) {
            return invocation.proceed();
        }
        Optional<Policy> resolved = kind.isLifecycle()
                ? engine.session.policies().forLifecycle(context, executable, registered)
                : engine.session.policies().forTest(context, registered);
        if (resolved.isEmpty()) {
            engine.leaks.optedOut(context); // nothing reported, and nothing blamed on its class either
            return invocation.proceed();
        }
        if (budget(context).skipped(invocation, context, kind)) {
            return null;
        }
        Policy policy = resolved.get();
        boolean fork = policy.isolation() == Isolation.FORK && !WorkerJvm.isWorker();
        try {
            if (fork) {
                return engine.forks().run(invocation, context, policy, kind, executable);
            }
            engine.leaks.watch(context, policy, registered);
            return engine.threads.run(invocation, context, policy, kind, executable);
        } catch (HungTestException hung) {
            // Reported where JUnit reports it: a worker's hung test is the parent's to file.
            if (!WorkerJvm.isWorker()) {
                engine.run.reports().hungTest(context, hung, fork ? "fork" : "thread");
            }
            throw hung;
        } catch (WorkerExitedException exited) {
            engine.run.reports().workerExited(context, TestNames.of(context), exited);
            throw exited;
        }
    }

    /** Whether this instance guards {@code context}: JUnit may have registered another beside it. */
    private boolean acts(ExtensionContext context) {
        Optional<ReaperExtension> registeredOne = REGISTERED.innermost(context);
        return registeredOne.isEmpty() || registeredOne.get() == this;
    }

    private static Engine engine(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Engine.class,
                key -> new Engine(context.getRoot(), run(context)), Engine.class);
    }

    /** The run (launcher session) this engine run belongs to, as it was when the engine run began. */
    private static ReaperRun run(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ReaperRun.class,
                key -> ReaperRun.current(), ReaperRun.class);
    }

    /** Apart from {@link Engine}: a condition must not fail on a bad configuration, which the tests report. */
    private static BudgetGate budget(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(BudgetGate.class,
                key -> new BudgetGate(run(context).budget()), BudgetGate.class);
    }

    /**
     * Builds a {@link ReaperExtension} with values of its own, for {@code @RegisterExtension}; every value
     * left unset is inherited from the configuration parameters. See {@link ReaperExtension#builder()}.
     *
     * <pre>{@code
     * @RegisterExtension
     * static final ReaperExtension reaper = ReaperExtension.builder()
     *         .timeout(10, TimeUnit.SECONDS)
     *         .ladder(Rung.INTERRUPT, Rung.STOP)
     *         .zombies(ZombiePolicy.FAIL_REMAINING)
     *         .allowLeaks("shared-server-*")
     *         .build();
     * }</pre>
     */
    public static final class Builder {

        private Duration timeout;
        private Duration lifecycleTimeout;
        private Duration grace;
        private List<Rung> ladder;
        private ZombiePolicy zombies;
        private LeakAction leaks;
        private final List<String> allowLeaks = new ArrayList<>();

        private Builder() {
        }

        /** Deadline of each test method, test template invocation, test factory and dynamic test. */
        public Builder timeout(Duration timeout) {
            this.timeout = positive("timeout", timeout);
            return this;
        }

        /** As {@link #timeout(Duration)}, in the manner of JUnit's {@code @Timeout}. */
        public Builder timeout(long value, TimeUnit unit) {
            return timeout(Duration.of(value, unit.toChronoUnit()));
        }

        /** Deadline of each lifecycle method and of the test class constructor. */
        public Builder lifecycleTimeout(Duration lifecycleTimeout) {
            this.lifecycleTimeout = positive("lifecycleTimeout", lifecycleTimeout);
            return this;
        }

        /** Time each rung of the ladder is given before the next one is tried. */
        public Builder grace(Duration grace) {
            this.grace = positive("grace", grace);
            return this;
        }

        /** The rungs to climb once the deadline has passed, in the ladder's order and without repeats. */
        public Builder ladder(Rung... rungs) {
            List<Rung> climbed = List.of(rungs);
            for (int i = 1; i < climbed.size(); i++) {
                if (climbed.get(i - 1).compareTo(climbed.get(i)) >= 0) {
                    throw invalid("ladder", climbed, "rungs in the ladder's order without repeats, a subset of "
                            + List.of(Rung.values()) + ", e.g. ladder(Rung.INTERRUPT, Rung.STOP, Rung.KILL)");
                }
            }
            if (climbed.isEmpty()) {
                throw invalid("ladder", climbed, "at least one rung, e.g. ladder(Rung.INTERRUPT, Rung.KILL)");
            }
            this.ladder = climbed;
            return this;
        }

        /** What follows when a test cannot be stopped; {@link ZombiePolicy#INFERRED} inherits. */
        public Builder zombies(ZombiePolicy zombies) {
            this.zombies = zombies == ZombiePolicy.INFERRED ? null : Objects.requireNonNull(zombies);
            return this;
        }

        /** What is done about threads and processes a test leaves running; {@link LeakAction#INFERRED} inherits. */
        public Builder leaks(LeakAction leaks) {
            this.leaks = leaks == LeakAction.INFERRED ? null : Objects.requireNonNull(leaks);
            return this;
        }

        /**
         * Threads (by name) and processes (by command line) the tests may leave running without a leak report,
         * as {@link Reaper#allowLeaks()}; added to those of the {@code @Reaper} annotations.
         */
        public Builder allowLeaks(String... patterns) {
            for (String pattern : patterns) {
                if (pattern == null || pattern.isBlank()) {
                    throw invalid("allowLeaks", Arrays.asList(patterns), "thread-name patterns (* matches"
                            + " any characters, ? one), none blank, e.g. allowLeaks(\"shared-server-*\")");
                }
                allowLeaks.add(pattern.strip());
            }
            return this;
        }

        public ReaperExtension build() {
            return new ReaperExtension(Registered.of(timeout, lifecycleTimeout, grace, ladder, zombies, leaks,
                    allowLeaks));
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw invalid(name, value, "a positive duration, e.g. Duration.ofSeconds(10)");
            }
            return value;
        }

        private static IllegalArgumentException invalid(String name, Object value, String accepted) {
            return new IllegalArgumentException("ReaperExtension.builder()." + name + "(" + value + "): expected "
                    + accepted);
        }
    }

    /**
     * What lives as long as one engine run: its configuration, its thread isolation and, once a test
     * asks for them, its worker JVMs, which end with the run; part of a {@link ReaperRun}.
     */
    private static final class Engine implements AutoCloseable {

        final ReaperRun run;
        final Session session;
        final ThreadIsolation threads;
        private ForkIsolation forks;
        final LeakDetection leaks;

        Engine(ExtensionContext root, ReaperRun run) {
            this.run = run;
            // A worker's system properties are its parent's, which has warned about them already.
            PrintStream warnings = WorkerJvm.isWorker() ? new PrintStream(OutputStream.nullOutputStream())
                    : DirectStderr.stream();
            this.session = Session.read(root::getConfigurationParameter, run.launcherKeys(), warnings);
            this.threads = ThreadIsolation.create(session.settings(), run.budget(), run.reports());
            this.leaks = LeakDetection.create(session.policies(), run.reports(), run.workerProcesses());
        }

        synchronized ForkIsolation forks() {
            if (forks == null) {
                forks = ForkIsolation.create(session.settings().fork(), threads, run.workerProcesses());
            }
            return forks;
        }

        @Override
        public synchronized void close() {
            if (forks != null) {
                forks.close();
            }
            run.reports().flush();
        }
    }

    /** The internals' access to what this package builds for them (see {@link ApiAccess}). */
    private static final class Vocabulary implements ApiAccess.Operations {

        @Override
        public HungTestException hungTest(String message, String test, Duration timeout, Rung stoppedBy,
                boolean zombie, Duration overrun, String threadDump, String deadlock) {
            return new HungTestException(message, test, timeout, stoppedBy, zombie, overrun, threadDump, deadlock);
        }

        @Override
        public WorkerExitedException workerExited(String message) {
            return new WorkerExitedException(message);
        }

        @Override
        public ZombieException zombie(String message) {
            return new ZombieException(message);
        }

        @Override
        public Deadline enterDeadline(Deadline deadline) {
            return CurrentDeadline.enter(deadline);
        }

        @Override
        public void restoreDeadline(Deadline previous) {
            CurrentDeadline.restore(previous);
        }
    }
}
