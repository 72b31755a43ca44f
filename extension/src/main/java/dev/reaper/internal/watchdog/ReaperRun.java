package dev.reaper.internal.watchdog;

import java.util.ArrayDeque;
import java.util.Deque;

import dev.reaper.internal.config.LauncherKeys;
import dev.reaper.internal.config.RunSettings;
import dev.reaper.internal.process.OwnProcesses;
import dev.reaper.internal.report.DirectStderr;
import dev.reaper.internal.report.Reports;
import dev.reaper.internal.run.RunBudget;

/**
 * What lives as long as one run, a launcher session (all its engines and test plans): the run budget
 * ({@code reaper.run.timeout}, {@code reaper.run.stall}) and its watchdog, the progress the shutdown report
 * reads, and the {@code reaper.*} keys given to the launcher. It hands down what the JVM has once, the
 * reports and the fork workers' processes. The launcher's listeners, the Reaper engine and the extension
 * find it through {@link #current()}; everything they create gets what it needs from them, as arguments.
 *
 * <p>Surefire and Gradle open one launcher session per test JVM, so there the run is the JVM's, whatever
 * plans they split it into; {@code LauncherFactory.create()} opens one per request.
 */
public final class ReaperRun {

    /**
     * The runs of the open launcher sessions, innermost last: the one hand-off from the launcher to the
     * engines and the extension it runs, as JUnit before 5.13 has no session store to carry it in. Guarded
     * by the class's lock.
     */
    private static final Deque<ReaperRun> OPEN = new ArrayDeque<>();

    /**
     * Per JVM: the fork workers are this JVM's child processes whichever run started them, and a worker
     * prestarted during one session's discovery runs tests in the next ({@code LauncherFactory.create()}
     * opens a session to discover and another to execute).
     */
    private static final OwnProcesses WORKER_PROCESSES = new OwnProcesses();

    private final Reports reports;
    private final RunBudget budget = new RunBudget();
    private final LauncherKeys launcherKeys = new LauncherKeys();
    private RunProgress progress;
    private Thread shutdownHook;
    private RunWatchdog watchdog;

    private ReaperRun(Reports reports) {
        this.reports = reports;
    }

    /** At the start of a launcher session: its run is the current one until it is {@linkplain #close closed}. */
    static ReaperRun open() {
        ReaperRun run = new ReaperRun(Reports.ofThisJvm());
        synchronized (ReaperRun.class) {
            OPEN.addLast(run);
        }
        return run;
    }

    /**
     * The run of the innermost open launcher session; outside any (an engine run without the launcher, as
     * EngineTestKit's), a run of its own.
     */
    public static ReaperRun current() {
        synchronized (ReaperRun.class) {
            ReaperRun open = OPEN.peekLast();
            if (open != null) {
                return open;
            }
        }
        return new ReaperRun(Reports.ofThisJvm());
    }

    static synchronized boolean anyOpen() {
        return !OPEN.isEmpty();
    }

    /** This JVM's reports, which every run files its events in. */
    public Reports reports() {
        return reports;
    }

    public RunBudget budget() {
        return budget;
    }

    public LauncherKeys launcherKeys() {
        return launcherKeys;
    }

    /** The processes of Reaper's fork workers, which are no test's leak. */
    public OwnProcesses workerProcesses() {
        return WORKER_PROCESSES;
    }

    /** Created with the run's first executing plan, which registers the shutdown hook with its report directory. */
    synchronized RunProgress progress(RunSettings settings) {
        if (progress == null) {
            progress = new RunProgress(System::nanoTime);
            Thread hook = ShutdownReport.hook(progress, reports, settings.reportDir(), DirectStderr.stream());
            try {
                Runtime.getRuntime().addShutdownHook(hook);
                shutdownHook = hook;
            } catch (IllegalStateException | SecurityException notNow) {
                // Already shutting down (or not allowed): the run goes on without the shutdown report.
            }
        }
        return progress;
    }

    /** Created with the first plan that arms it: the run's budget counts from there, whatever plans follow. */
    synchronized RunWatchdog watchdog(RunSettings settings, RunProgress progress) {
        if (watchdog == null) {
            watchdog = new RunWatchdog(settings, progress, reports, DirectStderr.stream(), System::nanoTime,
                    status -> Runtime.getRuntime().halt(status), budget::exhaust);
        }
        return watchdog;
    }

    /** At the end of its launcher session: none of its tests runs any more, so its watchdog and hook go. */
    void close() {
        synchronized (ReaperRun.class) {
            OPEN.removeLastOccurrence(this);
        }
        synchronized (this) {
            if (watchdog != null) {
                watchdog.stop();
            }
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException | SecurityException shuttingDown) {
                    // The hook runs, and finds no test running.
                }
                shutdownHook = null;
            }
        }
    }
}
