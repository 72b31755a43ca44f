package dev.reaper.internal.watchdog;

import java.util.IdentityHashMap;
import java.util.Map;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Opens a {@link ReaperRun} with each launcher session and closes it with the session. Registered through
 * {@code META-INF/services}.
 */
public final class RunSession implements LauncherSessionListener {

    /** By session: nothing says a listener serves one session only. */
    private final Map<LauncherSession, ReaperRun> runs = new IdentityHashMap<>();

    /** Created by the launcher. */
    public RunSession() {
    }

    @Override
    public synchronized void launcherSessionOpened(LauncherSession session) {
        runs.put(session, ReaperRun.open());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        ReaperRun run;
        synchronized (this) {
            run = runs.remove(session);
        }
        if (run != null) {
            run.close();
        }
    }
}
