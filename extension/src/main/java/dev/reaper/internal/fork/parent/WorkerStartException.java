package dev.reaper.internal.fork.parent;

import java.util.List;

import org.junit.platform.commons.JUnitException;

/** A worker JVM that could not be started, with what it takes to see why. */
public final class WorkerStartException extends JUnitException {

    private static final long serialVersionUID = 1L;

    WorkerStartException(String reason, List<String> command, String stderr) {
        super("Reaper could not start a worker JVM: " + reason
                + (command.isEmpty() ? "" : "\nCommand: " + String.join(" ", command))
                + (stderr.isEmpty() ? "" : "\nIts standard error:\n" + stderr));
    }
}
