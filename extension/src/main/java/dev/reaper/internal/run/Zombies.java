package dev.reaper.internal.run;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import dev.reaper.internal.config.ZombiePolicy;
import dev.reaper.internal.report.DirectStderr;
import dev.reaper.internal.report.Reports;

/**
 * The tests of this JVM that could not be stopped and are still running, and what that means for the
 * tests after them ({@code reaper.zombies}).
 */
final class Zombies {

    /** Exit status of a JVM ended by {@code reaper.zombies=halt} (EX_SOFTWARE). */
    static final int HALT_STATUS = 70;

    record Zombie(String test, Thread thread, Throwable failure) {
    }

    static final Zombies SHARED = new Zombies();

    private final List<Zombie> zombies = new CopyOnWriteArrayList<>();
    /** Unique id of the test whose zombie asked for a halt, once one did. */
    private volatile String haltAfter;

    void add(String test, Thread thread, Throwable failure, ZombiePolicy policy, String uniqueId) {
        zombies.add(new Zombie(test, thread, failure));
        if (policy == ZombiePolicy.HALT && haltAfter == null) {
            haltAfter = uniqueId;
        }
    }

    /**
     * Called before every guarded invocation. Under {@code halt} it ends the JVM at the first invocation
     * of another test or container: by then JUnit has reported the zombie's own failure. Under
     * {@code fail-remaining} it fails the invocation.
     */
    void beforeInvocation(ZombiePolicy policy, Supplier<String> test, String uniqueId) {
        String halting = haltAfter;
        if (halting != null && !halting.equals(uniqueId)) {
            halt();
        }
        if (policy == ZombiePolicy.FAIL_REMAINING && !zombies.isEmpty()) {
            Zombie first = zombies.get(0);
            throw new ZombieException("Reaper did not run " + test.get() + ": " + first.test()
                    + " could not be stopped and is still running on thread \"" + first.thread().getName()
                    + "\" (state " + first.thread().getState() + "), so this JVM is not trusted with more tests"
                    + " (reaper.zombies=fail-remaining)");
        }
    }

    /** For the end of the run, when no further invocation will come. */
    void haltIfPending() {
        if (haltAfter != null) {
            halt();
        }
    }

    private void halt() {
        // Everything first: each zombie's failure with the thread dump taken at its deadline.
        // Straight to the process's stderr: what goes through System.err may not leave a Surefire fork in time.
        PrintStream console = DirectStderr.stream();
        System.out.flush();
        System.err.flush();
        zombies.forEach(zombie -> zombie.failure().printStackTrace(console));
        console.println("Reaper: halting the JVM with status " + HALT_STATUS + " because " + zombies.size()
                + " test(s) could not be stopped (reaper.zombies=halt): "
                + zombies.stream().map(Zombie::test).toList());
        Reports.shared().beforeHalt();
        console.flush();
        // halt, not exit: shutdown hooks could block on the locks the zombie holds.
        Runtime.getRuntime().halt(HALT_STATUS);
    }
}
