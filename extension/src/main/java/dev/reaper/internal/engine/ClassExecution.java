package dev.reaper.internal.engine;

import java.lang.reflect.AnnotatedElement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

import dev.reaper.HungTestException;
import dev.reaper.Rung;
import dev.reaper.WorkerExitedException;
import dev.reaper.internal.config.PolicyResolver;
import dev.reaper.internal.config.Settings;
import dev.reaper.internal.fork.parent.ForkRunner;
import dev.reaper.internal.fork.parent.WorkerStartException;
import dev.reaper.internal.report.Reports;
import dev.reaper.internal.run.RunBudget;

/**
 * One fork-isolated class, run in workers: as a whole in one worker run, and when a worker is killed or
 * exits, the class's tests that had not started continue on a fresh worker (their {@code @BeforeAll}
 * runs again there). Every descriptor is started and finished once, whatever happened to the workers.
 */
final class ClassExecution implements ForkRunner.Events {

    private final MirroredDescriptor testClass;
    private final EngineExecutionListener listener;
    private final ForkRunner runner;
    private final Map<String, String> configuration;
    private final Optional<Path> reportDir;
    private final Map<UniqueId, TestDescriptor> byJupiterId = new HashMap<>();
    private final Set<TestDescriptor> started = new HashSet<>();
    private final Set<TestDescriptor> finished = new HashSet<>();
    private final PolicyResolver policies;
    private final Map<TestSource, Duration> unguardedBySource = new HashMap<>();
    private final RunBudget budget;
    private final Reports reports;
    private Throwable classFailure;

    /**
     * @param budget  the run's: once exhausted, the tests not started are not run
     * @param reports the run's
     */
    ClassExecution(MirroredDescriptor testClass, EngineExecutionListener listener, ForkRunner runner,
            Map<String, String> configuration, Settings settings, RunBudget budget, Reports reports) {
        this.budget = budget;
        this.reports = reports;
        this.testClass = testClass;
        this.listener = listener;
        this.runner = runner;
        this.configuration = configuration;
        this.reportDir = Reports.directory(key -> Optional.ofNullable(configuration.get(key)));
        this.policies = new PolicyResolver(settings);
        index(testClass);
    }

    private void index(TestDescriptor descriptor) {
        byJupiterId.put(((MirroredDescriptor) descriptor).jupiterId(), descriptor);
        descriptor.getChildren().forEach(this::index);
    }

    void run() {
        List<TestDescriptor> leaves = leaves(testClass, new ArrayList<>());
        List<TestDescriptor> pending = leaves;
        while (!pending.isEmpty()) {
            Optional<String> notRun = budget.notRunReason();
            if (notRun.isPresent()) {
                notRun(pending, notRun.get());
                break;
            }
            int progress = started.size() + finished.size();
            ForkRunner.Outcome outcome;
            try {
                outcome = runner.run(pending.stream()
                        .flatMap(leaf -> ((MirroredDescriptor) leaf).workerSelection().stream())
                        .map(UniqueId::toString).toList(), configuration, this, loader());
            } catch (WorkerStartException e) {
                failClass(e);
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failClass(e);
                break;
            }
            if (outcome instanceof ForkRunner.Outcome.Lost lost) {
                Optional<TestDescriptor> culprit = lost.uniqueId().map(this::descriptor).filter(this::isRunning)
                        .or(this::innermostRunning);
                if (culprit.isEmpty() && started.size() + finished.size() == progress) {
                    failClass(lost.failure()); // lost before it started anything: another worker would be too
                    break;
                }
                culprit.ifPresent(descriptor -> lose(descriptor, lost.failure()));
                if (finished.contains(testClass)) {
                    break;
                }
            }
            pending = leaves.stream().filter(leaf -> !started.contains(leaf) && !finished.contains(leaf)
                    && !underFinished(leaf)).toList();
            if (outcome instanceof ForkRunner.Outcome.Completed) {
                break; // what the worker did not run, its JUnit did not select: a failed @BeforeAll, say
            }
        }
        if (!started.contains(testClass) && !finished.contains(testClass)) {
            failClass(new IllegalStateException("The worker JVM's JUnit did not find " + describe(testClass)
                    + " by its unique ID " + testClass.jupiterId() + "; is the class path the same there?"));
        }
        finishOpen(testClass);
    }

    /** The run budget is spent: each test that has not run is reported skipped, so build tools list it. */
    private void notRun(List<TestDescriptor> pending, String reason) {
        for (TestDescriptor leaf : pending) {
            startAncestors(leaf);
            finished.add(leaf);
            listener.executionSkipped(leaf, reason);
        }
    }

    private void startAncestors(TestDescriptor descriptor) {
        TestDescriptor parent = descriptor.getParent().orElse(null);
        if (!(parent instanceof MirroredDescriptor) || started.contains(parent)) {
            return;
        }
        startAncestors(parent);
        started.add(parent);
        listener.executionStarted(parent);
    }

