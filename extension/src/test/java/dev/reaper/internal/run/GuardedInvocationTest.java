package dev.reaper.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.reaper.internal.evidence.Evidence;
import dev.reaper.internal.ladder.Climb;

/**
 * The handshake between JUnit's thread and the escalation: no rung acts on JUnit's thread once the
 * invocation has ended, and the interrupts the ladder sent do not outlive it.
 */
class GuardedInvocationTest {

    @Test
    void withoutAnEscalationFinishingCostsNothingAndNoRungActsAfterwards() {
        GuardedInvocation guarded = new GuardedInvocation(new TestDeadline(), System.nanoTime(), System.nanoTime(), 0,
                null, null, null, null, null, () -> "t");

        assertThat(guarded.finish(null)).isNull();
        assertThat(guarded.beginEscalation(Thread.currentThread())).as("too late to escalate").isFalse();
        AtomicInteger stops = new AtomicInteger();
        guarded.stop(new Error(), (thread, error) -> stops.incrementAndGet() > 0);
        guarded.interrupt();
        assertThat(stops).hasValue(0);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void theLaddersInterruptsEndWithTheInvocationAndRungsStopActing() throws Exception {
        AtomicReference<GuardedInvocation> guarded = new AtomicReference<>();
        CountDownLatch escalating = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CompletableFuture<Boolean> interruptedAfterFinish = new CompletableFuture<>();
        Thread junit = new Thread(() -> {
            guarded.set(new GuardedInvocation(new TestDeadline(), System.nanoTime(), System.nanoTime(), 0,
                    null, null, null, null, null, () -> "t"));
            try {
                escalating.await(10, TimeUnit.SECONDS);
                Thread.sleep(10_000); // the test's code: the ladder's interrupt ends it
            } catch (InterruptedException expected) {
                interrupted.countDown();
                Thread.currentThread().interrupt(); // as code that restores the flag and returns
            }
            guarded.get().finish(null);
            interruptedAfterFinish.complete(Thread.currentThread().isInterrupted());
        });
        junit.start();
        while (guarded.get() == null) {
            Thread.onSpinWait();
        }
        GuardedInvocation invocation = guarded.get();
        assertThat(invocation.beginEscalation(Thread.currentThread())).isTrue();
        escalating.countDown();
        invocation.interrupt();
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(invocation.awaitFinish(System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isTrue();

        AtomicInteger stops = new AtomicInteger();
        invocation.stop(new Error(), (thread, error) -> stops.incrementAndGet() > 0);
        invocation.interrupt();
        assertThat(stops).as("no stop once the test's code has returned").hasValue(0);
        invocation.escalated(
                new Escalation.Outcome(Evidence.capture(junit), new Climb(null, true, List.of(), List.of())));

        assertThat(interruptedAfterFinish.get(10, TimeUnit.SECONDS)).as("JUnit's thread interrupted after").isFalse();
        junit.join(10_000);
    }
}
