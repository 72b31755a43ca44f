package dev.reaper.internal.run;

import java.util.concurrent.TimeUnit;

import dev.reaper.TestStoppedError;

/**
 * Takes on JUnit's thread a stop the ladder sent just before the test's code returned: still on its
 * way, it would surface later inside JUnit. A pending asynchronous error is thrown at the thread's next
 * safepoint poll, within microseconds while it spins; the window is wide for a loaded machine.
 */
final class LateStop {

    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private LateStop() {
    }

    static void absorb() {
        long until = System.nanoTime() + WINDOW_NANOS;
        boolean waiting = true;
        while (waiting) {
            try {
                spinUntil(until);
                waiting = false;
            } catch (Throwable late) {
                rethrowUnlessStop(late);
            }
        }
    }

    private static void spinUntil(long until) {
        while (System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
    }

    static void rethrowUnlessStop(Throwable thrown) {
        // ThreadDeath by name: Thread.stop's error on JDKs before 20, deprecated for removal since.
        if (!(thrown instanceof TestStoppedError) && !thrown.getClass().getName().equals("java.lang.ThreadDeath")) {
            throw LateStop.<RuntimeException>sneaky(thrown);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable thrown) throws T {
        throw (T) thrown;
    }
}
