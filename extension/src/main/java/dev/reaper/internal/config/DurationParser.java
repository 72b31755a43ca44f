package dev.reaper.internal.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses JUnit's timeout duration syntax ({@code <number> [ns|μs|ms|s|m|h|d]}, seconds when no unit),
 * so that {@code reaper.*} values read exactly like {@code junit.jupiter.execution.timeout.*} ones.
 * Only parses: callers decide what a bad value means.
 */
final class DurationParser {

    static final String SYNTAX = "<number> [ns|μs|ms|s|m|h|d], seconds when no unit, e.g. \"500 ms\", \"5 s\", \"2 m\"";
    static final String ACCEPTED_FORMS = "a positive duration: " + SYNTAX;

    private static final Pattern PATTERN = Pattern.compile("([1-9]\\d{0,17})\\s*([nμm]?s|m|h|d)?",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Map<String, ChronoUnit> UNITS = Map.of(
            "ns", ChronoUnit.NANOS,
            "μs", ChronoUnit.MICROS,
            "ms", ChronoUnit.MILLIS,
            "s", ChronoUnit.SECONDS,
            "m", ChronoUnit.MINUTES,
            "h", ChronoUnit.HOURS,
            "d", ChronoUnit.DAYS);

    private DurationParser() {
    }

    /** The duration, or empty when {@code text} is not a positive duration in JUnit's syntax. */
    static Optional<Duration> parse(String text) {
        Matcher matcher = PATTERN.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String unit = matcher.group(2);
        ChronoUnit chronoUnit = unit == null ? ChronoUnit.SECONDS : UNITS.get(unit.toLowerCase(Locale.ROOT));
        try {
            return Optional.of(Duration.of(Long.parseLong(matcher.group(1)), chronoUnit));
        } catch (ArithmeticException tooLarge) {
            return Optional.empty();
        }
    }
}
