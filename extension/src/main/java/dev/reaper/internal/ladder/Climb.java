package dev.reaper.internal.ladder;

import java.util.List;

import dev.reaper.Rung;

/**
 * How a climb up the ladder ended.
 *
 * @param stoppedBy the rung during whose grace the invocation ended; {@code null} when it ended before
 *                  the first rung acted, or never
 * @param finished  whether the invocation ended
 * @param tried     the rungs that acted, in order
 * @param skipped   one line per rung that could not act here, saying why
 */
public record Climb(Rung stoppedBy, boolean finished, List<Rung> tried, List<String> skipped) {

    /** Whether it is still running after every rung: a zombie. */
    public boolean isZombie() {
        return !finished;
    }
}
