package dev.reaper.internal.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A thread dump of another JVM (a hung worker), taken from outside: every thread's stack with the
 * monitors and {@code java.util.concurrent} locks it holds, and the JVM's own deadlock report
 * ("Found one Java-level deadlock"). The target must be a HotSpot JVM of the same user with the attach
 * mechanism enabled (not {@code -XX:+DisableAttachMechanism}); both methods below go through it.
 *
 * <p>Methods, fastest first (BENCHMARKS.md has the times):
 * <ol>
 * <li>The Attach API in this JVM ({@code HotSpotVirtualMachine.remoteDataDump("-l")}, what jstack does),
 * most of its time the JDK's attach handshake, which waits for the target to start its attach listener
 * (faster when the target runs with {@code -XX:+StartAttachListener}, and for later attaches). Needs
 * {@code --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED} in this JVM: the cast to
 * {@code HotSpotVirtualMachine} is refused otherwise, even reflectively, so without that export this
 * method is skipped.</li>
 * <li>{@code jcmd <pid> Thread.print -l} from {@code java.home/bin}: it starts a JVM, which does the
 * same attach.</li>
 * </ol>
 * The JMX route (attach, {@code startLocalManagementAgent()}, the DiagnosticCommand MBean's
 * {@code threadPrint}) needs no export but was slower than jcmd for a first dump.
 * SIGQUIT is not used: the dump would go to the worker's standard output, which is read elsewhere.
 */
public final class RemoteThreadDump {

    static final String ATTACH = "Attach API threaddump -l";
    static final String JCMD = "jcmd Thread.print -l";

    /**
     * @param dump    the dump, when one was taken
     * @param method  the method that took it, or the last one tried, or {@code "none"}
     * @param failure why there is no dump (every method tried and what it said), or {@code ""}
     */
    public record Result(Optional<String> dump, String method, String failure) {

        static Result taken(String dump, String method) {
            return new Result(Optional.of(dump), method, "");
        }

        static Result failed(String method, String failure) {
            return new Result(Optional.empty(), method, failure);
        }
    }

    private RemoteThreadDump() {
    }

