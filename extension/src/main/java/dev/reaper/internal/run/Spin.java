package dev.reaper.internal.run;

import java.util.function.BooleanSupplier;

/**
 * A short wait by yielding before parking, on both sides of the hand-off between JUnit's thread and a
 * managed thread. Most invocations take microseconds, and the next one of the same test follows within
 * microseconds; parking costs each side a futex wake-up, which on virtual machines takes tens of
 * microseconds: measured by the benchmarks as most of Reaper's per-test cost. {@code Thread.yield()}
 * rather than {@code onSpinWait()}: on a machine whose cores are all busy the two threads often share
 * one, and a pure spin then holds the core the awaited thread needs (on the shared benchmark machine
 * spinning had a median several times worse than yielding, and minima only a few microseconds
 * better). Only with more than one processor, and bounded, so that a waiting thread gives at most
 * {@link #NANOS} before it parks.
 */
final class Spin {

    static final long NANOS = Runtime.getRuntime().availableProcessors() > 1 ? 20_000 : 0;

    private Spin() {
    }

    /** Whether {@code condition} turned true within the spin. */
    static boolean until(BooleanSupplier condition) {
        if (NANOS == 0) {
            return condition.getAsBoolean();
        }
        long end = System.nanoTime() + NANOS;
        do {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.yield();
        } while (System.nanoTime() - end < 0);
        return condition.getAsBoolean();
    }
}
