package dev.reaper.internal.ladder;

import java.util.Optional;
import java.util.function.Supplier;

import dev.reaper.Rung;
import dev.reaper.TestStoppedError;

/**
 * Throws a {@link TestStoppedError} into the hung thread. Sent several times within the grace, because
 * a loop that catches {@link Throwable} and goes on swallows each one it gets while inside its
 * {@code try}; it ends when one lands outside.
 */
final class StopStep implements Step {

    private final Supplier<ThreadStopper> stopper;

    /** @param stopper looked up only when a test first needs it, as loading the native library costs milliseconds */
    StopStep(Supplier<ThreadStopper> stopper) {
        this.stopper = stopper;
    }

    @Override
    public Rung rung() {
        return Rung.STOP;
    }

    @Override
    public String verb() {
        return "stopping the thread";
    }

    @Override
    public int actsPerGrace() {
        return 4;
    }

    @Override
    public Optional<String> unavailableReason() {
        return stopper.get().unavailableReason();
    }

    @Override
    public void act(HungThread target) {
        if (target.hasFinished()) {
            return; // never throw into the thread once the test's code is done
        }
        Thread thread = target.thread();
        TestStoppedError error = new TestStoppedError("Reaper stopped " + target.description()
                + " because it passed its deadline");
        // The error would otherwise carry the stack of the thread that created it: this one.
        error.setStackTrace(thread.getStackTrace());
        target.stop(stopped -> stopper.get().stop(stopped, error));
    }
}
