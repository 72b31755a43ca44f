package dev.reaper.internal.fork.worker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.Base64;
import java.util.function.Consumer;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

import dev.reaper.internal.fork.channel.Message;
import dev.reaper.internal.fork.channel.ThrowableData;

/**
 * Turns the worker's JUnit events into messages for the parent, which reports them as its own: every
 * test and container below the engine started, skipped, registered and finished, and report entries.
 * Output is attributed to the test or container that started last.
 */
final class WorkerReporter implements TestExecutionListener {

    private final Consumer<Message> parent;
    private final Consumer<String> attribution;

    WorkerReporter(Consumer<Message> parent, Consumer<String> attribution) {
        this.parent = parent;
        this.attribution = attribution;
    }

    @Override
    public void dynamicTestRegistered(TestIdentifier test) {
        parent.accept(new Message.Dynamic(test.getUniqueId(), test.getParentId().orElse(""), test.getDisplayName(),
                test.getLegacyReportingName(), test.getType().name(), serialized(test.getSource().orElse(null)),
                test.getTags().stream().map(TestTag::getName).toList()));
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        if (isEngine(test)) {
            return;
        }
        attribution.accept(test.getUniqueId());
        parent.accept(new Message.Started(test.getUniqueId()));
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        parent.accept(new Message.ReportEntry(test.getUniqueId(), entry.getKeyValuePairs()));
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        parent.accept(new Message.Skipped(test.getUniqueId(), reason == null ? "" : reason));
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (isEngine(test) && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            return;
        }
        Message.Status status = switch (result.getStatus()) {
            case SUCCESSFUL -> Message.Status.SUCCESSFUL;
            case ABORTED -> Message.Status.ABORTED;
            case FAILED -> Message.Status.FAILED;
        };
        parent.accept(new Message.Finished(test.getUniqueId(), test.getDisplayName(), status,
                result.getThrowable().map(ThrowableData::of).orElse(null)));
    }

    private static boolean isEngine(TestIdentifier test) {
        return test.getParentId().isEmpty();
    }

    /**
     * A method or a class in a line of text ({@code M} or {@code C}, then names separated by a tab);
     * other sources, the platform's own serializable types, Java-serialized; one that will not serialize is
     * left out.
     */
    static String serialized(TestSource source) {
        if (source == null) {
            return "";
        }
        if (source instanceof MethodSource method) {
            return "M\t" + method.getClassName() + "\t" + method.getMethodName() + "\t"
                    + method.getMethodParameterTypes();
        }
        if (source instanceof ClassSource type && type.getPosition().isEmpty()) {
            return "C\t" + type.getClassName();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(source);
        } catch (IOException | RuntimeException notSerializable) {
            return "";
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
