package dev.reaper.internal.fork.parent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.reaper.internal.config.ClassDataSharing;
import dev.reaper.internal.fork.channel.ChannelServer;
import dev.reaper.internal.fork.channel.Connection;
import dev.reaper.internal.fork.channel.Message;
import dev.reaper.internal.fork.worker.WorkerMain;
import dev.reaper.internal.fork.worker.WorkerProperties;
import dev.reaper.internal.process.OwnProcesses;
import dev.reaper.internal.process.ProcessTree;

/**
 * The parent's handle on one worker JVM: its process, its channel, and a reader thread that turns
 * the channel into a queue the waiting JUnit thread can poll with a deadline.
 */
final class Worker implements AutoCloseable {

    /** What the reader thread queues when the channel ends: the worker exited, crashed or was killed. */
    record ChannelClosed(IOException reason) {
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int STDERR_LINES_KEPT = 40;

    private final Process process;
    private final ChannelServer server;
    private final Connection connection;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail;
    private final WorkerProperties properties;

    private Worker(Process process, ChannelServer server, Connection connection, Deque<String> stderrTail,
            WorkerProperties properties) {
        this.process = process;
        this.server = server;
        this.connection = connection;
        this.stderrTail = stderrTail;
        this.properties = properties;
        Thread reader = new Thread(this::read, "reaper-worker-" + process.pid() + "-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param cds {@code reaper.fork.cds}
     * @param own where the worker's process is known as Reaper's own, no leak, until it exits
     */
    static Worker start(List<String> extraJvmOptions, ClassDataSharing cds, OwnProcesses own)
            throws WorkerStartException {
        ChannelServer server;
        try {
            server = ChannelServer.open();
        } catch (IOException e) {
            throw new WorkerStartException("cannot open the private channel: " + e, List.of(), "");
        }
        List<String> command = WorkerCommand.build(WorkerMain.class.getName(),
                List.of(server.address(), String.valueOf(ProcessHandle.current().pid())), extraJvmOptions, cds);
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            server.close();
            throw new WorkerStartException("cannot start the JVM: " + e, command, "");
        }
        own.add(process);
        Deque<String> stderrTail = new ArrayDeque<>();
        pump(process.getInputStream(), System.out, null, process.pid());
        Thread stderrPump = pump(process.getErrorStream(), System.err, stderrTail, process.pid());
        try {
            OutputStream stdin = process.getOutputStream(); // stays open: its end tells the worker nothing
            stdin.write((HexFormat.of().formatHex(server.secret()) + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            Connection connection = accept(server, process);
            Worker worker = new Worker(process, server, connection, stderrTail,
                    new WorkerProperties(extraJvmOptions));
            // All of them, even none: the worker waits for them before it warms up.
            worker.send(worker.properties.changes(System.getProperties()));
            // Bounded: a worker can connect and then hang while its launcher starts (a listener, say).
            Object hello = worker.poll(System.nanoTime() + START_TIMEOUT.toNanos());
            if (!(hello instanceof Message.Ready)) {
                connection.close();
                throw new IOException(hello == null ? "the worker JVM connected but did not get ready within "
                        + START_TIMEOUT.toSeconds() + " s" : "expected Ready, got " + hello);
            }
            return worker;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            server.close();
            throw new WorkerStartException("interrupted while the worker JVM started", command, tail(stderrTail));
        } catch (IOException | TimeoutException e) {
            boolean exitedByItself = !process.isAlive();
            process.destroyForcibly();
            server.close();
            waitQuietly(process);
            // A JVM that exits at once (a bad option) may still have its reason in the pipe: read it first.
            joinQuietly(stderrPump);
            // Dead already, it failed as it started (writing its secret then fails with a bare "Stream closed").
            throw new WorkerStartException(exitedByItself ? "the worker JVM exited as it started (exit code "
                    + process.exitValue() + ")" : e.getMessage(), command, tail(stderrTail));
        }
    }

    private static Connection accept(ChannelServer server, Process process) throws IOException, TimeoutException {
        long until = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                return server.accept(Duration.ofMillis(200));
            } catch (TimeoutException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("the worker JVM exited before it connected");
                }
                if (System.nanoTime() > until) {
                    throw new TimeoutException("the worker JVM did not connect within " + START_TIMEOUT.toSeconds()
                            + " s");
                }
            }
        }
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void send(Message message) throws IOException {
        connection.send(message);
    }

    /**
     * Before each test: what changed in this JVM's system properties since the worker was told, such as
     * a property a test set after a standby worker started. Usually nothing, and then nothing is sent.
     */
    void sendChangedSystemProperties() throws IOException {
        Message.SystemProperties changes = properties.changes(System.getProperties());
        if (!changes.isEmpty()) {
            connection.send(changes);
        }
    }

    /** The next message, a {@link ChannelClosed}, or null when nothing came before {@code untilNanos}. */
    Object poll(long untilNanos) throws InterruptedException {
        return inbox.poll(Math.max(0, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** The exit code once the process is gone, waiting briefly for the OS to report it. */
    int exitCode() {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    String stderrTail() {
        synchronized (stderrTail) {
            return tail(stderrTail);
        }
    }

    /** Asks the worker to end; kills it if it does not within a second (a shutdown hook may hang). */
    @Override
    public void close() {
        try {
            connection.send(new Message.Shutdown());
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                ProcessTree.kill(process.toHandle(), Duration.ofSeconds(2));
            }
        } catch (IOException | InterruptedException e) {
            ProcessTree.kill(process.toHandle(), Duration.ofSeconds(2));
        } finally {
            connection.close();
            server.close();
        }
    }

    /** After the process rung or a crash: the channel and socket go too. */
    void discard() {
        if (process.isAlive()) {
            ProcessTree.kill(process.toHandle(), Duration.ofSeconds(2));
        }
        connection.close();
        server.close();
    }

    private void read() {
        try {
            while (true) {
                inbox.add(connection.receive());
            }
        } catch (IOException e) {
            inbox.add(new ChannelClosed(e));
        }
    }

    /** Copies what the JVM itself prints (startup warnings, crash notices) to the parent's stream. */
    private static Thread pump(InputStream from, PrintStream to, Deque<String> tail, long pid) {
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    to.println(line);
                    if (tail != null) {
                        synchronized (tail) {
                            tail.addLast(line);
                            if (tail.size() > STDERR_LINES_KEPT) {
                                tail.removeFirst();
                            }
                        }
                    }
                }
            } catch (IOException closed) {
                // the worker is gone
            }
        }, "reaper-worker-" + pid + (tail == null ? "-stdout" : "-stderr"));
        pump.setDaemon(true);
        pump.start();
        return pump;
    }

    private static String tail(Deque<String> lines) {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    private static void waitQuietly(Process process) {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Bounded: a grandchild that inherited the pipe could keep it open after the worker is gone. */
    private static void joinQuietly(Thread pump) {
        try {
            pump.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
