package dev.reaper.internal.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.reaper.LeakAction;
import dev.reaper.Rung;
import dev.reaper.ZombiePolicy;

/**
 * The values of a {@code ReaperExtension} built with its builder and registered with
 * {@code @RegisterExtension}: they apply below every {@code @Reaper} annotation of the test, its class and
 * enclosing classes, and above the configuration parameters, like a {@code @Reaper} on a class around them all.
 */
public final class Registered {

    /** A {@code ReaperExtension} created by JUnit (declaratively, or by autodetection): no values of its own. */
    public static final Registered NONE = new Registered(ReaperAnnotation.ABSENT);

    private final ReaperAnnotation values;

    private Registered(ReaperAnnotation values) {
        this.values = values;
    }

    /** Values the builder has validated already; null for each one not set. */
    public static Registered of(Duration timeout, Duration lifecycleTimeout, Duration grace, List<Rung> ladder,
            ZombiePolicy zombies, LeakAction leaks, List<String> allowLeaks) {
        return new Registered(new ReaperAnnotation(Optional.ofNullable(timeout), Optional.ofNullable(lifecycleTimeout),
                Optional.ofNullable(grace), Optional.empty(), Optional.ofNullable(ladder).map(List::copyOf),
                Optional.ofNullable(zombies), Optional.ofNullable(leaks), List.copyOf(allowLeaks), false));
    }

    ReaperAnnotation values() {
        return values;
    }
}
