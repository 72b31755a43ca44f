package dev.reaper.internal.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code reaper.timeout.overrides}: entries {@code <class pattern>[#<method>] = <duration>},
 * separated by commas or line breaks.
 */
final class TimeoutOverridesParser {

    static final String ACCEPTED_FORMS = "entries <class pattern>[#<method>] = <duration>, separated by commas or"
            + " line breaks (* matches within one name, ** across dots, Outer.Inner names a nested class),"
            + " e.g. \"*IT = 10 m, com.acme.slow.** = 5 m, CheckoutTest#pays = 30 s\"";
    static final String DURATION_FORMS = "a positive duration after \"=\": " + DurationParser.SYNTAX;

    private static final String NAME = "[\\p{javaJavaIdentifierPart}*]+";
    private static final Pattern TARGET = Pattern.compile("(" + NAME + "(?:\\." + NAME + ")*)"
            + "(?:#(\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*))?");
    // Line breaks too: a list that spans lines of Surefire's configurationParameters or a build script.
    private static final Pattern SEPARATOR = Pattern.compile("[,\\r\\n]");

    private TimeoutOverridesParser() {
    }

    /** @throws InvalidConfigurationException naming the key, the offending entry and the accepted forms */
    static TimeoutOverrides parse(String value) {
        List<TimeoutOverride> entries = new ArrayList<>();
        for (String entry : SEPARATOR.split(value, -1)) {
            // Skipped, unlike a blank leak pattern: an entry with no pattern cannot be taken to match everything.
            if (!entry.isBlank()) {
                entries.add(entry(entry.strip()));
            }
        }
        if (entries.isEmpty()) {
            throw new InvalidConfigurationException(ConfigKeys.TIMEOUT_OVERRIDES, value, ACCEPTED_FORMS);
        }
        return new TimeoutOverrides(entries);
    }

    private static TimeoutOverride entry(String entry) {
        String[] sides = entry.split("=", -1);
        Matcher target = TARGET.matcher(sides[0].strip());
        if (sides.length != 2 || !target.matches()) {
            throw new InvalidConfigurationException(ConfigKeys.TIMEOUT_OVERRIDES, entry, ACCEPTED_FORMS);
        }
        Duration timeout = DurationParser.parse(sides[1])
                .orElseThrow(() -> new InvalidConfigurationException(ConfigKeys.TIMEOUT_OVERRIDES, entry, DURATION_FORMS));
        return new TimeoutOverride(new ClassNamePattern(target.group(1)), Optional.ofNullable(target.group(2)),
                timeout);
    }
}
