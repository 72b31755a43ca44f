package dev.reaper.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;

/** Waits for a thread to be where a test needs it, instead of sleeping and hoping it got there. */
public final class Blocked {

    private Blocked() {
    }

    /**
     * Waits until {@code thread} waits in a {@link java.nio.channels.Selector} called from
     * {@code owner.method}: the state a test means by "blocked in receive" or "waiting in accept".
     */
    public static void awaitInSelect(Thread thread, Class<?> owner, String method) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                .until(() -> inSelect(thread, owner, method));
    }

    private static boolean inSelect(Thread thread, Class<?> owner, String method) {
        StackTraceElement[] stack = thread.getStackTrace();
        return Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals(owner.getName())
                && frame.getMethodName().equals(method))
                && Arrays.stream(stack).anyMatch(frame -> frame.getClassName().startsWith("sun.nio.ch.")
                        && frame.getMethodName().equals("doSelect"));
    }
}
