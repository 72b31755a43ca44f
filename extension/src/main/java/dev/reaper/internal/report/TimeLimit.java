package dev.reaper.internal.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

/**
 * How long a report may wait for a lock: without limit for the events of a running test (as before the
 * shutdown report existed), until a deadline for the shutdown report, which must be done before the JVM
 * is gone and must not wait on a lock that a hung test's thread holds.
 */
final class TimeLimit {

    static final TimeLimit NONE = new TimeLimit(false, 0);

    /** How often a file lock held by another JVM is tried again: a summary rewrite takes milliseconds. */
    private static final long RETRY_MILLIS = 5;

    private final boolean bounded;
    private final long deadlineNanos;

    private TimeLimit(boolean bounded, long deadlineNanos) {
        this.bounded = bounded;
        this.deadlineNanos = deadlineNanos;
    }

    static TimeLimit within(Duration duration) {
        return new TimeLimit(true, System.nanoTime() + duration.toNanos());
    }

    /** @return whether the lock is now held (then the caller unlocks it) */
    boolean acquire(Lock lock) {
        if (!bounded) {
            lock.lock();
            return true;
        }
        try {
            return lock.tryLock(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An exclusive lock of the whole file, shared with the other JVMs that write it. */
    FileLock acquire(FileChannel file) throws IOException {
        if (!bounded) {
            return file.lock();
        }
        while (true) {
            try {
                FileLock lock = file.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException heldInThisJvm) {
                // another thread of this JVM has it: wait for it as for another JVM
            }
            if (System.nanoTime() - deadlineNanos >= 0) {
                throw new IOException("a file lock was held past the shutdown's time limit");
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for a file lock", interrupted);
            }
        }
    }
}
