package dev.reaper.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.reaper.LeakedThreadsException;
import dev.reaper.Reaper;
import dev.reaper.internal.leak.Survivors;
import dev.reaper.testing.Kit;
import dev.reaper.testing.Leftovers;

/**
 * A leak that neither interrupt nor stop can end (blocked on a monitor) is reported as such, and stays
 * listed by {@link Survivors} while it runs: the signal fork isolation uses to retire a worker JVM.
 */
class UnstoppableLeakTest {

    static final Object MONITOR = new Object();
    static volatile Thread leaked;

    @AfterEach
    void endWhatTheFixturesLeft() {
        Leftovers.cleanUp();
    }

    @Reaper(grace = "200 ms")
    static class LeavesABlockedThread {

        @Test
        void leavesAThreadBlockedOnAMonitor() throws InterruptedException {
            leaked = Leftovers.record(new Thread(() -> {
                synchronized (MONITOR) { // held by the test that runs this fixture
                    MONITOR.notifyAll();
                }
            }, "blocked-leak"));
            leaked.setDaemon(true);
            leaked.start();
            while (leaked.getState() != Thread.State.BLOCKED) {
                Thread.sleep(5);
            }
        }
    }

    @Test
    void aLeakThatCannotBeStoppedIsReportedAndListedAsASurvivor() {
        synchronized (MONITOR) {
            Kit kit = Kit.run(LeavesABlockedThread.class, "reaper.leaks", "stop");

            LeakedThreadsException failure = LeakActionsTest.leakFailure(kit, "leavesAThreadBlockedOnAMonitor()");
            assertThat(failure.threads()).singleElement().satisfies(thread -> {
                assertThat(thread.state()).contains(Thread.State.BLOCKED);
                assertThat(thread.outcome()).contains("could not be stopped (tried interrupt, stop)");
            });
            assertThat(Survivors.anyUnstoppable()).isTrue();
            assertThat(Survivors.all()).anySatisfy(survivor -> {
                assertThat(survivor.leak()).contains("\"blocked-leak\" #" + leaked.getId());
                assertThat(survivor.test())
                        .isEqualTo("UnstoppableLeakTest.LeavesABlockedThread.leavesAThreadBlockedOnAMonitor()");
                assertThat(survivor.stopAttempted()).isTrue();
            });
        }
        // Released: the pending stop lands as soon as it holds the monitor.
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> !leaked.isAlive());
        assertThat(Survivors.all()).noneSatisfy(survivor -> assertThat(survivor.leak()).contains("\"blocked-leak\""));
    }
}
