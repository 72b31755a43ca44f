package dev.reaper.internal.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.reaper.TestStoppedError;

/** Stops real hung threads with the JNI library the build put on the class path. */
class JvmtiThreadStopperTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final JvmtiThreadStopper stopper = new JvmtiThreadStopper();
    private final List<Hung> hung = new ArrayList<>();

    static boolean libraryBuilt() {
        String resource = JvmtiThreadStopper.resourceName();
        return resource != null && JvmtiThreadStopper.class.getResource(resource) != null;
    }

    /** For tests that need the library: skipped where the build had no gcc. */
    private void requireLibrary() {
        assumeTrue(libraryBuilt(), "JNI library not built for this platform (no gcc?)");
        assertThat(stopper.unavailableReason()).isEmpty();
    }

    @Test
    void unavailableWithAReasonWhenTheLibraryIsMissing() {
        assumeTrue(!libraryBuilt(), "the JNI library was built");
        assertThat(stopper.unavailableReason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("JNI library"));
    }

    @AfterEach
    void releaseLeftovers() throws InterruptedException {
        for (Hung h : hung) {
            h.release();
        }
    }

    @Test
    void stopsVolatileBusySpinWithOurError() throws Exception {
        requireLibrary();
        Hung spin = track(Hung.start("busy-spin", Hung::spin));
        spin.awaitSpinning();

        long t0 = System.nanoTime();
        boolean accepted = stopper.stop(spin.thread, new TestStoppedError("stopped by test"));
        long t1 = System.nanoTime();

        assertThat(accepted).isTrue();
        assertThat(spin.awaitEnd(BOUND)).as("thread ended").isTrue();
        long t2 = System.nanoTime();
        assertThat(spin.ended.get()).isInstanceOf(TestStoppedError.class).hasMessage("stopped by test");
        System.out.printf("[measure] JVMTI stop() call %d us, stop() to thread dead %d us%n",
                (t1 - t0) / 1000, (t2 - t0) / 1000);
    }

    @Test
    void stopsBusyLoopThatCatchesThreadDeath() throws Exception {
        requireLibrary();
        AtomicInteger threadDeathsCaught = new AtomicInteger();
        Hung stubborn = track(Hung.start("catches-ThreadDeath", h -> {
            while (h.forever) {
                try {
                    h.spin();
                } catch (ThreadDeath swallowed) {
                    threadDeathsCaught.incrementAndGet();
                }
            }
        }));
        stubborn.awaitSpinning();

        assertThat(stopper.stop(stubborn.thread, new TestStoppedError("not a ThreadDeath"))).isTrue();

        assertThat(stubborn.awaitEnd(BOUND)).isTrue();
        assertThat(stubborn.ended.get()).isInstanceOf(TestStoppedError.class);
        assertThat(threadDeathsCaught).hasValue(0);
    }

    @Test
    void stopsSleepLoopThatSwallowsInterrupts() throws Exception {
        requireLibrary();
        Hung sleeper = track(Hung.start("sleep-loop", h -> {
            while (h.forever) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException swallowed) {
                    // the kind of code the stop rung exists for
                }
            }
        }));
        sleeper.awaitState(Thread.State.TIMED_WAITING);
        sleeper.thread.interrupt();
        sleeper.awaitState(Thread.State.TIMED_WAITING);
        assertThat(sleeper.thread.isAlive()).as("interrupt did not end it").isTrue();

        assertThat(stopper.stop(sleeper.thread, new TestStoppedError("wake up"))).isTrue();

        assertThat(sleeper.awaitEnd(BOUND)).isTrue();
        assertThat(sleeper.ended.get()).isInstanceOf(TestStoppedError.class);
    }

    @Test
    void stopsObjectWaitLoop() throws Exception {
        requireLibrary();
        Object monitor = new Object();
        Hung waiter = track(Hung.start("wait-loop", h -> {
            synchronized (monitor) {
                while (h.forever) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException swallowed) {
                        // keep waiting
                    }
                }
            }
        }));
        waiter.awaitState(Thread.State.WAITING);

        assertThat(stopper.stop(waiter.thread, new TestStoppedError("stop waiting"))).isTrue();

        assertThat(waiter.awaitEnd(BOUND)).isTrue();
        assertThat(waiter.ended.get()).isInstanceOf(TestStoppedError.class);
    }

    @Test
    void deadOrUnstartedThreadIsRefusedWithoutThrowing() throws Exception {
        Thread done = new Thread(() -> {});
        done.start();
        done.join(BOUND.toMillis());
        assertThat(done.isAlive()).isFalse();
        Thread unstarted = new Thread(() -> {});

        assertThat(stopper.stop(done, new TestStoppedError("too late"))).isFalse();
        if (libraryBuilt()) {
            assertThat(stopper.stopCode(done, new TestStoppedError("too late")))
                    .isEqualTo(JvmtiThreadStopper.THREAD_NOT_ALIVE);
        }
        assertThat(stopper.stop(unstarted, new TestStoppedError("too early"))).isFalse();
        unstarted.start();
        unstarted.join(BOUND.toMillis());
        assertThat(unstarted.isAlive()).isFalse();
    }

    @Test
    void refusesCallingThreadAndNullsWithoutThrowing() {
        assertThat(stopper.stop(Thread.currentThread(), new TestStoppedError("self"))).isFalse();
        assertThat(stopper.stop(null, new TestStoppedError("nobody"))).isFalse();
        assertThat(stopper.stop(Thread.currentThread(), null)).isFalse();
    }

    @Test
    void stopsMountedBusyVirtualThread() throws Exception {
        requireLibrary();
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        assertThat(stopper.canStopMountedVirtualThreads()).as("can_suspend granted").isTrue();
        Hung virtualSpin = track(Hung.start("virtual-spin", Hung::spin, JvmtiThreadStopperTest::virtualThread));
        assertThat(virtualSpin.thread.isDaemon()).as("really a virtual thread").isTrue();
        virtualSpin.awaitSpinning();

        long t0 = System.nanoTime();
        int code = stopper.stopCode(virtualSpin.thread, new TestStoppedError("virtual"));
        long t1 = System.nanoTime();

        assertThat(code).as(JvmtiThreadStopper.errorName(code)).isZero();
        assertThat(virtualSpin.awaitEnd(BOUND)).isTrue();
        assertThat(virtualSpin.ended.get()).isInstanceOf(TestStoppedError.class);
        System.out.printf("[measure] JVMTI stop() of a mounted virtual thread %d us%n", (t1 - t0) / 1000);
    }

    @Test
    void unmountedVirtualThreadIsRefusedOrStoppedButNeverThrows() throws Exception {
        requireLibrary();
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        Hung virtualSleeper = track(Hung.start("virtual-sleep", h -> {
            while (h.forever) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException swallowed) {
                    // keep sleeping
                }
            }
        }, JvmtiThreadStopperTest::virtualThread));
        virtualSleeper.awaitState(Thread.State.TIMED_WAITING);

        int code = stopper.stopCode(virtualSleeper.thread, new TestStoppedError("unmounted"));

        System.out
                .println("[measure] JVMTI stop() of a sleeping virtual thread: " + JvmtiThreadStopper.errorName(code));
        if (code == 0) {
            // the JVM may have caught it between two sleeps, mounted: then it must really die
            assertThat(virtualSleeper.awaitEnd(BOUND)).isTrue();
            assertThat(virtualSleeper.ended.get()).isInstanceOf(TestStoppedError.class);
        } else {
            assertThat(code).as(JvmtiThreadStopper.errorName(code)).isEqualTo(32); // OPAQUE_FRAME
            assertThat(virtualSleeper.thread.isAlive()).isTrue();
        }
    }

    @Test
    void errorNamesAreReadable() {
        assertThat(JvmtiThreadStopper.errorName(13)).isEqualTo("13 THREAD_NOT_SUSPENDED");
        assertThat(JvmtiThreadStopper.errorName(32)).isEqualTo("32 OPAQUE_FRAME");
        assertThat(JvmtiThreadStopper.errorName(99)).isEqualTo("99 MUST_POSSESS_CAPABILITY");
        assertThat(JvmtiThreadStopper.errorName(12345)).isEqualTo("12345 UNKNOWN");
    }

    private Hung track(Hung h) {
        hung.add(h);
        return h;
    }

    /** {@code Thread.ofVirtual().unstarted(task)}, reflectively: this code compiles for Java 17. */
    static Thread virtualThread(Runnable task) {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Method unstarted = Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class);
            return (Thread) unstarted.invoke(builder, task);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** A real thread running a hang, recording the throwable that ended it. */
    static final class Hung {

        interface Body {
            void run(Hung self) throws Exception;
        }

        final Thread thread;
        final AtomicReference<Throwable> ended = new AtomicReference<>();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch spinning = new CountDownLatch(1);
        /** Cleared by {@link #release()} so that a hang that was not stopped can end by itself. */
        volatile boolean forever = true;
        volatile long spins;

        private Hung(Body body, String name, Function<Runnable, Thread> factory) {
            thread = factory.apply(() -> {
                try {
                    // inside the try: a stop may arrive the moment the test sees this
                    started.countDown();
                    body.run(this);
                } catch (Throwable t) {
                    // the top of the thread: whatever ended it
                    ended.set(t);
                }
            });
            thread.setName(name);
            if (!thread.isDaemon()) {
                thread.setDaemon(true);
            }
        }

        static Hung start(String name, Body body) throws InterruptedException {
            return start(name, body, Thread::new);
        }

        static Hung start(String name, Body body, Function<Runnable, Thread> factory) throws InterruptedException {
            Hung h = new Hung(body, name, factory);
            h.thread.start();
            assertThat(h.started.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).as("started").isTrue();
            return h;
        }

        /** A volatile busy spin: no blocking call, no interrupt check. */
        void spin() {
            spinning.countDown();
            while (forever) {
                spins++;
            }
        }

        /** Waits until the body is inside {@link #spin()}, past any try block around it. */
        void awaitSpinning() throws InterruptedException {
            assertThat(spinning.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).as("spinning").isTrue();
        }

        void awaitState(Thread.State state) throws InterruptedException {
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (thread.getState() != state) {
                assertThat(System.nanoTime()).as("%s reaches %s", thread.getName(), state).isLessThan(deadline);
                Thread.sleep(5);
            }
        }

        boolean awaitEnd(Duration bound) throws InterruptedException {
            thread.join(bound.toMillis());
            return !thread.isAlive();
        }

        void release() throws InterruptedException {
            forever = false;
            thread.interrupt();
            thread.join(BOUND.toMillis());
        }
    }
}
