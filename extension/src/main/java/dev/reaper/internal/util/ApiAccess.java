package dev.reaper.internal.util;

import java.time.Duration;

import dev.reaper.Deadline;
import dev.reaper.HungTestException;
import dev.reaper.Rung;
import dev.reaper.WorkerExitedException;
import dev.reaper.ZombieException;

/**
 * What the internals need of {@code dev.reaper} that it keeps from users: building the exceptions users
 * see, and setting the running invocation's {@link Deadline}. {@code dev.reaper} depends on no internal
 * package, so, as with the JDK's {@code SharedSecrets}, its entry point {@code ReaperExtension} installs
 * the implementation when it is initialized, and {@link #get()} initializes it when needed.
 */
public final class ApiAccess {

    /** Implemented in {@code dev.reaper}, where the constructors and the deadline's thread-local are. */
    public interface Operations {

        /** @throws IllegalArgumentException for a zombie that names the rung that stopped it */
        HungTestException hungTest(String message, String test, Duration timeout, Rung stoppedBy, boolean zombie,
                Duration overrun, String threadDump, String deadlock);

        WorkerExitedException workerExited(String message);

        ZombieException zombie(String message);

        /** Makes {@code deadline} the current thread's; returns the one it replaces, for {@link #restoreDeadline}. */
        Deadline enterDeadline(Deadline deadline);

        void restoreDeadline(Deadline previous);
    }

    private static final String ENTRY_POINT = "dev.reaper.ReaperExtension";

    private static volatile Operations operations;

    private ApiAccess() {
    }

    /** Called once, by {@code ReaperExtension}'s static initializer. */
    public static void install(Operations implementation) {
        if (operations != null) {
            throw new IllegalStateException("installed already");
        }
        operations = implementation;
    }

    public static Operations get() {
        Operations installed = operations;
        if (installed == null) {
            try {
                // By name: the entry point is above this layer, and only its initializer is wanted here.
                Class.forName(ENTRY_POINT, true, ApiAccess.class.getClassLoader());
            } catch (ClassNotFoundException impossible) {
                throw new IllegalStateException(impossible);
            }
            installed = operations;
        }
        return installed;
    }
}
