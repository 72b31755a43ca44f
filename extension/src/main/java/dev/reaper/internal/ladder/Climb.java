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
 * @param skipped   one line per rung that could not act here, or was left out, saying why
 * @param notes     what acting cost besides the hung code, one line each, e.g. {@code "stopping it inside
 *                  the static initializer of com.acme.Driver, which leaves that class unusable in this
 *                  JVM (NoClassDefFoundError for every later test)"}; for the failure message
 */
public record Climb(Rung stoppedBy, boolean finished, List<Rung> tried, List<String> skipped, List<String> notes) {

    public Climb {
        tried = List.copyOf(tried);
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
    }

    /** A climb without notes. */
    public Climb(Rung stoppedBy, boolean finished, List<Rung> tried, List<String> skipped) {
        this(stoppedBy, finished, tried, skipped, List.of());
    }

    /** Whether it is still running after every rung: a zombie. */
    public boolean isZombie() {
        return !finished;
    }
}
