package dev.reaper.internal.ladder;

import java.util.Optional;

import dev.reaper.Rung;

/** One rung of the ladder: how it acts on a hung thread. */
interface Step {

    Rung rung();

    /** What the live line says while the rung is tried, e.g. {@code "interrupting"}. */
    String verb();

    /**
     * How often it acts within one grace: once when acting again changes nothing, more against catch-and-retry loops.
     */
    int actsPerGrace();

    void act(HungThread target);

    /**
     * Empty when waiting the grace after acting can help, otherwise why it cannot; the ladder then
     * goes on to the next rung at once.
     */
    default Optional<String> futileWait(HungThread target) {
        return Optional.empty();
    }

    /**
     * Empty when acting on {@code target} now harms nothing but the hung code, otherwise what it would
     * break. Asked just before each act, as the thread moves. The ladder acts anyway and notes it, unless
     * it runs in a fork worker, whose JVM the parent kills next: then it skips the rung.
     */
    default Optional<Hazard> hazard(HungThread target) {
        return Optional.empty();
    }

    /** Empty when the rung can act in this JVM, otherwise why not. */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }
}