    /** The failure ends what was running; a test template or factory around it ends with it. */
    private void lose(TestDescriptor culprit, Throwable failure) {
        finish(culprit, TestExecutionResult.failed(failure));
        for (TestDescriptor parent = culprit.getParent().orElse(null); parent != null && parent != testClass;
                parent = parent.getParent().orElse(null)) {
            if (parent.mayRegisterTests() && isRunning(parent)) {
                finishOpen(parent);
            }
        }
    }

    private void failClass(Throwable failure) {
        if (finished.contains(testClass)) {
            return;
        }
        if (!started.contains(testClass)) {
            started.add(testClass);
            listener.executionStarted(testClass);
        }
        finishOpenChildren(testClass);
        finish(testClass, TestExecutionResult.failed(failure));
    }

    /** Deepest first; the class carries a failure its worker reported above it (its engine's). */
    private void finishOpen(TestDescriptor descriptor) {
        finishOpenChildren(descriptor);
        if (isRunning(descriptor)) {
            finish(descriptor, descriptor == testClass && classFailure != null
                    ? TestExecutionResult.failed(classFailure) : TestExecutionResult.successful());
        }
    }

    private void finishOpenChildren(TestDescriptor descriptor) {
        for (TestDescriptor child : List.copyOf(descriptor.getChildren())) {
            finishOpen(child);
        }
    }

    private void finish(TestDescriptor descriptor, TestExecutionResult result) {
        finished.add(descriptor);
        result.getThrowable().ifPresent(thrown -> report(descriptor, thrown));
        listener.executionFinished(descriptor, result);
    }

    private void report(TestDescriptor descriptor, Throwable thrown) {
        String uniqueId = descriptor.getUniqueId().toString();
        if (thrown instanceof HungTestException hung) {
            reports.hungTest(uniqueId, className(descriptor), reportDir, hung, "fork");
        } else if (thrown instanceof WorkerExitedException exited) {
            reports.workerExited(uniqueId, reportDir, describe(descriptor), exited);
        }
    }

    private boolean isRunning(TestDescriptor descriptor) {
        return started.contains(descriptor) && !finished.contains(descriptor);
    }

    private Optional<TestDescriptor> innermostRunning() {
        return innermostRunning(testClass);
    }

    private Optional<TestDescriptor> innermostRunning(TestDescriptor descriptor) {
        if (!isRunning(descriptor)) {
            return Optional.empty();
        }
        for (TestDescriptor child : descriptor.getChildren()) {
            Optional<TestDescriptor> inner = innermostRunning(child);
            if (inner.isPresent()) {
                return inner;
            }
        }
        return Optional.of(descriptor);
    }

    private boolean underFinished(TestDescriptor leaf) {
        for (TestDescriptor parent = leaf.getParent().orElse(null); parent != null;
                parent = parent.getParent().orElse(null)) {
            if (finished.contains(parent)) {
                return true;
            }
        }
        return false;
    }

    private static List<TestDescriptor> leaves(TestDescriptor descriptor, List<TestDescriptor> leaves) {
        if (descriptor.getChildren().isEmpty()) {
            leaves.add(descriptor);
        }
        descriptor.getChildren().forEach(child -> leaves(child, leaves));
        return leaves;
    }

    private TestDescriptor descriptor(String jupiterId) {
        return byJupiterId.get(UniqueId.parse(jupiterId));
    }

    private ClassLoader loader() {
        return testClass.getSource().filter(ClassSource.class::isInstance).map(ClassSource.class::cast)
                .map(source -> source.getJavaClass().getClassLoader())
                .orElseGet(() -> Thread.currentThread().getContextClassLoader());
    }

    // What the worker's JUnit did, in the order it did it.

    @Override
    public void started(String uniqueId) {
        TestDescriptor descriptor = descriptor(uniqueId);
        if (descriptor != null && !started.contains(descriptor) && !finished.contains(descriptor)) {
            started.add(descriptor);
            listener.executionStarted(descriptor);
        }
    }

    @Override
    public void skipped(String uniqueId, String reason) {
        TestDescriptor descriptor = descriptor(uniqueId);
        if (descriptor != null && !started.contains(descriptor) && !finished.contains(descriptor)) {
            finished.add(descriptor);
            listener.executionSkipped(descriptor, reason);
        }
    }

    @Override
    public void finished(String uniqueId, TestExecutionResult result) {
        TestDescriptor descriptor = descriptor(uniqueId);
        if (descriptor == null) {
            // Its engine, which fails when its discovery did: the class carries it.
            result.getThrowable().ifPresent(thrown -> classFailure = thrown);
            return;
        }
        if (finished.contains(descriptor)) {
            return;
        }
        started(uniqueId);
        if (descriptor == testClass && classFailure != null
                && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            result = TestExecutionResult.failed(classFailure);
        }
        finish(descriptor, result);
    }

