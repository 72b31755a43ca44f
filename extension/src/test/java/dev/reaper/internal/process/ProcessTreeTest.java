package dev.reaper.internal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.reaper.internal.fork.parent.WorkerCommand;

public class ProcessTreeTest {

    /** A sleep no other process on the machine runs: {@code sleep 600.<random>}, also in the sh -c text. */
    private final String marker = "600." + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);

    /**
     * The marker on the JVM's command line before its class path too: Linux's ProcessHandle reads only the
     * first page of a command line, and a long class path pushes the arguments past it.
     */
    private List<String> markerOption() {
        return List.of("-Dtest.marker=" + marker);
    }
    private Process root;

    @AfterEach
    void killLeftovers() {
        if (root != null) {
            root.destroyForcibly();
        }
        markedProcesses().forEach(ProcessHandle::destroyForcibly); // only if a test failed
    }

    @Test
    void killsAJvmWithItsChildrenAndGrandchildrenDeepestFirst() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs sh and sleep");
        root = new ProcessBuilder(WorkerCommand.build(StartsSleeps.class.getName(), List.of(marker), markerOption()))
                .redirectErrorStream(true).start();
        awaitLine(root, "ready");
        List<ProcessHandle> before = markedProcesses();
        assertThat(before).as("the JVM, a sleep, sh and its two sleeps").hasSize(5);
        List<String> grandchildren = root.toHandle().children()
                .flatMap(ProcessHandle::children).map(process -> "pid " + process.pid() + ": ").toList();
        assertThat(grandchildren).hasSize(2);

        long start = System.nanoTime();
        List<String> killed = ProcessTree.kill(root.toHandle(), Duration.ofSeconds(10));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        System.out.println(
                "ProcessTree.kill of 5 processes took " + took.toMillis() + " ms:\n  " + String.join("\n  ", killed));
        assertThat(root.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(root.exitValue()).as("SIGKILL").isEqualTo(137);
        assertThat(markedProcesses()).as("nothing with the marker is left").isEmpty();
        assertThat(killed).hasSize(5).noneMatch(line -> line.contains("still running") || line.contains("could not"));
        // The main class may be past the first page of the command line, all that Linux's ProcessHandle reads.
        assertThat(killed.get(4)).as("root last").startsWith("pid " + root.pid() + ": ").contains("bin/java");
        assertThat(killed.stream().filter(line -> line.contains("sleep " + marker))).hasSize(4); // 3 sleeps and sh's text
        assertThat(killed.subList(0, 2)).as("the grandchildren first")
                .allMatch(
                        line -> grandchildren.stream().anyMatch(line::startsWith) && line.endsWith("sleep " + marker));
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void killDescendantsLeavesTheRootRunning() throws Exception {
        root = new ProcessBuilder(WorkerCommand.build(StartsSleeps.class.getName(), List.of(marker), markerOption()))
                .redirectErrorStream(true).start();
        awaitLine(root, "ready");

        List<String> killed = ProcessTree.killDescendants(root.toHandle(), Duration.ofSeconds(10));

        assertThat(killed).hasSize(4);
        assertThat(root.isAlive()).isTrue();
        assertThat(markedProcesses()).extracting(ProcessHandle::pid).containsExactly(root.pid());
    }

    @Test
    void aProcessThatIsAlreadyGoneIsNoError() throws Exception {
        Process done = new ProcessBuilder(WorkerCommand.build(Exits.class.getName(), List.of(), List.of())).start();
        assertThat(done.waitFor(60, TimeUnit.SECONDS)).isTrue();

        List<String> killed = ProcessTree.kill(done.toHandle(), Duration.ofSeconds(1));

        assertThat(killed).singleElement().asString().contains("had already exited");
    }

    /** Root of the tree: starts {@code sleep} and {@code sh -c 'sleep & sleep & wait'}, then waits forever. */
    public static class StartsSleeps {
        public static void main(String[] args) throws Exception {
            String sleep = "sleep " + args[0];
            new ProcessBuilder("sleep", args[0]).start();
            // sh stays as the parent (it would exec a lone command): two grandchildren of this JVM.
            new ProcessBuilder("sh", "-c", sleep + " & " + sleep + " & wait").start();
            // Until all three sleeps run as sleep: sh's forks show sh's command line until they exec.
            while (ProcessHandle.current().descendants()
                    .filter(process -> process.info().command().orElse("").endsWith("/sleep"))
                    .count() < 3) {
                Thread.sleep(10);
            }
            System.out.println("ready");
            Thread.sleep(600_000);
        }
    }

    public static class Exits {
        public static void main(String[] args) {
        }
    }

    private List<ProcessHandle> markedProcesses() {
        // A zombie has no command line any more, so this sees only processes that still run.
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(marker))
                .toList();
    }

    static void awaitLine(Process process, String expected) throws Exception {
        // Read on another thread: readLine() cannot time out, and a child that fails would hang the test.
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                BufferedReader lines =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                for (String line; (line = lines.readLine()) != null;) {
                    synchronized (seen) {
                        seen.append(line).append('\n');
                    }
                    if (line.equals(expected)) {
                        return;
                    }
                }
            } catch (Exception e) {
                // the child ended: reported below
            }
        });
        reader.setDaemon(true);
        reader.start();
        reader.join(60_000);
        synchronized (seen) {
            assertThat(seen.toString()).as("child output").contains(expected + "\n");
        }
    }
}
