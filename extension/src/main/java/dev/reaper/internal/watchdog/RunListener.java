package dev.reaper.internal.watchdog;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import dev.reaper.internal.config.InvalidConfigurationException;
import dev.reaper.internal.config.RunSettings;
import dev.reaper.internal.report.DirectStderr;
import dev.reaper.internal.run.RunBudget;
import dev.reaper.internal.util.WorkerJvm;

/**
 * Reaper's view of the whole run, from the JUnit Platform Launcher (registered through
 * {@code META-INF/services}, so it is there whenever Reaper is on the test class path): it keeps track of
 * the running tests (and, with the watchdog armed, those still to run), arms the run watchdog, registers
 * the shutdown hook that reports a JVM ending while tests run, warns about a Surefire whose fork timeout
 * does not kill, lets the extension see the {@code reaper.*} keys passed to the launcher, and at the end
 * of each plan brings the Markdown reports up to date and appends GitHub's step summary.
 *
 * <p>What it starts belongs to the {@link ReaperRun} of the plan's launcher session (one of its own when no
 * session opened one). Only executing plans start anything: Surefire also creates listeners in the Maven JVM,
 * where tests are only discovered, and a worker JVM is watched by its parent.
 */
public final class RunListener implements TestExecutionListener {

    private TestPlan plan;
    /** The run of the plan executing. */
    private ReaperRun run;
    /** The run this listener opened for its plan, when no launcher session had: it ends with the plan. */
    private ReaperRun ownRun;
    /** The run's progress while a plan of this listener feeds it; null when the plan's settings were invalid. */
    private RunProgress tracking;
    /** The run's watchdog while a plan of this listener feeds it; null when the plan did not arm it. */
    private RunWatchdog watching;

    /** Created by the launcher. */
    public RunListener() {
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        if (WorkerJvm.isWorker()) {
            return;
        }
        plan = testPlan;
        tracking = null;
        watching = null; // only a plan that started the watchdog's count may end it
        ownRun = ReaperRun.anyOpen() ? null : ReaperRun.open();
        run = ReaperRun.current();
        run.launcherKeys().remember(testPlan.getConfigurationParameters().keySet(),
                testPlan.getConfigurationParameters()::get);
        RunSettings settings;
        try {
            settings = RunSettings.read(testPlan.getConfigurationParameters()::get);
        } catch (InvalidConfigurationException invalid) {
            // Every guarded test fails with the same message; this line is for what runs unguarded.
            DirectStderr.stream().println("Reaper: " + invalid.getMessage() + "; the run watchdog is off");
            return;
        }
        SurefireCheck.warnOnce(DirectStderr.stream());
        tracking = run.progress(settings);
        tracking.planStarted();
        if (settings.watchdog()) {
            watching = run.watchdog(settings, tracking);
            // Known up front, so that a halt can name the tests it leaves not run.
            TestPlan named = testPlan;
            testPlan.getRoots().forEach(root -> testPlan.getDescendants(root).stream().filter(TestIdentifier::isTest)
                    .forEach(test -> tracking.planned(test.getUniqueId(), () -> name(named, test))));
            watching.planStarted();
            watching.start();
        }
    }

    @Override
    public void executionSkipped(TestIdentifier testIdentifier, String reason) {
        if (tracking != null) {
            boolean notRun = reason != null && reason.startsWith(RunBudget.NOT_RUN);
            tracking.skipped(testIdentifier.getUniqueId(), notRun ? name(plan, testIdentifier) : null,
                    testIdentifier.isContainer(), notRun);
        }
    }

    @Override
    public void executionStarted(TestIdentifier testIdentifier) {
        if (tracking != null && testIdentifier.getParentId().isPresent()) {
            tracking.started(testIdentifier.getUniqueId(), name(plan, testIdentifier), testIdentifier.isTest(),
                    Thread.currentThread());
        }
    }

    @Override
    public void executionFinished(TestIdentifier testIdentifier, TestExecutionResult testExecutionResult) {
        if (tracking == null) {
            return;
        }
        if (testIdentifier.isTest()) {
            tracking.testFinished(testIdentifier.getUniqueId(), testExecutionResult.getStatus().name());
        } else {
            boolean outermost = plan.getParent(testIdentifier)
                    .map(parent -> parent.getParentId().isEmpty()).orElse(false);
            tracking.containerFinished(testIdentifier.getUniqueId(), outermost);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (WorkerJvm.isWorker() || run == null) {
            return;
        }
        run.launcherKeys().forget();
        if (watching != null) {
            watching.planFinished();
        }
        if (tracking != null) {
            tracking.planFinished();
        }
        run.reports().flush();
        run.reports().appendStepSummary();
        if (ownRun != null) {
            ownRun.close();
            ownRun = null;
        }
    }

    /** {@code CheckoutTest.pays()}, {@code CheckoutTest.Refunds > partial()}, as Reaper's messages name tests. */
    private static String name(TestPlan plan, TestIdentifier identifier) {
        Deque<String> below = new ArrayDeque<>();
        for (Optional<TestIdentifier> current = Optional.of(identifier); current.isPresent();
                current = plan.getParent(current.get())) {
            if (current.get().getSource().orElse(null) instanceof ClassSource source) {
                String className = source.getClassName();
                String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
                return simple + (below.isEmpty() ? "" : "." + String.join(" > ", below));
            }
            below.addFirst(current.get().getDisplayName());
        }
        return identifier.getDisplayName();
    }
}
