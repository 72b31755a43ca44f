package dev.reaper.internal.fork.parent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.reaper.internal.config.ClassDataSharing;
import dev.reaper.internal.process.OwnProcesses;

/**
 * A worker's process is Reaper's own, no leak, while it runs, and forgotten once it exits: a process the
 * operating system later gives the same pid is a leak like any other.
 */
class WorkerProcessesTest {

    @Test
    void aWorkerIsOwnWhileItRunsAndItsPidIsForgottenOnceItExits() throws Exception {
        OwnProcesses own = new OwnProcesses();
        long pid;
        try (Worker worker = Worker.start(List.of(), ClassDataSharing.OFF, own)) {
            pid = worker.pid();
            assertThat(own.contains(pid)).isTrue();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(own.contains(pid)).isFalse());
    }

    @Test
    void aProcessReaperDidNotStartIsNotOwn() {
        assertThat(new OwnProcesses().contains(ProcessHandle.current().pid())).isFalse();
    }
}
