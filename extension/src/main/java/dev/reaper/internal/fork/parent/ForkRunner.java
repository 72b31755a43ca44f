package dev.reaper.internal.fork.parent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;

import dev.reaper.Rung;
import dev.reaper.internal.config.Settings;
import dev.reaper.internal.process.OwnProcesses;
import dev.reaper.internal.run.RunBudget;

/**
 * Fork isolation by class, seen from the test JVM: runs what a list of JUnit unique IDs selects in one
 * worker launcher run and hands back every event as it comes. When the worker is killed or exits, the run
 * is {@link Outcome.Lost lost}; the caller decides what continues on a fresh worker. One per engine run.
 */
public final class ForkRunner implements AutoCloseable {

    /** What the worker's JUnit did, by the worker's unique IDs. Called on the thread that called {@link #run}. */
    public interface Events {

        void started(String uniqueId);

        void skipped(String uniqueId, String reason);

        void finished(String uniqueId, TestExecutionResult result);

        void registered(Registration dynamic);

        void reportEntry(String uniqueId, Map<String, String> entries);

        /** How messages name the test or container, e.g. {@code "CheckoutTest.pays()"}. */
        String describe(String uniqueId);

        /**
         * How long the worker may run the test or container (the class itself when none is running) with no
         * deadline armed, ladder included: its timeouts by annotation or configuration, for extension
         * callbacks and JUnit's own work around it.
         */
        Duration unguarded(Optional<String> uniqueId);

        /** The ladder of the test or container (the class itself when none is running), for messages. */
        List<Rung> ladder(Optional<String> uniqueId);
    }

    /** A dynamic test or container the worker registered. */
    public record Registration(String uniqueId, String parentId, String displayName, String legacyName,
            TestDescriptor.Type type, Optional<TestSource> source, Set<TestTag> tags) {
    }

    /** How a run ended. */
    public sealed interface Outcome {

        /** The worker's launcher run ended; everything it did was reported. */
        record Completed() implements Outcome {
        }

        /**
         * The worker was killed, exited or abandoned while it ran: {@code failure} belongs to what was
         * running ({@code uniqueId}, when the worker had said what).
         */
        record Lost(Optional<String> uniqueId, Throwable failure) implements Outcome {
        }
    }

    private final WorkerPool pool;
    private final Settings settings;
    private final RunBudget budget;

    private ForkRunner(WorkerPool pool, Settings settings, RunBudget budget) {
        this.pool = pool;
        this.settings = settings;
        this.budget = budget;
    }

    /**
     * At discovery, once it is known that {@code classes} fork-isolated classes will run: starts the
     * workers they will need in the background, for the run that follows to adopt.
     *
     * @param own where the workers are known as Reaper's own processes
     */
    public static void prestart(Settings settings, int classes, OwnProcesses own) {
        Prestart.start(settings.fork().jvmOptions(), settings.fork().cds(),
                Math.min(settings.fork().workers(), classes), own);
    }

    /** Discovery found no class to fork after all: the workers started ahead of it go. */
    public static void cancelPrestart(Settings settings) {
        Prestart.take(settings.fork().jvmOptions(), settings.fork().cds())
                .forEach(worker -> worker.thenAccept(Worker::close));
    }

    /**
     * @param budget the run's: once exhausted, the tests running in workers end and no more start
     * @param own    where the workers are known as Reaper's own processes
     */
    public static ForkRunner create(Settings settings, RunBudget budget, OwnProcesses own) {
        return new ForkRunner(new WorkerPool(settings.fork().workers(), settings.fork().reuse(),
                settings.fork().jvmOptions(), settings.fork().cds(), own), settings, budget);
    }

    /**
     * Waits for a worker (at most {@code reaper.fork.workers} run at once), then runs {@code selectors}
     * there; the time waited is no test's.
     *
     * @param loader where the failures' classes are loaded
     */
    public Outcome run(List<String> selectors, Map<String, String> configuration, Events events, ClassLoader loader)
            throws WorkerStartException, InterruptedException {
        Worker worker = pool.lease();
        ClassRun run = new ClassRun(worker, settings, events, loader, budget);
        Outcome outcome;
        try {
            outcome = run.run(selectors, configuration);
        } catch (RuntimeException | Error e) {
            pool.discard(worker);
            throw e;
        }
        switch (run.end()) {
            case REUSABLE -> pool.giveBack(worker);
            case RETIRED -> pool.retire(worker);
            case ABANDONED -> pool.abandon(worker);
            default -> pool.discard(worker);
        }
        return outcome;
    }

    @Override
    public void close() {
        pool.close();
    }
}
