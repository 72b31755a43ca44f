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

    @Test
    void killingTheParentLeavesNoWorkerNorGrandchild() throws Exception {
        Path output = Files.createTempFile("reaper-orphan", ".txt");
        Process parent = ChildJvm.start(List.of(), HangsOnASubprocess.class, output);
        try {
            ProcessHandle sleep = await().atMost(Duration.ofSeconds(60)).until(ForkOrphanTest::sleeper, Optional::isPresent)
                    .orElseThrow();
            ProcessHandle worker = sleep.parent().orElseThrow();
            assertThat(worker.parent().map(ProcessHandle::pid)).contains(parent.pid());

            parent.destroyForcibly();
            long killed = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !worker.isAlive() && !sleep.isAlive());
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