    /**
     * Tries each method in turn within {@code timeout} in total: the Attach API (when available) gets
     * up to half of it, so jcmd still has time if the attach hangs. Never throws; a method that runs
     * out of time is abandoned on a daemon thread (jcmd is killed).
     */
    public static Result capture(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!running(pid)) {
                return Result.failed("none", "process " + pid + " is not running");
            }
            List<String> failures = new ArrayList<>();
            Optional<String> attachUnavailable = attachUnavailable();
            if (attachUnavailable.isEmpty()) {
                Result attach = viaAttach(pid, remaining(deadline).dividedBy(2));
                if (attach.dump().isPresent()) {
                    return attach;
                }
                failures.add(ATTACH + ": " + attach.failure());
                if (!running(pid)) {
                    return Result.failed(ATTACH, "process " + pid + " ended while its threads were being dumped; "
                            + failures.get(0));
                }
            } else {
                failures.add(ATTACH + ": " + attachUnavailable.get());
            }
            Result jcmd = viaJcmd(pid, remaining(deadline));
            if (jcmd.dump().isPresent()) {
                return jcmd;
            }
            failures.add(JCMD + ": " + jcmd.failure());
            return Result.failed(JCMD, String.join("; ", failures));
        } catch (RuntimeException | Error e) { // e.g. no thread could be started: still a report, never a crash
            return Result.failed("none", "unexpected " + e);
        }
    }

    /** Why the Attach API cannot be used from this JVM, or empty when it can. */
    static Optional<String> attachUnavailable() {
        Optional<Module> attach = ModuleLayer.boot().findModule("jdk.attach");
        if (attach.isEmpty()) {
            return Optional.of("the jdk.attach module is not in this runtime");
        }
        if (!attach.get().isExported("sun.tools.attach", RemoteThreadDump.class.getModule())) {
            return Optional.of("not exported to Reaper; needs --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED");
        }
        return Optional.empty();
    }

    static Result viaAttach(long pid, Duration timeout) {
        Optional<String> unavailable = attachUnavailable();
        if (unavailable.isPresent()) {
            return Result.failed(ATTACH, unavailable.get());
        }
        try {
            String dump = bounded("attach " + pid, timeout, () -> attachAndDump(pid), () -> {});
            return dump.contains("Full thread dump")
                    ? Result.taken(dump, ATTACH)
                    : Result.failed(ATTACH, "unexpected answer: " + firstLines(dump));
        } catch (TimeoutException e) {
            return Result.failed(ATTACH, "no answer within " + timeout.toMillis() + " ms");
        } catch (Exception e) {
            return Result.failed(ATTACH, String.valueOf(e));
        }
    }

    /** Reflection: jdk.attach may be absent, and {@code HotSpotVirtualMachine} is not exported at compile time. */
    private static String attachAndDump(long pid) throws Exception {
        Class<?> virtualMachine = Class.forName("com.sun.tools.attach.VirtualMachine");
        Object vm = unwrap(() -> virtualMachine.getMethod("attach", String.class).invoke(null, Long.toString(pid)));
        try {
            Class<?> hotSpot = Class.forName("sun.tools.attach.HotSpotVirtualMachine");
            try (InputStream in = (InputStream) unwrap(
                    () -> hotSpot.getMethod("remoteDataDump", Object[].class)
                            .invoke(vm, (Object) new Object[] {"-l"}))) {
                return readAll(in);
            }
        } finally {
            unwrap(() -> virtualMachine.getMethod("detach").invoke(vm));
        }
    }

    static Result viaJcmd(long pid, Duration timeout) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", OperatingSystem.WINDOWS ? "jcmd.exe" : "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return Result.failed(JCMD, "no " + jcmd + " (a JRE or a jlink image without jdk.jcmd)");
        }
        ProcessBuilder builder = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print", "-l")
                .redirectErrorStream(true);
        // Agents in JAVA_TOOL_OPTIONS (coverage, say) do not belong in jcmd, and its "Picked up" line not in the dump.
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        AtomicReference<Process> started = new AtomicReference<>();
        try {
            String output = bounded("jcmd " + pid, timeout, () -> {
                Process process = builder.start();
                started.set(process);
                String text;
                try (InputStream in = process.getInputStream()) {
                    text = readAll(in);
                }
                return process.waitFor() + "\n" + text; // exit code first
            }, () -> {
                Process process = started.get();
                if (process != null) {
                    process.destroyForcibly();
                }
            });
            int newline = output.indexOf('\n');
            int exitCode = Integer.parseInt(output.substring(0, newline));
            String text = output.substring(newline + 1);
            if (exitCode != 0 || !text.contains("Full thread dump")) {
                return Result.failed(JCMD, "exit code " + exitCode + ": " + firstLines(text));
            }
            // jcmd starts with a "<pid>:" line of its own.
            return Result.taken(text.startsWith(pid + ":") ? text.substring(text.indexOf('\n') + 1) : text, JCMD);
        } catch (TimeoutException e) {
            return Result.failed(JCMD, "no answer within " + timeout.toMillis() + " ms (jcmd killed)");
        } catch (Exception e) {
            return Result.failed(JCMD, String.valueOf(e));
        }
    }

    /** Runs task on a daemon thread for at most limit; on timeout runs onTimeout and abandons the thread. */
    private static <T> T bounded(String name, Duration limit, Callable<T> task, Runnable onTimeout) throws Exception {
        FutureTask<T> future = new FutureTask<>(task);
        Thread thread = new Thread(future, "reaper: thread dump of " + name);
        thread.setDaemon(true);
        thread.start();
        try {
            return future.get(Math.max(1, limit.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            onTimeout.run();
            thread.interrupt();
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    private interface Reflective {
        Object call() throws ReflectiveOperationException;
    }

    /**
     * The attach exception (e.g. {@code AttachNotSupportedException: Unable to open socket file ...}), not its wrapper.
     */
    private static Object unwrap(Reflective call) throws Exception {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    /** A loop: the attach stream's readAllBytes() stops at 4 KiB on JDK 17 and throws on 25. */
    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0;) {
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ProcessTree::isRunning).orElse(false);
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static String firstLines(String text) {
        String trimmed = text.strip();
        String[] lines = trimmed.split("\\R", 4);
        return lines.length <= 3 ? trimmed : String.join(" | ", List.of(lines).subList(0, 3)) + " ...";
    }
}
