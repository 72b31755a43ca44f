package dev.reaper;

import org.junit.platform.commons.JUnitException;

/** Fails a test during which its worker JVM exited: {@code System.exit}, a crash, a kill from outside. */
public final class WorkerExitedException extends JUnitException {

    private static final long serialVersionUID = 1L;

    public WorkerExitedException(String message) {
        super(message);
    }
}
