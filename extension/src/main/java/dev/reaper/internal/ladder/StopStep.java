package dev.reaper.internal.ladder;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.reaper.Rung;
import dev.reaper.TestStoppedError;
import dev.reaper.internal.evidence.StaticInitializers;

/**
 * Throws a {@link TestStoppedError} into the hung thread. Sent several times within the grace, because
 * a loop that catches {@link Throwable} and goes on swallows each one it gets while inside its
 * {@code try}; it ends when one lands outside.
 *
 * <p>An error thrown into a static initializer ends it and leaves its class failed for good: every later
 * use of it in this JVM throws {@link NoClassDefFoundError}. So the rung names, as its {@link Hazard},
 * the classes not of the test's own code whose initializer the thread is in.
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
    public Optional<Hazard> hazard(HungThread target) {
        if (target.hasFinished()) {
            return Optional.empty();
        }
        StackTraceElement[] stack;
        try {
            stack = target.thread().getStackTrace();
        } catch (RuntimeException notAllowed) { // a security manager
            return Optional.empty();
        }
        List<String> classes = StaticInitializers.foreign(stack, target.testClass());
        if (classes.isEmpty()) {
            return Optional.empty();
        }
        boolean one = classes.size() == 1;
        String initializer = (one ? "the static initializer of " : "the static initializers of ")
                + StaticInitializers.names(classes);
        String unusable = (one ? "that class" : "those classes") + " unusable in %s JVM (NoClassDefFoundError for"
                + " every later test)";
        return Optional.of(new Hazard(
                "stopping it inside " + initializer + ", which leaves " + unusable.formatted("this"),
                "the thread is inside " + initializer + ", not the test's own code, and stopping it there would leave "
                        + unusable.formatted("the worker") + "; the worker JVM is killed instead"));
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
        target.stop(error, (stopped, thrown) -> stopper.get().stop(stopped, thrown));
    }
}
