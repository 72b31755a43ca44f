package dev.reaper.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.reaper.Isolation;
import dev.reaper.Reaper;
import dev.reaper.testing.ChildJvm;

/** When the JVM that runs the tests dies, for any reason, its workers and their children follow. */
class ForkOrphanTest {

    static final String MARKER = "600.4343";

    @Reaper(isolation = Isolation.FORK, timeout = "5 m")
    public static class HangsOnASubprocess {

        @org.junit.jupiter.api.Test
        void hangs() throws IOException {
            Process sleep = new ProcessBuilder("sleep", MARKER).start();
            try (InputStream output = sleep.getInputStream()) {
                output.read();
            }
        }
    }

    static Optional<ProcessHandle> sleeper() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains("sleep " + MARKER))
                .findFirst();
    }

    /**
     * Running, as opposed to ended: a process that ended but was not yet reaped (a zombie, which this
     * machine's init reaps up to seconds late) counts as alive for {@link ProcessHandle#isAlive()}.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException gone) {
            return false;
        }
    }

    @Test
    void killingTheParentLeavesNoWorkerNorGrandchild() throws Exception {
        Path output = Files.createTempFile("reaper-orphan", ".txt");
        Process parent = ChildJvm.start(List.of(), HangsOnASubprocess.class, output);
        try {
            ProcessHandle sleep =
                    await().atMost(Duration.ofSeconds(60)).until(ForkOrphanTest::sleeper, Optional::isPresent)
                            .orElseThrow();
            ProcessHandle worker = sleep.parent().orElseThrow();
            assertThat(worker.parent().map(ProcessHandle::pid)).contains(parent.pid());

            parent.destroyForcibly();
            long killed = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !running(worker) && !running(sleep));
            Duration gone = Duration.ofNanos(System.nanoTime() - killed);
            System.out.println("worker and grandchild gone " + gone.toMillis() + " ms after the parent was killed");
            assertThat(gone).isLessThan(Duration.ofSeconds(5));
        } finally {
            parent.destroyForcibly();
            sleeper().ifPresent(ProcessHandle::destroyForcibly);
            Files.deleteIfExists(output);
        }
    }
}
