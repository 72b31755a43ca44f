package dev.reaper.internal.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.reaper.TestStoppedError;
import dev.reaper.internal.ladder.JvmtiThreadStopperTest.Hung;

/** The reflective Thread.stop() fallback, on real threads. */
class ThreadStopMethodStopperTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final boolean SUPPORTED =
            Runtime.version().feature() <= ThreadStopMethodStopper.LAST_SUPPORTED_FEATURE;

    private final ThreadStopMethodStopper stopper = new ThreadStopMethodStopper();
    private final List<Hung> hung = new ArrayList<>();

    @AfterEach
    void releaseLeftovers() throws InterruptedException {
        for (Hung h : hung) {
            h.release();
        }
    }

    @Test
    void availableExactlyWhereTheJdkSupportsIt() {
        if (SUPPORTED) {
            assertThat(stopper.unavailableReason()).isEmpty();
        } else {
            assertThat(stopper.unavailableReason()).hasValueSatisfying(
                    reason -> assertThat(reason).contains("UnsupportedOperationException"));
        }
        assertThat(new ThreadStopMethodStopper(20).unavailableReason()).isPresent();
    }

    @Test
    void stopsBusySpinWithThreadDeathNotOurError() throws Exception {
        assumeTrue(SUPPORTED, "Thread.stop() is unsupported on this JDK");
        Hung spin = track(Hung.start("busy-spin", Hung::spin));
        spin.awaitSpinning();

        assertThat(stopper.stop(spin.thread, new TestStoppedError("ignored by Thread.stop"))).isTrue();

        assertThat(spin.awaitEnd(BOUND)).isTrue();
        assertThat(spin.ended.get()).isInstanceOf(ThreadDeath.class);
    }

    @Test
    void loopThatCatchesThreadDeathSurvivesIt() throws Exception {
        // Why JVMTI comes first: this is what the fallback cannot do.
        assumeTrue(SUPPORTED, "Thread.stop() is unsupported on this JDK");
        AtomicInteger caught = new AtomicInteger();
        Hung stubborn = track(Hung.start("catches-ThreadDeath", h -> {
            while (h.forever) {
                try {
                    h.spin();
                } catch (ThreadDeath swallowed) {
                    caught.incrementAndGet();
                }
            }
        }));
        stubborn.awaitSpinning();

        assertThat(stopper.stop(stubborn.thread, new TestStoppedError("ignored"))).isTrue();

        long deadline = System.nanoTime() + BOUND.toNanos();
        while (caught.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(caught).hasValue(1);
        assertThat(stubborn.thread.isAlive()).isTrue();
    }

    @Test
    void refusedWhereUnsupportedWithoutThrowing() throws Exception {
        assumeTrue(!SUPPORTED, "Thread.stop() still works on this JDK");
        Hung spin = track(Hung.start("busy-spin", Hung::spin));

        assertThat(stopper.stop(spin.thread, new TestStoppedError("refused"))).isFalse();

        assertThat(spin.thread.isAlive()).isTrue();
    }

    @Test
    void deadThreadCallingThreadAndNullAreRefusedWithoutThrowing() throws Exception {
        Thread done = new Thread(() -> {});
        done.start();
        done.join(BOUND.toMillis());

        assertThat(stopper.stop(done, new TestStoppedError("too late"))).isFalse();
        assertThat(stopper.stop(Thread.currentThread(), new TestStoppedError("self"))).isFalse();
        assertThat(stopper.stop(null, null)).isFalse();
    }

    private Hung track(Hung h) {
        hung.add(h);
        return h;
    }
}
