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
    static final String NO_EMPTY_ENTRY_FORMS = ACCEPTED_FORMS + ", and no empty entry (a line of a properties file or"
            + " of Surefire's configurationParameters continues after a trailing \\)";
    static final String DURATION_FORMS = "a positive duration after \"=\": " + DurationParser.SYNTAX;

    private static final String NAME = "[\\p{javaJavaIdentifierPart}*]+";
    private static final Pattern TARGET = Pattern.compile("(" + NAME + "(?:\\." + NAME + ")*)"
            + "(?:#(\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*))?");
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");

    private TimeoutOverridesParser() {
    }

    /** @throws InvalidConfigurationException naming the key, the offending entry and the accepted forms */
    static TimeoutOverrides parse(String value) {
        List<TimeoutOverride> entries = new ArrayList<>();
        for (String separated : value.split(",", -1)) {
            // A trailing comma mostly ends a properties line meant to go on without "\": its next line became a key.
            if (separated.isBlank()) {
                throw new InvalidConfigurationException(ConfigKeys.TIMEOUT_OVERRIDES, value, NO_EMPTY_ENTRY_FORMS);
            }
            for (String line : LINE_BREAK.split(separated)) {
                if (!line.isBlank()) {
                    entries.add(entry(line.strip()));
                }
            }
        }
        return new TimeoutOverrides(entries);
    }

    private static TimeoutOverride entry(String entry) {
        String[] sides = entry.split("=", -1);
        Matcher target = TARGET.matcher(sides[0].strip());
        if (sides.length != 2 || !target.matches()) {
            throw new InvalidConfigurationException(ConfigKeys.TIMEOUT_OVERRIDES, entry, ACCEPTED_FORMS);
        }
        Duration timeout = DurationParser.parse(sides[1]).orElseThrow(
                () -> new InvalidConfigurationException(ConfigKeys.TIMEOUT_OVERRIDES, entry, DURATION_FORMS));
        return new TimeoutOverride(new ClassNamePattern(target.group(1)), Optional.ofNullable(target.group(2)),
                timeout);
    }
}
