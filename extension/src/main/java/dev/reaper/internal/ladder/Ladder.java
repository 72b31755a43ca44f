package dev.reaper.internal.ladder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.reaper.Rung;

/**
 * Climbs the configured rungs, giving each its grace, and stops climbing as soon as the hung
 * invocation has ended. In thread isolation the {@code kill} rung has nothing to act on: a thread
 * still running after the last rung is abandoned as a zombie, and the caller reports it.
 */
public final class Ladder {

    private final List<Step> steps;
    private final boolean inWorker;

    Ladder(List<Step> steps) {
        this(steps, false);
    }

    Ladder(List<Step> steps, boolean inWorker) {
        this.steps = List.copyOf(steps);
        this.inWorker = inWorker;
    }

    /** The rungs that act on a thread in this JVM, in the configured order: {@code forThreads(rungs, false)}. */
    public static Ladder forThreads(List<Rung> rungs) {
        return forThreads(rungs, false);
    }

    /**
     * The rungs that act on a thread in this JVM, in the configured order.
     *
     * @param inWorker whether this JVM is a fork-isolation worker, whose parent kills it when the climb
     *                 ends with a zombie. A rung whose act would break more than the hung code (the stop
     *                 rung inside a library's static initializer, see {@link StopStep}) is then skipped, with
     *                 the reason in {@link Climb#skipped()}: the kill ends the test and breaks nothing. In
     *                 thread isolation the rung is the only way to free the thread: it acts, and
     *                 {@link Climb#notes()} says what it broke.
     */
    public static Ladder forThreads(List<Rung> rungs, boolean inWorker) {
        List<Step> steps = new ArrayList<>();
        for (Rung rung : rungs) {
            switch (rung) {
                case INTERRUPT -> steps.add(new InterruptStep());
                case FLAG -> steps.add(new FlagStep());
                case STOP -> steps.add(new StopStep(ThreadStoppers::best));
                case KILL -> {
                    // Nothing to act on within the JVM; the climb ends with a zombie instead.
                }
            }
        }
        return new Ladder(steps, inWorker);
    }

    /**
     * @param progress receives one line per rung as it is tried, e.g. {@code "interrupting"}, and one per
     *                 rung skipped or note recorded
     */
    public Climb climb(HungThread target, Duration grace, Consumer<String> progress) {
        List<Rung> tried = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (target.hasFinished()) {
            return new Climb(null, true, tried, skipped, notes);
        }
        long graceNanos = grace.toNanos();
        for (Step step : steps) {
            Optional<String> unavailable = step.unavailableReason();
            if (unavailable.isPresent()) {
                String line = step.rung().configName() + " rung unavailable: " + unavailable.get();
                skipped.add(line);
                progress.accept(line + "; skipping it");
                continue;
            }
            Optional<Hazard> hazard = step.hazard(target);
            if (hazard.isPresent() && inWorker) {
                skip(step, hazard.get(), skipped, progress);
                continue;
            }
            progress.accept(step.verb());
            tried.add(step.rung());
            long start = System.nanoTime();
            int acts = step.actsPerGrace();
            for (int act = 1; act <= acts; act++) {
                if (act > 1) {
                    hazard = step.hazard(target); // the thread moves between acts
                    if (hazard.isPresent() && inWorker) {
                        skip(step, hazard.get(), skipped, progress);
                        break;
                    }
                }
                if (hazard.isPresent() && !notes.contains(hazard.get().note())) {
                    notes.add(hazard.get().note());
                    progress.accept(hazard.get().note());
                }
                step.act(target);
                Optional<String> futile = step.futileWait(target);
                if (futile.isPresent()) {
                    progress.accept(futile.get());
                    if (target.hasFinished()) {
                        return new Climb(step.rung(), true, tried, skipped, notes);
                    }
                    break;
                }
                if (target.awaitFinish(start + graceNanos * act / acts)) {
                    return new Climb(step.rung(), true, tried, skipped, notes);
                }
            }
        }
        // It may have ended in the instant after the last rung's grace: credit that rung.
        boolean finished = target.hasFinished();
        Rung last = tried.isEmpty() ? null : tried.get(tried.size() - 1);
        return new Climb(finished ? last : null, finished, tried, skipped, notes);
    }

    private static void skip(Step step, Hazard hazard, List<String> skipped, Consumer<String> progress) {
        String line = step.rung().configName() + " rung skipped: " + hazard.skipReason();
        skipped.add(line);
        progress.accept(line);
    }
}
