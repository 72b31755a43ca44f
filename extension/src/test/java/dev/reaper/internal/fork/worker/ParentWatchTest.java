package dev.reaper.internal.fork.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reaper.internal.fork.parent.WorkerCommand;
import dev.reaper.internal.process.ProcessTreeTest;

class ParentWatchTest {

    private static final int HALT_STATUS = 77;

    /** In the command lines of the watched worker and of its sleep, and nowhere else on the machine. */
    private final String marker = "600." + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);

    /**
     * The marker on the JVM's command line before its class path too: Linux's ProcessHandle reads only the
     * first page of a command line, and a long class path pushes the arguments past it.
     */
    private List<String> markerOption() {
        return List.of("-Dtest.marker=" + marker);
    }
    private Process parent;

    @AfterEach
    void killLeftovers() {
        if (parent != null) {
            parent.destroyForcibly();
        }
        marked().forEach(ProcessHandle::destroyForcibly); // only if a test failed
    }

    @Test
    void aWorkerAndWhatItStartedEndSoonAfterItsParentIsKilled(@TempDir Path temp) throws Exception {
        // test JVM -> parent JVM (Middle) -> worker JVM (Watched, ParentWatch on Middle) -> sleep
        Path workerErr = temp.resolve("worker-stderr.txt");
        parent = new ProcessBuilder(
                WorkerCommand.build(Middle.class.getName(), List.of(marker, workerErr.toString()), markerOption()))
                .redirectErrorStream(true).start();
        Lines output = new Lines(parent);
        String ready = output.await("ready ", Duration.ofSeconds(60));
        long worker = Long.parseLong(ready.split(" ")[1]);
        long sleep = Long.parseLong(ready.split(" ")[2]);
        assertThat(marked()).extracting(ProcessHandle::pid).containsExactlyInAnyOrder(worker, sleep);

        Thread.sleep(3 * ParentWatch.POLL_MILLIS);
        assertThat(marked()).as("a living parent keeps the worker alive").hasSize(2);

        long killedAt = System.nanoTime();
        parent.destroyForcibly();
        while (!marked().isEmpty() && System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(10)) {
            Thread.sleep(10);
        }
        Duration gone = Duration.ofNanos(System.nanoTime() - killedAt);

        System.out.println("parent killed; worker and its sleep gone after " + gone.toMillis() + " ms ("
                + System.getProperty("java.version") + ")");
        assertThat(marked()).as("worker and sleep").isEmpty();
        assertThat(gone).isLessThan(Duration.ofSeconds(5));
        // Its stderr goes to a file: the JDK closes a child's pipe when the child exits, so what the
        // worker wrote after Middle's death would never arrive through Middle's.
        String said = Files.readString(workerErr).strip();
        assertThat(said).contains("parent process " + parent.pid() + " is gone")
                .contains("pid " + sleep + ": ").contains("sleep " + marker)
                .endsWith("halting with status " + HALT_STATUS);
    }

    @Test
    void aWorkerWhoseParentIsAlreadyGoneHaltsAtOnce() throws Exception {
        Process gone =
                new ProcessBuilder(WorkerCommand.build(ProcessTreeTest.Exits.class.getName(), List.of(), List.of()))
                        .start();
        assertThat(gone.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Process worker = new ProcessBuilder(WorkerCommand.build(Watched.class.getName(),
                List.of(Long.toString(gone.pid()), marker), markerOption()))
                .redirectErrorStream(true).start();

        assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.exitValue()).isEqualTo(HALT_STATUS);
        assertThat(marked()).as("its sleep was killed too").isEmpty();
    }

    /** The parent: starts the watched worker with its own pid, hands its output on, its stderr to args[1]. */
    public static class Middle {
        public static void main(String[] args) throws Exception {
            new ProcessBuilder(WorkerCommand.build(Watched.class.getName(),
                    List.of(Long.toString(ProcessHandle.current().pid()), args[0]),
                    List.of("-Dtest.marker=" + args[0])))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(new File(args[1])).start();
            Thread.sleep(600_000);
        }
    }

    /** The worker: watches args[0], starts {@code sleep args[1]}, says "ready <own pid> <sleep pid>". */
    public static class Watched {
        public static void main(String[] args) throws Exception {
            Process sleep = new ProcessBuilder("sleep", args[1]).start();
            ParentWatch.start(Long.parseLong(args[0]), HALT_STATUS, () -> {});
            System.out.println("ready " + ProcessHandle.current().pid() + " " + sleep.pid());
            Thread.sleep(600_000);
        }
    }

    private List<ProcessHandle> marked() {
        // A zombie has no command line any more: this sees only processes that still run.
        return ProcessHandle.allProcesses()
                .filter(process -> process.pid() != (parent == null ? -1 : parent.pid()))
                .filter(process -> process.info().commandLine().orElse("").contains(marker))
                .toList();
    }

    /** Reads a child's output on a daemon thread, so waiting for a line can time out. */
    private static final class Lines {
        private final StringBuilder text = new StringBuilder();

        Lines(Process process) {
            Thread reader = new Thread(() -> {
                try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null;) {
                        synchronized (text) {
                            text.append(line).append('\n');
                        }
                    }
                } catch (Exception e) {
                    // end of output
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        String await(String prefix, Duration limit) throws InterruptedException {
            long end = System.nanoTime() + limit.toNanos();
            AtomicReference<String> found = new AtomicReference<>();
            while (found.get() == null && System.nanoTime() < end) {
                synchronized (text) {
                    text.toString().lines().filter(line -> line.startsWith(prefix)).findFirst().ifPresent(found::set);
                }
                Thread.sleep(10);
            }
            synchronized (text) {
                assertThat(found.get()).as("a line starting with '" + prefix + "' in:\n" + text).isNotNull();
            }
            return found.get();
        }
    }
}
