package dev.reaper.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;

import dev.reaper.internal.config.ConfigKeys;
import dev.reaper.internal.config.Settings;
import dev.reaper.internal.fork.parent.ForkRunner;
import dev.reaper.internal.watchdog.ReaperRun;

/**
 * One execution of the Reaper engine: its classes, up to {@code reaper.fork.workers} at once, each on
 * a thread of its own that waits for its worker; part of its launcher session's run, whose budget and
 * reports it uses.
 */
final class ForkExecution {

    private final ExecutionRequest request;
    private final ReaperRun run;

    ForkExecution(ExecutionRequest request, ReaperRun run) {
        this.request = request;
        this.run = run;
    }

    void run() {
        TestDescriptor root = request.getRootTestDescriptor();
        EngineExecutionListener listener = new SynchronizedListener(request.getEngineExecutionListener());
        listener.executionStarted(root);
        Optional<ForkedClasses> forked = ForkedClasses.of(request.getConfigurationParameters(), run.launcherKeys(),
                true);
        if (root.getChildren().isEmpty() || forked.isEmpty()) {
            listener.executionFinished(root, TestExecutionResult.successful());
            return;
        }
        Settings settings = forked.get().settings();
        Map<String, String> configuration = forwarded(request.getConfigurationParameters());
        List<TestDescriptor> classes = new ArrayList<>(root.getChildren());
        int threads = Math.min(settings.fork().workers(), classes.size());
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "reaper-fork-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Throwable failure = null;
        try (ForkRunner runner = ForkRunner.create(settings, run.budget(), run.workerProcesses())) {
            List<Future<?>> runs = new ArrayList<>();
            for (TestDescriptor testClass : classes) {
                runs.add(executor.submit(new ClassExecution((MirroredDescriptor) testClass, listener, runner,
                        configuration, settings, run.budget(), run.reports())::run));
            }
            // Every class to its end before the engine's: no event may follow the root's.
            for (Future<?> run : runs) {
                try {
                    run.get();
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } finally {
            executor.shutdownNow();
        }
        listener.executionFinished(root, failure == null ? TestExecutionResult.successful()
                : TestExecutionResult.failed(failure));
    }

    /**
     * What the worker's launcher is given: the parameters passed to this one (not the system properties
     * it lists too, which the worker gets as system properties, nor the platform's own, which this
     * launcher acts on), with the worker's own needs on top.
     */
    static Map<String, String> forwarded(ConfigurationParameters parameters) {
        Map<String, String> configuration = new LinkedHashMap<>();
        for (String key : parameters.keySet()) {
            if (key.startsWith("junit.platform.")) {
                continue;
            }
            parameters.get(key).filter(value -> !value.equals(System.getProperty(key)))
                    .ifPresent(value -> configuration.put(key, value));
        }
        // This JVM decided Reaper guards the class; a worker runs one class at a time.
        configuration.put(ConfigKeys.MODE, "enabled");
        configuration.put("junit.jupiter.execution.parallel.enabled", "false");
        return configuration;
    }
}
