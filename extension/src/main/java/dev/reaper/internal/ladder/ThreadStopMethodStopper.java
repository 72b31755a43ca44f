package dev.reaper.internal.ladder;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The fallback stopper: {@code Thread.stop()} called reflectively, for JDK 19 and older only.
 *
 * <p>It throws {@link ThreadDeath}, not the error passed to {@link #stop} (the {@code stop(Throwable)}
 * overload is gone), so code that catches {@code ThreadDeath} survives it. From JDK 20 the method
 * throws {@link UnsupportedOperationException} (JDK-8289610) and it is removed after JDK 25: it is
 * looked up reflectively so this class still loads where it no longer exists.
 */
final class ThreadStopMethodStopper implements ThreadStopper {

    /** The last feature version on which {@code Thread.stop()} works. */
    static final int LAST_SUPPORTED_FEATURE = 19;

    private final Method stop;
    private final Optional<String> unavailableReason;

    ThreadStopMethodStopper() {
        this(Runtime.version().feature());
    }

    ThreadStopMethodStopper(int feature) {
        Method method = null;
        String reason = null;
        if (feature > LAST_SUPPORTED_FEATURE) {
            reason = "Thread.stop() throws UnsupportedOperationException since JDK 20 (this is JDK " + feature + ")";
        } else {
            try {
                method = Thread.class.getMethod("stop");
            } catch (NoSuchMethodException | RuntimeException e) {
                reason = "Thread.stop() not found: " + e;
            }
        }
        this.stop = method;
        this.unavailableReason = Optional.ofNullable(reason);
    }

    @Override
    public Optional<String> unavailableReason() {
        return unavailableReason;
    }

    /** Ignores {@code error}: the target gets a {@link ThreadDeath}. */
    @Override
    public boolean stop(Thread target, Throwable error) {
        // Thread.stop on the calling thread would throw ThreadDeath right here, into our caller.
        if (stop == null || target == null || target == Thread.currentThread() || !target.isAlive()) {
            return false;
        }
        try {
            stop.invoke(target);
            return true;
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            // InvocationTargetException wraps SecurityException (a security manager) or
            // UnsupportedOperationException (a JDK that no longer supports it).
            return false;
        }
    }

    @Override
    public String name() {
        return "Thread.stop";
    }
}
