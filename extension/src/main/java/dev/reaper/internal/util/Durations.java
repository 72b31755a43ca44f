package dev.reaper.internal.util;

import java.time.Duration;
import java.util.Locale;

/** Short, human durations for messages: {@code 500 ms}, {@code 5 s}, {@code 1.25 s}, {@code 2 m}. */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis % 60_000 == 0) {
            return (millis / 60_000) + " m";
        }
        if (millis % 1_000 == 0) {
            return (millis / 1_000) + " s";
        }
        return String.format(Locale.ROOT, "%.2f s", millis / 1_000.0);
    }
}
