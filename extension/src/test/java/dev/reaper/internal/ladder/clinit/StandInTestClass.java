package dev.reaper.internal.ladder.clinit;

/** Stands for the test class in {@code ClinitStopTest}: the class path entry it is loaded from is "the test's own code". */
public final class StandInTestClass {

    private StandInTestClass() {
    }
}
