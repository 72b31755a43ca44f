package dev.reaper.internal.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import dev.reaper.Rung;
import dev.reaper.TestStoppedError;

/**
 * The ladder's logic, without real waiting: the hung thread and the stopper are collaborators here
 * (the real hangs are in LadderAcceptanceTest).
 */
class LadderTest {

    final HungThread target = mock(HungThread.class);
    final ThreadStopper stopper = mock(ThreadStopper.class);
    final Thread thread = new Thread(() -> {}, "not started");
    final List<String> lines = new ArrayList<>();

    LadderTest() {
        when(target.thread()).thenReturn(thread);
        when(target.description()).thenReturn("CheckoutTest.pays()");
        when(stopper.unavailableReason()).thenReturn(Optional.empty());
        // The rungs reach the thread through these: the real ones, as a target outside JUnit's thread has.
        doCallRealMethod().when(target).interrupt();
        doCallRealMethod().when(target).stop(any(), any());
    }

    Ladder ladder(Rung... rungs) {
        List<Step> steps = new ArrayList<>();
        for (Rung rung : rungs) {
            steps.add(switch (rung) {
                case INTERRUPT -> new InterruptStep();
                case FLAG -> new FlagStep();
                case STOP -> new StopStep(() -> stopper);
                case KILL -> throw new IllegalArgumentException();
            });
        }
        return new Ladder(steps);
    }

    @Test
    void stopsClimbingAsSoonAsTheThreadHasFinished() {
        // Interrupt's five waits time out; the flag's wait sees the thread finish.
        when(target.awaitFinish(anyLong())).thenReturn(false, false, false, false, false, true);
        when(target.stopFlagPolled()).thenReturn(true);

        Climb climb = ladder(Rung.INTERRUPT, Rung.FLAG, Rung.STOP).climb(target, Duration.ofSeconds(1), lines::add);

        assertThat(climb.stoppedBy()).isEqualTo(Rung.FLAG);
        assertThat(climb.finished()).isTrue();
        assertThat(climb.tried()).containsExactly(Rung.INTERRUPT, Rung.FLAG);
        verify(target).requestStop();
        verify(stopper, never()).stop(any(), any());
        assertThat(lines).containsExactly("interrupting", "setting the stop flag");
    }

    @Test
    void theFlagRungSetsTheFlagButDoesNotWaitWhenNothingPolledIt() {
        when(target.stopFlagPolled()).thenReturn(false);
        when(target.awaitFinish(anyLong())).thenReturn(false, false, false, false, false, true);

        long start = System.nanoTime();
        Climb climb = ladder(Rung.INTERRUPT, Rung.FLAG, Rung.STOP).climb(target, Duration.ofSeconds(30), lines::add);

        assertThat(climb.stoppedBy()).isEqualTo(Rung.STOP);
        assertThat(climb.tried()).containsExactly(Rung.INTERRUPT, Rung.FLAG, Rung.STOP);
        verify(target).requestStop();
        verify(target, times(6)).awaitFinish(anyLong()); // five for interrupt, none for the flag, one for stop
        assertThat(lines).containsExactly("interrupting", "setting the stop flag",
                "the test never polled the stop flag; not waiting for it", "stopping the thread");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the flag's 30 s grace")
                .isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aThreadThatFinishedBeforeTheFirstRungIsNotCreditedToAny() {
        when(target.hasFinished()).thenReturn(true);

        Climb climb = ladder(Rung.INTERRUPT).climb(target, Duration.ofSeconds(1), lines::add);

        assertThat(climb.stoppedBy()).isNull();
        assertThat(climb.finished()).isTrue();
        assertThat(lines).isEmpty();
    }

    @Test
    void stopIsSentSeveralTimesWithTheHungStackAsItsTrace() throws InterruptedException {
        CountDownLatch parked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread hung = new Thread(() -> hangInAKnownFrame(parked, release), "hung");
        hung.setDaemon(true);
        hung.start();
        try {
            assertThat(parked.await(10, TimeUnit.SECONDS)).as("the hung thread reached its frame").isTrue();
            when(target.thread()).thenReturn(hung);
            when(stopper.stop(any(), any())).thenReturn(true);

            Climb climb = ladder(Rung.STOP).climb(target, Duration.ofMillis(1), lines::add);

            assertThat(climb.isZombie()).isTrue();
            assertThat(climb.tried()).containsExactly(Rung.STOP);
            ArgumentCaptor<Throwable> sent = ArgumentCaptor.forClass(Throwable.class);
            verify(stopper, times(4)).stop(eq(hung), sent.capture());
            assertThat(sent.getAllValues()).allSatisfy(error -> {
                assertThat(error).isInstanceOf(TestStoppedError.class);
                // The hung thread's stack, not that of the thread that climbed the ladder.
                assertThat(error.getStackTrace()).isNotEmpty();
                assertThat(error.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("hangInAKnownFrame"));
                assertThat(error.getStackTrace()).noneMatch(frame -> frame.getMethodName()
                        .equals("stopIsSentSeveralTimesWithTheHungStackAsItsTrace"));
            });
        } finally {
            release.countDown();
            hung.join(10_000);
        }
    }

    private static void hangInAKnownFrame(CountDownLatch parked, CountDownLatch release) {
        parked.countDown();
        try {
            release.await();
        } catch (InterruptedException ended) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anUnavailableRungIsSkippedAndSaysWhy() {
        when(stopper.unavailableReason()).thenReturn(Optional.of("no JNI library for this platform"));

        Climb climb = ladder(Rung.INTERRUPT, Rung.STOP).climb(target, Duration.ofMillis(1), lines::add);

        assertThat(climb.isZombie()).isTrue();
        assertThat(climb.tried()).containsExactly(Rung.INTERRUPT);
        assertThat(climb.skipped()).containsExactly("stop rung unavailable: no JNI library for this platform");
        assertThat(lines).contains("stop rung unavailable: no JNI library for this platform; skipping it");
        verify(stopper, never()).stop(any(), any());
    }

    @Test
    void killHasNothingToActOnInThreadIsolation() {
        Climb climb = Ladder.forThreads(List.of(Rung.KILL)).climb(target, Duration.ofMillis(1), lines::add);

        assertThat(climb.isZombie()).isTrue();
        assertThat(climb.tried()).isEmpty();
    }
}
