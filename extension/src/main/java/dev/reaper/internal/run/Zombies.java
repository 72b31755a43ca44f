package dev.reaper.internal.run;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import dev.reaper.HungTestException;
import dev.reaper.ZombieException;
import dev.reaper.ZombiePolicy;
import dev.reaper.internal.report.DirectStderr;
import dev.reaper.internal.report.Reports;
import dev.reaper.internal.util.ApiAccess;

/**
 * The tests of this JVM that could not be stopped and still hold the thread they run on, and what that
 * means for the rest of the run ({@code reaper.zombies}).
 */
final class Zombies {

    /** Exit status of a JVM ended by {@code reaper.zombies=halt} (EX_SOFTWARE). */
    static final int HALT_STATUS = 70;

    record Zombie(String test, Thread thread, Throwable failure) {
    }

    /**
     * Per JVM: a zombie holds a thread of this JVM whatever run it belonged to, and {@code fail-remaining}
     * and {@code halt} are about trusting this JVM with more tests.
     */
    static final Zombies JVM = new Zombies();

    private final List<Zombie> zombies = new CopyOnWriteArrayList<>();

    /**
     * On the escalation's thread, once the ladder gave up. JUnit will never report this test (its
     * thread is stuck in it), so Reaper files it now; in a fork worker the parent does, and kills the
     * worker.
     *
     * @param reports its run's
     */
    void abandoned(GuardedInvocation hung, String test, HungTestException failure, Reports reports) {
        zombies.add(new Zombie(test, hung.thread(), failure));
        PrintStream console = DirectStderr.stream();
        boolean worker = DeadlineWatch.isObserved();
        console.println("Reaper: " + test + " could not be stopped; it holds JUnit's thread \""
                + hung.thread().getName() + "\" (" + (worker ? "the test JVM ends or retires this worker"
                        : hung.budgetReason() != null ? "the run watchdog halts"
                                : "reaper.zombies=" + hung.policy().zombies().configName())
                + ")");
        if (worker) {
            DeadlineWatch.abandoned(hung.uniqueId(), failure);
            return;
        }
        reports.hungTest(hung.context(), failure, "thread");
        // When the run budget ended it, the run watchdog halts, with its own status, once it sees it could not.
        boolean byBudget = hung.budgetReason() != null;
        if (!byBudget && hung.policy().zombies() == ZombiePolicy.HALT) {
            halt(console, reports);
        }
        failure.printStackTrace(console);
        if (byBudget) {
            return;
        }
        console.println("Reaper: the run cannot finish while " + test + " holds its thread; the run watchdog"
                + " (reaper.run.timeout, reaper.run.stall) or the build tool's timeout ends it");
    }

    /**
     * Called before every guarded invocation: under {@code fail-remaining}, once a zombie exists, fails
     * it instead of running it beside the zombie.
     */
    void beforeInvocation(ZombiePolicy policy, Supplier<String> test) {
        if (policy == ZombiePolicy.FAIL_REMAINING && !zombies.isEmpty()) {
            Zombie first = zombies.get(0);
            throw ApiAccess.get().zombie("Reaper did not run " + test.get() + ": " + first.test()
                    + " could not be stopped and is still running on thread \"" + first.thread().getName()
                    + "\" (state " + first.thread().getState() + "), so this JVM is not trusted with more tests"
                    + " (reaper.zombies=fail-remaining)");
        }
    }

    private void halt(PrintStream console, Reports reports) {
        // Straight to the process's stderr: what goes through System.err may not leave a Surefire fork in time.
        System.out.flush();
        System.err.flush();
        zombies.forEach(zombie -> zombie.failure().printStackTrace(console));
        console.println("Reaper: halting the JVM with status " + HALT_STATUS + " because " + zombies.size()
                + " test(s) could not be stopped (reaper.zombies=halt): "
                + zombies.stream().map(Zombie::test).toList());
        reports.beforeHalt();
        console.flush();
        // halt, not exit: shutdown hooks could block on the locks the zombie holds.
        Runtime.getRuntime().halt(HALT_STATUS);
    }
}
