package dev.reaper;

import dev.reaper.internal.util.WorkerJvm;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;

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
import dev.reaper.internal.config.Session;
import dev.reaper.internal.fork.parent.ForkIsolation;
import dev.reaper.internal.leak.LeakDetection;
import dev.reaper.internal.report.DirectStderr;
import dev.reaper.internal.run.BudgetGate;
import dev.reaper.internal.util.InvocationKind;
import dev.reaper.internal.run.TestDeadline;
import dev.reaper.internal.util.TestNames;
import dev.reaper.internal.run.ThreadIsolation;
import dev.reaper.internal.watchdog.ReaperRun;

/**
 * The JUnit Jupiter extension behind {@link Reaper}: runs every test, lifecycle method and test class
 * constructor under a deadline, on the thread JUnit runs it on, and stops it when it hangs. Also
 * resolves parameters of type {@link Deadline}.
 *
 * <pre>{@code
 * @ExtendWith(ReaperExtension.class)
 * class CheckoutTest { ... }
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

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ReaperExtension.class);

    /** Created by JUnit. */
    public ReaperExtension() {
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
        return budget(context).evaluate(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Deadline.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Engine engine = engine(extensionContext);
        return engine.session.isActive() ? engine.threads.deadline(extensionContext) : TestDeadline.NONE;
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

    private static void scanForLeaks(ExtensionContext context) {
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
        if (!engine.session.isActive()) {
            return invocation.proceed();
        }
        if (budget(context).skipped(invocation, context, kind)) {
            return null;
        }
        Policy policy = kind.isLifecycle() ? engine.session.policies().forLifecycle(context, executable)
                : engine.session.policies().forTest(context);
        boolean fork = policy.isolation() == Isolation.FORK && !WorkerJvm.isWorker();
        try {
            if (fork) {
                return engine.forks().run(invocation, context, policy, kind, executable);
            }
            engine.leaks.watch(context, policy);
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
}
