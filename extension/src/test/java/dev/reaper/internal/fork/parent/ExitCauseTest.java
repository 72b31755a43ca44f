package dev.reaper.internal.fork.parent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ExitCauseTest {

    @TempDir
    Path temp;

    @Test
    void systemExit() throws Exception {
        Ended ended = run("exit", List.of());

        assertThat(ended.exitCode).isEqualTo(3);
        assertThat(ended.describe()).startsWith("Worker JVM (pid " + ended.pid + ") exited with code 3: ")
                .contains("System.exit(3) or Runtime.halt(3) called by the test or code it ran");
    }

    @Test
    void runtimeHalt() throws Exception {
        Ended ended = run("halt", List.of());

        assertThat(ended.exitCode).isEqualTo(5);
        assertThat(ended.describe()).contains("exited with code 5: System.exit(5) or Runtime.halt(5)");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS) // exit code 1 there
    void killedForcibly() throws Exception {
        Started started = start("sleep", List.of());
        assertThat(started.process().getInputStream().read()).as("running").isEqualTo('s');
        started.process().destroyForcibly();
        Ended ended = await(started, started.stderr());

        assertThat(ended.exitCode).as("128 + SIGKILL").isEqualTo(137);
        assertThat(ended.describe()).contains("exited with code 137: killed (SIGKILL), e.g. by kill -9")
                .contains("OOM killer");
    }

    @Test
    void outOfMemory() throws Exception {
        Ended ended = run("oom", List.of("-Xmx16m"));

        System.out.println(ended.describe());
        assertThat(ended.stderr).contains("java.lang.OutOfMemoryError");
        assertThat(ended.exitCode).as("an uncaught error in main").isEqualTo(1);
        assertThat(ended.describe())
                .contains("exited with code 1: out of memory (java.lang.OutOfMemoryError: Java heap space)")
                .contains("Last lines of its output:\n    Exception in thread \"main\" java.lang.OutOfMemoryError");
    }

    @Test
    void outOfMemoryWithExitOnOutOfMemoryError() throws Exception {
        List<String> options = List.of("-Xmx16m", "-XX:+ExitOnOutOfMemoryError");
        Ended stderrOnly = run("oom", options);
        // The JVM prints "Terminating due to java.lang.OutOfMemoryError" to standard output, not error.
        Started started = start("oom", options);
        Ended merged = await(started, started.stdout());

        System.out.println(stderrOnly.describe() + "\n" + merged.describe());
        assertThat(stderrOnly.exitCode).isEqualTo(3);
        assertThat(stderrOnly.describe()).contains("exited with code 3: System.exit(3) or Runtime.halt(3)")
                .contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(merged.describe())
                .contains("exited with code 3: out of memory (java.lang.OutOfMemoryError: Java heap space), "
                        + "ended by -XX:+ExitOnOutOfMemoryError");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void signalsWithoutARealProcess() {
        assertThat(ExitCause.describe(42, 134, "")).isEqualTo(
                "Worker JVM (pid 42) exited with code 134: aborted (SIGABRT): a native crash of the JVM, "
                        + "see hs_err_pid42.log in the worker's working directory.");
        assertThat(ExitCause.describe(42, 134,
                "#\n# An error report file with more information is saved as:\n# /work/hs_err_pid42.log\n#"))
                .contains("see /work/hs_err_pid42.log.");
        assertThat(ExitCause.describe(42, 143, null)).contains("terminated (SIGTERM)");
        assertThat(ExitCause.describe(42, 137, "Exception in thread \"main\" java.lang.OutOfMemoryError: Metaspace"))
                .contains("killed (SIGKILL)")
                .contains("it ran out of memory before: java.lang.OutOfMemoryError: Metaspace");
    }

    @Test
    void aWorkerThatCouldNotStartAndTheTailLimit() {
        assertThat(ExitCause.describe(42, 1,
                "Error: Could not find or load main class x.Y\nCaused by: java.lang.ClassNotFoundException: x.Y"))
                .contains("exited with code 1: the worker JVM failed to start");
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            lines.add("line " + i);
        }
        String described = ExitCause.describe(42, 2, String.join("\n", lines));
        assertThat(described).contains("    line 31\n").endsWith("    line 50").doesNotContain("line 30\n");
    }

    /** Ends the way args[0] says: exit 3, halt 5, an OutOfMemoryError, or sleeps until killed. */
    public static class Ends {
        public static void main(String[] args) throws Exception {
            switch (args[0]) {
                case "exit":
                    System.exit(3);
                    break;
                case "halt":
                    Runtime.getRuntime().halt(5);
                    break;
                case "oom":
                    List<long[]> hoard = new ArrayList<>();
                    while (true) {
                        hoard.add(new long[1 << 16]);
                    }
                default:
                    System.out.println("sleeping");
                    Thread.sleep(600_000);
            }
        }
    }

    private record Ended(long pid, int exitCode, String stderr) {
        String describe() {
            return ExitCause.describe(pid, exitCode, stderr);
        }
    }

    private record Started(Process process, Path stderr, Path stdout) {
    }

    private Started start(String how, List<String> jvmOptions) throws Exception {
        Path stderr = temp.resolve("stderr-" + how + "-" + System.nanoTime() + ".txt");
        Path stdout = temp.resolve("stdout-" + how + "-" + System.nanoTime() + ".txt");
        ProcessBuilder builder = new ProcessBuilder(WorkerCommand.build(Ends.class.getName(), List.of(how), jvmOptions))
                .redirectError(stderr.toFile());
        if (!how.equals("sleep")) { // the sleeper says on stdout that it runs
            builder.redirectOutput(stdout.toFile());
        }
        return new Started(builder.start(), stderr, stdout);
    }

    private Ended run(String how, List<String> jvmOptions) throws Exception {
        Started started = start(how, jvmOptions);
        return await(started, started.stderr());
    }

    private static Ended await(Started started, Path output) throws Exception {
        Process process = started.process();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child did not end within 60 s");
        }
        String text = Files.exists(output) ? Files.readString(output) : "";
        if (!output.equals(started.stderr())) { // both, as a parent that captures both would pass them
            text = Files.readString(started.stderr()) + text;
        }
        return new Ended(process.pid(), process.exitValue(), text);
    }
}
