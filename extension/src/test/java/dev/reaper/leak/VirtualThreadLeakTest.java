package dev.reaper.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.reaper.LeakedThreadsException;
import dev.reaper.LeakedThreadsException.LeakedThread;
import dev.reaper.Reaper;
import dev.reaper.testing.Kit;
import dev.reaper.testing.Leftovers;

/**
 * JDK 21+: virtual threads are in no thread group and missing from {@code Thread.getAllStackTraces()};
 * a leaked one is found in a JSON thread dump and reported.
 */
class VirtualThreadLeakTest {

    static volatile Thread busy;
    static volatile Thread parked;

    @BeforeEach
    void needsVirtualThreads() {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
    }

    @AfterEach
    void endWhatTheFixturesLeft() {
        Leftovers.cleanUp();
    }

    @Reaper
    static class LeavesVirtualThreads {

        @Test
        void leavesABusyAndAParkedVirtualThread() {
            busy = Leftovers.virtual("leaked-virtual-spinner", Leftovers::spin);
            parked = Leftovers.virtual("leaked-virtual-sleeper", Leftovers::sleepUntilInterrupted);
        }

        @Test
        void leavesNothing() throws InterruptedException {
            Leftovers.virtual("short-virtual", () -> {}).join();
        }
    }

    @Test
    void leakedVirtualThreadsAreReported() {
        Kit kit = Kit.run(LeavesVirtualThreads.class, "reaper.leaks", "fail");

        LeakedThreadsException failure = LeakActionsTest.leakFailure(kit, "leavesABusyAndAParkedVirtualThread()");
        assertThat(failure.threads()).extracting(LeakedThread::threadName)
                .containsExactlyInAnyOrder("leaked-virtual-spinner", "leaked-virtual-sleeper");
        assertThat(failure.threads()).allSatisfy(thread -> {
            assertThat(thread.isVirtual()).isTrue();
            assertThat(thread.isDaemon()).isTrue();
        });
        LeakedThread spinner = failure.threads().stream()
                .filter(thread -> thread.threadName().equals("leaked-virtual-spinner")).findFirst().orElseThrow();
        assertThat(spinner.threadId()).isEqualTo(busy.getId());
        assertThat(spinner.getStackTrace()).anySatisfy(frame -> {
            assertThat(frame.getClassName()).isEqualTo(Leftovers.class.getName());
            assertThat(frame.getMethodName()).isEqualTo("spin");
        });
        if (Runtime.version().feature() >= 25) {
            assertThat(spinner.state()).contains(Thread.State.RUNNABLE);
        }
        assertThat(failure.getMessage()).contains("thread \"leaked-virtual-spinner\" #" + busy.getId(),
                ", daemon, virtual thread (created while it ran)");
        kit.assertSuccessful("leavesNothing()");
        assertThat(busy.isAlive()).isTrue();
        assertThat(parked.isAlive()).isTrue();
    }

    @Test
    void stopCannotReachThemAndSaysSo() {
        Kit kit = Kit.run(LeavesVirtualThreads.class, "reaper.leaks", "stop");

        LeakedThreadsException failure = LeakActionsTest.leakFailure(kit, "leavesABusyAndAParkedVirtualThread()");
        assertThat(failure.threads())
                .allSatisfy(thread -> assertThat(thread.outcome()).hasValueSatisfying(outcome -> assertThat(outcome)
                        .startsWith("not stopped: Reaper finds virtual threads in a thread dump")));
    }
}
