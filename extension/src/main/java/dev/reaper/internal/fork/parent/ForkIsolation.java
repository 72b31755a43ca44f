package dev.reaper.internal.fork.parent;

import java.lang.reflect.Executable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.junit.platform.commons.support.AnnotationSupport;

import dev.reaper.internal.config.ConfigKeys;
import dev.reaper.internal.config.ForkSettings;
import dev.reaper.internal.config.Policy;
import dev.reaper.internal.fork.worker.WorkerMain;
import dev.reaper.internal.process.OwnProcesses;
import dev.reaper.internal.report.DirectStderr;
import dev.reaper.internal.run.ThreadIsolation;
import dev.reaper.internal.util.InvocationKind;
import dev.reaper.internal.util.TestNames;

/**
 * Fork isolation test by test, the fallback when the Reaper engine is not part of the run (a build that
 * includes only the Jupiter engine): the test's body and its lifecycle methods do not run here; a worker
 * JVM runs the test by its unique ID, with its whole lifecycle, and this JVM reports what happened there.
 * Said once per engine run, since the class's {@code @BeforeAll} then runs around every test. One per
 * engine run.
 */
public final class ForkIsolation implements AutoCloseable {

    /** Jupiter settings a worker needs to run a test the same way (Surefire passes them to the launcher only). */
    private static final List<String> FORWARDED_JUPITER_KEYS = List.of(
            "junit.jupiter.extensions.autodetection.enabled",
            "junit.jupiter.extensions.autodetection.include",
            "junit.jupiter.extensions.autodetection.exclude",
            "junit.jupiter.testinstance.lifecycle.default",
            "junit.jupiter.displayname.generator.default",
            "junit.jupiter.conditions.deactivate",
            "junit.jupiter.execution.timeout.default",
            "junit.jupiter.execution.timeout.mode",
            "junit.jupiter.tempdir.cleanup.mode.default");

    private final WorkerPool pool;
    private final ThreadIsolation threads;

    private ForkIsolation(WorkerPool pool, ThreadIsolation threads) {
        this.pool = pool;
        this.threads = threads;
    }

    /** @param own where the workers are known as Reaper's own processes */
    public static ForkIsolation create(ForkSettings settings, ThreadIsolation threads, OwnProcesses own) {
        DirectStderr.stream().println("Reaper: fork-isolated tests are running through the Jupiter engine, each in"
                + " a worker by itself (with its class's @BeforeAll and @AfterAll around it): the \"reaper\" test"
                + " engine, which runs each class once in a worker, is not part of this run. Include the engine"
                + " \"reaper\" where the build selects engines (Gradle includeEngines, Surefire"
                + " includeJUnit5Engines).");
        return new ForkIsolation(new WorkerPool(settings.workers(), settings.reuse(), settings.jvmOptions(),
                settings.cds(), own), threads);
    }

    public <T> T run(Invocation<T> invocation, ExtensionContext context, Policy policy, InvocationKind kind,
            Executable executable) throws Throwable {
        switch (kind) {
            case CONSTRUCTOR:
            case TEST_FACTORY:
                // JUnit needs the instance, and the dynamic tests, in this JVM; each dynamic test is then forked.
                return threads.run(invocation, context, policy, kind, executable);
            case BEFORE_EACH:
            case AFTER_EACH:
                if (isTestFactory(context)) {
                    // The factory method runs here (above), so its @BeforeEach and @AfterEach do too.
                    return threads.run(invocation, context, policy, kind, executable);
                }
                invocation.skip(); // the worker runs them around the test
                return null;
            case BEFORE_ALL:
            case AFTER_ALL:
                invocation.skip();
                return null;
            default:
                invocation.skip();
                runInWorker(context, policy, TestNames.of(context, kind, executable));
                return null;
        }
    }

    private static boolean isTestFactory(ExtensionContext context) {
        return context.getTestMethod().filter(method -> AnnotationSupport.isAnnotated(method, TestFactory.class))
                .isPresent();
    }

    private void runInWorker(ExtensionContext context, Policy policy, String description) throws Throwable {
        Worker worker = pool.lease();
        ForkedRun forked = new ForkedRun(worker, context.getUniqueId(), policy, context, description);
        try {
            forked.run(configuration(context));
        } finally {
            if (forked.reusable() && worker.isAlive()) {
                pool.giveBack(worker);
            } else if (worker.isAlive()) {
                pool.retire(worker);
            } else {
                pool.discard(worker);
            }
        }
    }

    /** What the worker's launcher gets: Reaper's settings as this JVM sees them, and Jupiter's that matter. */
    private static Map<String, String> configuration(ExtensionContext context) {
        Map<String, String> configuration = new LinkedHashMap<>();
        for (String key : ConfigKeys.ALL) {
            context.getConfigurationParameter(key).ifPresent(value -> configuration.put(key, value));
        }
        for (String key : FORWARDED_JUPITER_KEYS) {
            context.getConfigurationParameter(key).ifPresent(value -> configuration.put(key, value));
        }
        // This JVM decided to guard the test; a worker runs one test at a time.
        configuration.put(ConfigKeys.MODE, "enabled");
        configuration.put("junit.jupiter.execution.parallel.enabled", "false");
        return configuration;
    }

    @Override
    public void close() {
        pool.close();
    }
}
