package dev.reaper.internal.fork.worker;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.reaper.Rung;
import dev.reaper.internal.fork.channel.Connection;
import dev.reaper.internal.fork.channel.Message;
import dev.reaper.internal.fork.channel.ThrowableData;
import dev.reaper.internal.leak.Survivors;
import dev.reaper.internal.run.DeadlineWatch;

/**
 * Inside the worker: takes {@link Message.Run} requests from the parent, runs each test by its unique
 * ID with the JUnit Platform Launcher, with the full lifecycle, and reports back as it goes.
 */
final class WorkerLoop {

    private final Connection connection;
    private final Launcher launcher = LauncherFactory.create();
    private final ForwardingStream out;
    private final ForwardingStream err;

    WorkerLoop(Connection connection) {
        this.connection = connection;
        this.out = new ForwardingStream(connection, false);
        this.err = new ForwardingStream(connection, true);
    }

    void run() throws IOException {
        // The parent's system properties first: the warm-up's class initializers may read them too.
        Message first = connection.receive();
        if (!(first instanceof Message.SystemProperties properties)) {
            throw new ProtocolException("expected the parent's system properties first, got " + first);
        }
        WorkerProperties.apply(properties);
        // Before any output is forwarded and before deadlines are reported: the parent sees none of it.
        WarmUp.run();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        // The parent watches each deadline Reaper arms here, to know when the worker itself is past help.
        DeadlineWatch.set(new DeadlineWatch.Observer() {
            @Override
            public void armed(String uniqueId, Duration timeout, Duration escalation, boolean killable,
                    List<Rung> ladder) {
                send(new Message.Armed(uniqueId, timeout.toMillis(), escalation.toMillis(), killable, ladder));
            }

            @Override
            public void disarmed(String uniqueId) {
                send(new Message.Disarmed(uniqueId));
            }

            @Override
            public void abandoned(String uniqueId, Throwable failure) {
                // The parent kills this JVM on it: no need to wait for leak scans and the rest of JUnit.
                send(new Message.Finished(uniqueId, "", Message.Status.FAILED, ThrowableData.of(failure)));
            }
        });
        connection.send(new Message.Ready(ProcessHandle.current().pid()));
        while (true) {
            Message message = connection.receive();
            if (message instanceof Message.Run run) {
                execute(run);
            } else if (message instanceof Message.SystemProperties changes) {
                WorkerProperties.apply(changes);
            } else if (message instanceof Message.Shutdown) {
                return;
            }
        }
    }

    private void execute(Message.Run run) throws IOException {
        out.attributeTo(run.id());
        err.attributeTo(run.id());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(run.selectors().stream().map(DiscoverySelectors::selectUniqueId).toList())
                .configurationParameters(run.configuration())
                .build();
        try {
            launcher.execute(request, new WorkerReporter(this::send, uniqueId -> {
                out.attributeTo(uniqueId);
                err.attributeTo(uniqueId);
            }));
        } finally {
            System.out.flush();
            System.err.flush();
        }
        if (isShuttingDown()) {
            connection.send(new Message.Retire("the JVM is shutting down: the test called System.exit and a"
                    + " shutdown hook has not ended"));
        } else if (Survivors.anyUnstoppable()) {
            connection.send(new Message.Retire("threads or processes the test leaked could not be stopped: "
                    + Survivors.all().stream().filter(Survivors.Survivor::stopAttempted)
                            .map(Survivors.Survivor::leak).toList()));
        }
        connection.send(new Message.Done(run.id()));
    }

    /** A worker whose shutdown began cannot be trusted with another test, even if the test's thread was stopped. */
    private static boolean isShuttingDown() {
        Thread probe = new Thread(() -> {});
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shutdownInProgress) {
            return true;
        }
    }

    private void send(Message message) {
        try {
            connection.send(message);
        } catch (IOException parentGone) {
            // Nobody is left to report to; ParentWatch ends this JVM too, this is only faster.
            throw new UncheckedIOException(parentGone);
        }
    }
}
