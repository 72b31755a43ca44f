package dev.reaper.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real leaks for fixtures: threads, pools, virtual threads and processes that outlive the test that
 * started them. Each is recorded, so that the test that ran the fixture can end them afterwards
 * ({@link #cleanUp()}) whatever Reaper did, and leave no spinning thread or stray process behind.
 */
public final class Leftovers {

    private static final Queue<Thread> THREADS = new ConcurrentLinkedQueue<>();
    private static final Queue<ExecutorService> POOLS = new ConcurrentLinkedQueue<>();
    private static final Queue<Process> PROCESSES = new ConcurrentLinkedQueue<>();
    private static volatile boolean spinning = true;
    private static volatile long sink;

    private Leftovers() {
    }

    /** A thread that sleeps until interrupted. */
    public static Thread sleeper(String name, boolean daemon) {
        return start(new Thread(Leftovers::sleepUntilInterrupted, name), daemon);
    }

    /** A thread that sleeps for {@code millis}, then ends by itself. */
    public static Thread shortLived(String name, long millis) {
        return start(new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                // ends either way
            }
        }, name), true);
    }

    /** A thread in {@code group}, which need not be the caller's: a thread outside the test's group. */
    public static Thread sleeperIn(ThreadGroup group, String name) {
        return start(new Thread(group, Leftovers::sleepUntilInterrupted, name), true);
    }

    /** A single-thread pool whose worker busy-spins (ignoring interrupts) until {@link #cleanUp()}; returns the worker. */
    public static Thread spinningPoolWorker(String namePrefix) throws InterruptedException {
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(1, task -> new Thread(task,
                namePrefix + "-" + counter.incrementAndGet()));
        POOLS.add(pool);
        CountDownLatch spinningNow = new CountDownLatch(1);
        Thread[] worker = new Thread[1];
        pool.submit(() -> {
            worker[0] = Thread.currentThread();
            spinningNow.countDown();
            spin();
        });
        spinningNow.await();
        THREADS.add(worker[0]);
        return worker[0];
    }

    /** Busy-spins, ignoring interrupts, until {@link #cleanUp()}. */
    public static void spin() {
        while (spinning) {
            sink++;
        }
    }

    public static ExecutorService recordPool(ExecutorService pool) {
        POOLS.add(pool);
        return pool;
    }

    public static Thread record(Thread thread) {
        THREADS.add(thread);
        return thread;
    }

    /** Starts a process and records it (and, at clean-up, its descendants). */
    public static Process process(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        PROCESSES.add(process);
        return process;
    }

    /**
     * Starts a virtual thread through reflection (the tests are compiled for JDK 17, the assumption
     * that skips them below 21 comes first).
     */
    public static Thread virtual(String name, Runnable task) {
        try {
            Class<?> builderType = Class.forName("java.lang.Thread$Builder$OfVirtual");
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            builder = builderType.getMethod("name", String.class).invoke(builder, name);
            return record((Thread) builderType.getMethod("start", Runnable.class).invoke(builder, task));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("virtual threads need JDK 21+", e);
        }
    }

    private static Thread start(Thread thread, boolean daemon) {
        thread.setDaemon(daemon);
        THREADS.add(thread);
        thread.start();
        return thread;
    }

    public static void sleepUntilInterrupted() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            // asked to end
        }
    }

    /** Ends everything recorded and waits until it is gone. */
    public static void cleanUp() {
        spinning = false;
        List<Thread> threads = List.copyOf(THREADS);
        threads.forEach(Thread::interrupt);
        POOLS.forEach(ExecutorService::shutdownNow);
        for (Process process : PROCESSES) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        // Not catching uncaught exceptions: a thread Reaper stopped dies of a TestStoppedError, which
        // Awaitility would otherwise rethrow here, in whichever test happens to be waiting.
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (Thread thread : threads) {
                if (thread.isAlive()) {
                    throw new AssertionError("still alive: " + thread);
                }
            }
            for (ExecutorService pool : POOLS) {
                if (!pool.awaitTermination(10, TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("pool not terminated: " + pool);
                }
            }
            for (Process process : PROCESSES) {
                if (process.isAlive()) {
                    throw new AssertionError("still alive: " + process);
                }
            }
        });
        THREADS.clear();
        POOLS.clear();
        PROCESSES.clear();
        spinning = true;
    }
}
