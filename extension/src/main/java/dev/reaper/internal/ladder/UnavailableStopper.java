package dev.reaper.internal.ladder;

import java.util.Objects;
import java.util.Optional;

/** What {@link ThreadStoppers#best()} returns when no mechanism works here: refuses every stop. */
record UnavailableStopper(String reason) implements ThreadStopper {

    UnavailableStopper {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.of(reason);
    }

    @Override
    public boolean stop(Thread target, Throwable error) {
        return false;
    }

    @Override
    public String name() {
        return "none";
    }
}
