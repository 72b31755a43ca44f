package dev.reaper.internal.ladder.clinit;

/**
 * A class whose static initializer never ends: a busy loop, deaf to interrupts. {@code ClinitStopTest}
 * copies its class file into a directory of its own, to load it as a library's class (another class path
 * entry than the test's) or as the test's own (the same entry), each time in a fresh class loader.
 */
public final class SpinningInitializer {

    static {
        while (forever()) {
            Thread.onSpinWait();
        }
    }

    private SpinningInitializer() {
    }

    static boolean forever() {
        return true;
    }
}
