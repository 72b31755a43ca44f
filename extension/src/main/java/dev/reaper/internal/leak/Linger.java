package dev.reaper.internal.leak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Gives what a test left running time to end by itself ({@code reaper.leaks.linger}): a pool that was
 * shut down in {@code @AfterEach} still has workers finishing their last task. Polls {@code isAlive()}
 * and never joins: a test may hold a lock on its own {@code Thread} object, and {@code join} waits on
 * that monitor. Virtual threads have no handle here; a fresh dump says whether they are still there.
 */
final class Linger {

    private static final long POLL_NANOS = 10_000_000;
    private static final long DUMP_EVERY_NANOS = 200_000_000;

    private Linger() {
    }

    /** What is still running once everything ended or the linger passed; returns at once when all have ended. */
    static List<Leak> await(List<Leak> leaks, Duration linger) {
        long until = System.nanoTime() + linger.toNanos();
        List<Leak> running = new ArrayList<>(leaks);
        long nextDump = System.nanoTime() + DUMP_EVERY_NANOS;
        while (true) {
            running.removeIf(leak -> !leak.isAlive());
            long now = System.nanoTime();
            boolean virtuals = running.stream().anyMatch(Linger::isVirtual);
            if (virtuals && (now >= nextDump || now >= until)) {
                refreshVirtualThreads(running);
                nextDump = now + DUMP_EVERY_NANOS;
            }
            if (running.isEmpty() || now >= until) {
                return running;
            }
            // A dump costs milliseconds: with only virtual threads left, wait for the next one.
            long wake = running.stream().allMatch(Linger::isVirtual) ? Math.min(nextDump, until)
                    : Math.min(now + POLL_NANOS, until);
            LockSupport.parkNanos(Math.max(1, wake - now));
        }
    }

    private static boolean isVirtual(Leak leak) {
        return leak.kind() == Leak.Kind.VIRTUAL_THREAD;
    }

    /**
     * Drops the virtual threads that ended and takes the state and stack of the others from the new dump: a
     * virtual thread started just before the scan may not have run yet, with no stack in the first dump.
     */
    private static void refreshVirtualThreads(List<Leak> running) {
        VirtualThreads.dump().ifPresent(dumped -> {
            Map<Long, VirtualThreads.Dumped> alive = new HashMap<>();
            dumped.forEach(thread -> alive.put(thread.id(), thread));
            running.removeIf(leak -> isVirtual(leak) && !alive.containsKey(leak.id()));
            running.replaceAll(leak -> isVirtual(leak) ? leak.redumped(alive.get(leak.id())) : leak);
        });
    }
}