    @Override
    public void registered(ForkRunner.Registration dynamic) {
        UniqueId jupiterId = UniqueId.parse(dynamic.uniqueId());
        TestDescriptor parent = descriptor(dynamic.parentId());
        if (parent == null || byJupiterId.containsKey(jupiterId)) {
            return;
        }
        MirroredDescriptor child = new MirroredDescriptor(MirroredDescriptor.toReaper(jupiterId, rootOf(testClass)),
                jupiterId, dynamic.displayName(), dynamic.source().orElse(null), dynamic.type(), dynamic.tags(),
                dynamic.legacyName(), false);
        parent.addChild(child);
        byJupiterId.put(jupiterId, child);
        listener.dynamicTestRegistered(child);
    }

    @Override
    public void reportEntry(String uniqueId, Map<String, String> entries) {
        TestDescriptor descriptor = descriptor(uniqueId);
        listener.reportingEntryPublished(descriptor != null ? descriptor : testClass, ReportEntry.from(entries));
    }

    @Override
    public String describe(String uniqueId) {
        TestDescriptor descriptor = descriptor(uniqueId);
        return descriptor != null ? describe(descriptor) : uniqueId;
    }

    /** As thread isolation names it: {@code CheckoutTest.pays()}, {@code Outer.Inner.test() > [2] two}. */
    static String describe(TestDescriptor descriptor) {
        Deque<String> below = new ArrayDeque<>();
        for (TestDescriptor current = descriptor; current != null; current = current.getParent().orElse(null)) {
            Optional<ClassSource> type = current.getSource().filter(ClassSource.class::isInstance)
                    .map(ClassSource.class::cast);
            if (type.isPresent()) {
                String name = type.get().getClassName();
                return name.substring(name.lastIndexOf('.') + 1).replace('$', '.')
                        + (below.isEmpty() ? "" : "." + String.join(" > ", below));
            }
            below.addFirst(current.getDisplayName());
        }
        return String.join(" > ", below);
    }

    @Override
    public Duration unguarded(Optional<String> uniqueId) {
        TestDescriptor descriptor = uniqueId.map(this::descriptor).orElse(testClass);
        // Invocations of one template, and the tests of one method, share their source: resolved once.
        Optional<TestSource> source = descriptor.getSource();
        if (source.isEmpty()) {
            return resolveUnguarded(descriptor);
        }
        return unguardedBySource.computeIfAbsent(source.get(), key -> resolveUnguarded(descriptor));
    }

    @Override
    public List<Rung> ladder(Optional<String> uniqueId) {
        return policies.ladder(annotated(uniqueId.map(this::descriptor).orElse(testClass)).elements());
    }

    private Duration resolveUnguarded(TestDescriptor descriptor) {
        Annotated annotated = annotated(descriptor);
        // Below a method it is a test's time; on a class alone, its lifecycle's.
        return policies.unguarded(annotated.elements(), className(descriptor).orElse(""), annotated.methodName(),
                annotated.methodName().isPresent());
    }

    /** The method and classes a descriptor's annotations come from, closest first. */
    private record Annotated(List<AnnotatedElement> elements, Optional<String> methodName) {
    }

    private static Annotated annotated(TestDescriptor descriptor) {
        List<AnnotatedElement> elements = new ArrayList<>();
        Optional<String> methodName = Optional.empty();
        for (TestDescriptor current = descriptor; current != null; current = current.getParent().orElse(null)) {
            Optional<TestSource> source = current.getSource();
            try {
                if (source.orElse(null) instanceof MethodSource method) {
                    elements.add(method.getJavaMethod());
                    methodName = methodName.or(() -> Optional.of(method.getMethodName()));
                } else if (source.orElse(null) instanceof ClassSource type) {
                    elements.add(type.getJavaClass());
                }
            } catch (RuntimeException | LinkageError unloadable) {
                // the worker says what is wrong with it
            }
        }
        return new Annotated(elements, methodName);
    }

    private static Optional<String> className(TestDescriptor descriptor) {
        for (TestDescriptor current = descriptor; current != null; current = current.getParent().orElse(null)) {
            Optional<String> name = current.getSource().filter(ClassSource.class::isInstance)
                    .map(source -> ((ClassSource) source).getClassName());
            if (name.isPresent()) {
                return name;
            }
            Optional<String> declaring = current.getSource().filter(MethodSource.class::isInstance)
                    .map(source -> ((MethodSource) source).getClassName());
            if (declaring.isPresent()) {
                return declaring;
            }
        }
        return Optional.empty();
    }

    private static UniqueId rootOf(TestDescriptor descriptor) {
        TestDescriptor current = descriptor;
        while (current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current.getUniqueId();
    }
}
