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

    Ladder(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The rungs that act on a thread in this JVM, in the configured order. */
    public static Ladder forThreads(List<Rung> rungs) {
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
        return new Ladder(steps);
    }

    /**
     * @param progress receives one line per rung as it is tried, e.g. {@code "interrupting"}
     */
    public Climb climb(HungThread target, Duration grace, Consumer<String> progress) {
        List<Rung> tried = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (target.hasFinished()) {
            return new Climb(null, true, tried, skipped);
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
            progress.accept(step.verb());
            tried.add(step.rung());
            long start = System.nanoTime();
            int acts = step.actsPerGrace();
            for (int act = 1; act <= acts; act++) {
                step.act(target);
                Optional<String> futile = step.futileWait(target);
                if (futile.isPresent()) {
                    progress.accept(futile.get());
                    if (target.hasFinished()) {
                        return new Climb(step.rung(), true, tried, skipped);
                    }
                    break;
                }
                if (target.awaitFinish(start + graceNanos * act / acts)) {
                    return new Climb(step.rung(), true, tried, skipped);
                }
            }
        }
        // It may have ended in the instant after the last rung's grace: credit that rung.
        boolean finished = target.hasFinished();
        Rung last = tried.isEmpty() ? null : tried.get(tried.size() - 1);
        return new Climb(finished ? last : null, finished, tried, skipped);
    }
}
