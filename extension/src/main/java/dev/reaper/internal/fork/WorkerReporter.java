package dev.reaper.internal.fork;

import java.util.function.Consumer;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.opentest4j.TestAbortedException;

/**
 * Turns the worker's JUnit events into messages for the parent: what the parent reports (the test's
 * result, report entries) and what it must know (a container that failed or was skipped around the
 * test). Nothing else: each message costs both JVMs a wake-up, and a forked test's time is mostly
 * such hand-offs.
 */
final class WorkerReporter implements TestExecutionListener {

    private final String requestedUniqueId;
    private final Consumer<Message> parent;

    WorkerReporter(String requestedUniqueId, Consumer<Message> parent) {
        this.requestedUniqueId = requestedUniqueId;
        this.parent = parent;
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        parent.accept(new Message.ReportEntry(test.getUniqueId(), entry.getKeyValuePairs()));
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        parent.accept(new Message.Finished(test.getUniqueId(), test.getDisplayName(), Message.Status.SKIPPED,
                ThrowableData.of(new TestAbortedException("skipped in the worker JVM: " + reason))));
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL && test.isContainer()
                && !test.getUniqueId().equals(requestedUniqueId)) {
            return; // its engine and class: the parent runs its own
        }
        Message.Status status = switch (result.getStatus()) {
            case SUCCESSFUL -> Message.Status.SUCCESSFUL;
            case ABORTED -> Message.Status.ABORTED;
            case FAILED -> Message.Status.FAILED;
        };
        parent.accept(new Message.Finished(test.getUniqueId(), test.getDisplayName(), status,
                result.getThrowable().map(ThrowableData::of).orElse(null)));
    }
}
