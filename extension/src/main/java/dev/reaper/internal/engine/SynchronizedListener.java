package dev.reaper.internal.engine;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;

/** Classes run side by side; the build tool hears of them one event at a time. */
final class SynchronizedListener implements EngineExecutionListener {

    private final EngineExecutionListener delegate;

    SynchronizedListener(EngineExecutionListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized void dynamicTestRegistered(TestDescriptor testDescriptor) {
        delegate.dynamicTestRegistered(testDescriptor);
    }

    @Override
    public synchronized void executionSkipped(TestDescriptor testDescriptor, String reason) {
        delegate.executionSkipped(testDescriptor, reason);
    }

    @Override
    public synchronized void executionStarted(TestDescriptor testDescriptor) {
        delegate.executionStarted(testDescriptor);
    }

    @Override
    public synchronized void executionFinished(TestDescriptor testDescriptor, TestExecutionResult testExecutionResult) {
        delegate.executionFinished(testDescriptor, testExecutionResult);
    }

    @Override
    public synchronized void reportingEntryPublished(TestDescriptor testDescriptor, ReportEntry entry) {
        delegate.reportingEntryPublished(testDescriptor, entry);
    }
}
