package dev.reaper.internal.run;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Ends the JVM at the end of the run when the last test left a zombie under
 * {@code reaper.zombies=halt}: otherwise a halt waits for the next guarded invocation, which never
 * comes. Registered through {@code META-INF/services}; it does nothing unless a zombie asked for it.
 */
public final class ZombieHaltListener implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        Zombies.SHARED.haltIfPending();
    }
}
