package dev.reaper.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.reaper.LeakedThreadsException;
import dev.reaper.LeakedThreadsException.LeakedProcess;
import dev.reaper.Reaper;
import dev.reaper.testing.Kit;
import dev.reaper.testing.Leftovers;

/** A test that leaves {@code sleep 600} running: reported with its PID and command line, killed with {@code stop}. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ProcessLeakTest {

    static volatile Process leaked;

    @AfterEach
    void endWhatTheFixturesLeft() {
        Leftovers.cleanUp();
    }

    @Reaper(grace = "500 ms")
    static class LeavesSleep600 {

        @Test
        void leavesSleep600() throws IOException {
            leaked = Leftovers.process("sleep", "600");
        }
    }

    @Reaper(grace = "500 ms")
    static class LeavesAShellWithAChild {

        @Test
        void leavesAShellAndItsSleep() throws IOException {
            leaked = Leftovers.process("sh", "-c", "sleep 600 & wait");
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10))
                    .until(() -> leaked.descendants().findAny().isPresent());
        }
    }

    @Test
    void warnReportsThePidAndCommandLine() {
        Kit kit = Kit.run(LeavesSleep600.class);

        kit.assertSuccessful("leavesSleep600()");
        assertThat(LeakEntries.of(kit, "leavesSleep600()")).singleElement().asString()
                .contains("left 1 process running (reaper.leaks=warn)", "process " + leaked.pid() + ": ", "sleep 600");
        assertThat(leaked.isAlive()).isTrue();
    }

    @Test
    void failListsTheProcess() {
        Kit kit = Kit.run(LeavesSleep600.class, "reaper.leaks", "fail");

        LeakedThreadsException failure = LeakActionsTest.leakFailure(kit, "leavesSleep600()");
        assertThat(failure.threads()).isEmpty();
        LeakedProcess process = failure.processes().get(0);
        assertThat(failure.processes()).hasSize(1);
        assertThat(process.pid()).isEqualTo(leaked.pid());
        assertThat(process.commandLine()).endsWith("sleep 600");
        assertThat(process.depth()).isEqualTo(1);
        assertThat(process.outcome()).isNull();
        assertThat(failure.getMessage()).contains("process " + leaked.pid() + ": ", "sleep 600 (created while it ran)");
        assertThat(leaked.isAlive()).isTrue();
    }

    @Test
    void stopKillsIt() {
        Kit kit = Kit.run(LeavesSleep600.class, "reaper.leaks", "stop");

        LeakedThreadsException failure = LeakActionsTest.leakFailure(kit, "leavesSleep600()");
        assertThat(failure.processes()).singleElement().satisfies(process -> {
            assertThat(process.pid()).isEqualTo(leaked.pid());
            assertThat(process.outcome()).isEqualTo("killed");
        });
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> !leaked.isAlive());
    }

    @Test
    void stopKillsTheDescendantsToo() {
        Kit kit = Kit.run(LeavesAShellWithAChild.class, "reaper.leaks", "stop");

        LeakedThreadsException failure = LeakActionsTest.leakFailure(kit, "leavesAShellAndItsSleep()");
        List<LeakedProcess> processes = failure.processes();
        assertThat(processes).extracting(LeakedProcess::depth).containsExactly(1, 2);
        assertThat(processes.get(0).pid()).isEqualTo(leaked.pid());
        assertThat(processes.get(1).commandLine()).endsWith("sleep 600");
        assertThat(processes).allSatisfy(process -> assertThat(process.outcome()).isEqualTo("killed"));
        long grandchild = processes.get(1).pid();
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> !leaked.isAlive()
                && ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false) == false);
    }
}
