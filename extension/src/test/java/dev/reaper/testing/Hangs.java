package dev.reaper.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Real hangs for fixtures. Each records the thread it hangs on, so tests can check that the thread is
 * gone afterwards. None returns normally.
 */
public final class Hangs {

    /** The thread that last entered a hang. */
    public static volatile Thread lastHungThread;

    private static volatile long sink;

    private Hangs() {
    }

    private static void entering() {
        lastHungThread = Thread.currentThread();
    }

    public static void sleepForever() throws InterruptedException {
        entering();
        Thread.sleep(Long.MAX_VALUE);
    }

    public static void sleepSwallowingInterrupts() {
        entering();
        while (true) {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException swallowed) {
                // the bug under test
            }
        }
    }

    public static void busySpin() {
        entering();
        while (true) {
            sink++;
        }
    }

    public static void waitSwallowingInterrupts() {
        entering();
        Object monitor = new Object();
        synchronized (monitor) {
            while (true) {
                try {
                    monitor.wait();
                } catch (InterruptedException swallowed) {
                    // the bug under test
                }
            }
        }
    }

    public static void spinCatchingThreadDeath() {
        entering();
        while (true) {
            try {
                while (true) {
                    sink++;
                }
            } catch (@SuppressWarnings("removal") ThreadDeath swallowed) {
                // code that "protects" itself from Thread.stop
            }
        }
    }

    /** What no rung but kill ends: every interrupt and stop is caught and the loop goes on. */
    public static void spinCatchingEverything() {
        entering();
        while (true) {
            try {
                while (true) {
                    sink++;
                }
            } catch (Throwable swallowed) {
                // every interrupt and stop is swallowed
            }
        }
    }

    public static void awaitUninterruptibly() {
        entering();
        ReentrantLock lock = new ReentrantLock();
        Condition never = lock.newCondition();
        lock.lock();
        try {
            while (true) {
                never.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A {@link ReentrantLock} deadlock between the calling thread and a helper thread it starts. The
     * helper is interruptible, so it ends once the calling thread is stopped and interrupts it.
     */
    public static void reentrantLockDeadlock() throws InterruptedException {
        entering();
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread other = new Thread(() -> {
            second.lock();
            try {
                bothHoldOne.countDown();
                bothHoldOne.await();
                first.lockInterruptibly();
            } catch (InterruptedException released) {
                // the test thread was stopped and let us go
            } finally {
                second.unlock();
            }
        }, "deadlock-partner");
        other.setDaemon(true);
        first.lock();
        try {
            other.start();
            bothHoldOne.countDown();
            bothHoldOne.await();
            second.lock(); // parks, uninterruptibly, forever
        } finally {
            other.interrupt();
        }
    }

    /**
     * A {@code synchronized} deadlock between the calling thread and a helper thread named
     * "deadlock-partner", both in {@code lockBoth}: beyond interrupt and stop, only a process kill ends it.
     */
    public static void monitorDeadlock() {
        entering();
        Object left = new Object();
        Object right = new Object();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread partner = new Thread(() -> lockBoth(right, left, bothHoldOne), "deadlock-partner");
        partner.setDaemon(true);
        partner.start();
        lockBoth(left, right, bothHoldOne);
    }

    private static void lockBoth(Object first, Object second, CountDownLatch bothHoldOne) {
        synchronized (first) {
            bothHoldOne.countDown();
            try {
                bothHoldOne.await();
            } catch (InterruptedException e) {
                return;
            }
            synchronized (second) {
                throw new AssertionError("unreachable");
            }
        }
    }
}
