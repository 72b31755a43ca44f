package dev.reaper.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.reaper.Deadline;
import dev.reaper.HungTestException;
import dev.reaper.Reaper;
import dev.reaper.Rung;
import dev.reaper.testing.Bounds;
import dev.reaper.testing.Hangs;
import dev.reaper.testing.Kit;

/**
 * Each kind of hang, for real, ends as a {@link HungTestException} from the rung that can end it,
 * within the deadline plus the graces it needed; its thread is gone afterwards; the other test of the
 * class still reports.
 */
class LadderAcceptanceTest {

    static final Duration TIMEOUT = Duration.ofMillis(300);
    static final Duration GRACE = Duration.ofMillis(300);

    @Reaper(timeout = "300 ms", grace = "300 ms")
    static class Hanging {

        @Test
        void passes() {
        }

        @Test
        void sleepForever() throws InterruptedException {
            Hangs.sleepForever();
        }

        @Test
        void sleepSwallowingInterrupts() {
            Hangs.sleepSwallowingInterrupts();
        }

        @Test
        void busySpin() {
            Hangs.busySpin();
        }

        @Test
        void waitSwallowingInterrupts() {
            Hangs.waitSwallowingInterrupts();
        }

        @Test
        void reentrantLockDeadlock() throws InterruptedException {
            Hangs.reentrantLockDeadlock();
        }

        @Test
        void awaitUninterruptibly() {
            Hangs.awaitUninterruptibly();
        }

        @Test
        void spinCatchingThreadDeath() {
            Hangs.spinCatchingThreadDeath();
        }

        @Test
        void pollsTheFlag(Deadline deadline) {
            Hangs.lastHungThread = Thread.currentThread();
            while (true) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException swallowed) {
                    // only the flag ends this one
                }
                deadline.checkpoint();
            }
        }

        @Test
        void pollsTheStaticFlag() {
            Hangs.lastHungThread = Thread.currentThread();
            while (!Deadline.current().isStopRequested()) {
                Thread.onSpinWait();
                Thread.interrupted();
            }
        }
    }

    @ParameterizedTest(name = "{0} is ended by {1}")
    @CsvSource({
            "sleepForever,              INTERRUPT, 1",
            "pollsTheFlag,              FLAG,      2",
            "pollsTheStaticFlag,        FLAG,      2",
            "sleepSwallowingInterrupts, STOP,      3",
            "busySpin,                  STOP,      3",
            "waitSwallowingInterrupts,  STOP,      3",
            "reentrantLockDeadlock,     STOP,      3",
            "awaitUninterruptibly,      STOP,      3",
            "spinCatchingThreadDeath,   STOP,      3",
    })
    void endsTheHang(String method, Rung expectedRung, int rungsUsed) throws Exception {
        Kit kit = Kit.run(org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod(Hanging.class, method,
                method.equals("pollsTheFlag") ? Deadline.class.getName() : ""));
        Thread hungThread = Hangs.lastHungThread;

        HungTestException hung = kit.hung(method);
        assertThat(hung.stoppedBy()).contains(expectedRung);
        assertThat(hung.isZombie()).isFalse();
        assertThat(hung.getMessage())
                .startsWith("LadderAcceptanceTest.Hanging." + method + "(")
                .contains("exceeded its timeout of 300 ms; stopped by " + expectedRung.configName())
                .contains("after the deadline");
        assertThat(hung.getStackTrace()).as("the hang location, captured at the deadline")
                .extracting(StackTraceElement::getMethodName).contains(method);
        assertThat(kit.elapsed(method)).isLessThan(Bounds.within(TIMEOUT, GRACE, rungsUsed));
        assertThat(hungThread).as("the test ran on JUnit's thread, which the ladder gave back")
                .isSameAs(Thread.currentThread());
        assertThat(Thread.currentThread().isInterrupted()).as("no interrupt of the ladder is left").isFalse();
    }

    @Test
    void theOtherTestsOfTheClassStillReport() {
        Kit kit = Kit.run(Hanging.class);

        kit.assertSuccessful("passes()");
        assertThat(kit.results().testEvents().failed().count()).isEqualTo(9);
        assertThat(kit.results().testEvents().succeeded().count()).isEqualTo(1);
    }
}
