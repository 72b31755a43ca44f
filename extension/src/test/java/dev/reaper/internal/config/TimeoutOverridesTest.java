package dev.reaper.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code reaper.timeout.overrides}: the syntax, which tests a pattern matches, and the errors. */
class TimeoutOverridesTest {

    private static final String ENTRY_FORMS = "entries <class pattern>[#<method>] = <duration>, separated by commas"
            + " or line breaks (* matches within one name, ** across dots, Outer.Inner names a nested class), e.g."
            + " \"*IT = 10 m, com.acme.slow.** = 5 m, CheckoutTest#pays = 30 s\"";
    private static final String DURATION_FORMS = "a positive duration after \"=\": <number> [ns|μs|ms|s|m|h|d],"
            + " seconds when no unit, e.g. \"500 ms\", \"5 s\", \"2 m\"";

    private static Optional<Duration> timeout(String overrides, String className, String method) {
        return TimeoutOverridesParser.parse(overrides).timeoutOf(className, Optional.ofNullable(method));
    }

    @ParameterizedTest(name = "{0} matches {1}#{2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // No dot: the simple name; * stays within one name.
            "*IT                    | com.acme.CheckoutIT                  | pays",
            "*IT                    | CheckoutIT                           | pays",
            "Checkout*              | com.acme.CheckoutTest                | pays",
            "*Sleepy*               | com.acme.AreSleepyTests              | pays",
            "CheckoutTest           | com.acme.CheckoutTest                | -",
            // With a package: the fully qualified name; ** crosses dots.
            "com.acme.slow.**       | com.acme.slow.CheckoutTest           | pays",
            "com.acme.slow.**       | com.acme.slow.deep.er.CheckoutTest   | pays",
            "com.acme.*.CheckoutTest | com.acme.slow.CheckoutTest          | pays",
            "com.acme.slow.*        | com.acme.slow.CheckoutTest           | pays",
            "**.slow.**             | com.acme.slow.CheckoutTest           | pays",
            "**IT                   | com.acme.CheckoutIT                  | pays",
            "**                     | com.acme.CheckoutTest                | pays",
            "com.acme.CheckoutTest  | com.acme.CheckoutTest                | pays",
            // Nested classes: by . or $, by their own name, and through the classes around them.
            "Outer.Inner            | com.acme.Outer$Inner                 | pays",
            "Outer$Inner            | com.acme.Outer$Inner                 | pays",
            "com.acme.Outer.Inner   | com.acme.Outer$Inner                 | pays",
            "Inner                  | com.acme.Outer$Inner                 | pays",
            "Outer                  | com.acme.Outer$Inner                 | pays",
            "Outer                  | com.acme.Outer$Middle$Inner          | pays",
            "com.acme.Outer         | com.acme.Outer$Inner                 | pays",
            "com.acme.slow.*        | com.acme.slow.Outer$Inner            | pays",
            "Middle.Inner           | com.acme.Outer$Middle$Inner          | pays",
            "Outer                  | Outer$Inner                          | pays",
            // A method: every invocation of it, by name.
            "CheckoutTest#pays      | com.acme.CheckoutTest                | pays",
            "*#pays                 | com.acme.CheckoutTest                | pays",
            "Outer.Inner#pays       | com.acme.Outer$Inner                 | pays",
            "Inner#pays             | com.acme.Outer$Inner                 | pays",
    })
    void matches(String pattern, String className, String method) {
        assertThat(timeout(pattern + " = 7 s", className, method)).contains(Duration.ofSeconds(7));
    }

    @ParameterizedTest(name = "{0} does not match {1}#{2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "*IT                    | com.acme.CheckoutTest                | pays",
            "Checkout               | com.acme.CheckoutTest                | pays",
            "CheckoutTest           | com.acme.CheckoutTests               | pays",
            // * stays within one name, and a pattern with a dot needs the whole name.
            "com.acme.*             | com.acme.slow.CheckoutTest           | pays",
            "com.*.CheckoutTest     | com.acme.slow.CheckoutTest           | pays",
            "acme.CheckoutTest      | com.acme.CheckoutTest                | pays",
            "com.acme.slow.**       | com.acme.slow                        | pays",
            "com.acme.slow.**       | com.acme.slower.CheckoutTest         | pays",
            "*.CheckoutTest         | com.acme.CheckoutTest                | pays",
            // A nested class's pattern covers neither the class around it nor its siblings.
            "Outer.Inner            | com.acme.Outer                       | pays",
            "Outer.Inner            | com.acme.Outer$Other                 | pays",
            "Outer*                 | com.acme.OtherOuter$Inner            | pays",
            // A method: only that one, only in the class that runs it.
            "CheckoutTest#pays      | com.acme.CheckoutTest                | refunds",
            "CheckoutTest#pay       | com.acme.CheckoutTest                | pays",
            "CheckoutTest#pays      | com.acme.CheckoutTest                | -",
            "Outer#pays             | com.acme.Outer$Inner                 | pays",
    })
    void doesNotMatch(String pattern, String className, String method) {
        assertThat(timeout(pattern + " = 7 s", className, method)).isEmpty();
    }

    @Test
    void theFirstMatchingEntryWins() {
        String overrides = "CheckoutTest#pays = 30 s, *Test = 2 m, CheckoutTest = 5 m";

        assertThat(timeout(overrides, "com.acme.CheckoutTest", "pays")).contains(Duration.ofSeconds(30));
        assertThat(timeout(overrides, "com.acme.CheckoutTest", "refunds")).contains(Duration.ofMinutes(2));
        assertThat(timeout(overrides, "com.acme.CheckoutIT", "pays")).isEmpty();
    }

    @Test
    void entriesAreSeparatedByCommasOrLineBreaks() {
        TimeoutOverrides overrides = TimeoutOverridesParser.parse("""

                    *IT = 10 m,
                    com.acme.slow.** = 5m
                    CheckoutTest#pays=30 s, Outer$Inner = 500 ms,\r

                    Other = 1\r
                """);

        assertThat(overrides.entries()).hasToString("[*IT = PT10M, com.acme.slow.** = PT5M,"
                + " CheckoutTest#pays = PT30S, Outer$Inner = PT0.5S, Other = PT1S]");
    }

    @Test
    void settingsReadTheKey() {
        Settings settings = SettingsTest.read(Map.of("reaper.timeout.overrides", "*IT = 10 m"));

        assertThat(settings.timeoutOverrides().timeoutOf("com.acme.CheckoutIT", Optional.of("pays")))
                .contains(Duration.ofMinutes(10));
        assertThat(SettingsTest.read(Map.of()).timeoutOverrides().entries()).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" rejects \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            // Malformed entries, empty and bad patterns.
            "*IT                            | *IT",
            "*IT 10 m                       | *IT 10 m",
            "= 5 s                          | = 5 s",
            "'*IT = 10 m, = 5 s'            | = 5 s",
            "#pays = 5 s                    | #pays = 5 s",
            "CheckoutTest# = 5 s            | CheckoutTest# = 5 s",
            "CheckoutTest#pa* = 5 s         | CheckoutTest#pa* = 5 s",
            "CheckoutTest#pays#again = 5 s  | CheckoutTest#pays#again = 5 s",
            "CheckoutTest = 5 s = 6 s       | CheckoutTest = 5 s = 6 s",
            "com..acme.Test = 5 s           | com..acme.Test = 5 s",
            "com.acme. = 5 s                | com.acme. = 5 s",
            ".Test = 5 s                    | .Test = 5 s",
            "com/acme/Test = 5 s            | com/acme/Test = 5 s",
            "Checkout Test = 5 s            | Checkout Test = 5 s",
            "Checkout?Test = 5 s            | Checkout?Test = 5 s",
    })
    void malformedEntriesNameTheKeyTheEntryAndTheAcceptedForms(String value, String entry) {
        assertThatThrownBy(() -> SettingsTest.read(Map.of("reaper.timeout.overrides", value)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid Reaper setting: reaper.timeout.overrides = \"" + entry + "\"; expected "
                        + ENTRY_FORMS);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
            "''",
            "' , '",
            "'*IT = 10 m,'",
            "'*IT = 10 m,, Slow = 5 m'",
            "', *IT = 10 m'",
    })
    void emptyEntriesNameTheKeyTheValueAndTheAcceptedForms(String value) {
        assertThatThrownBy(() -> SettingsTest.read(Map.of("reaper.timeout.overrides", value)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid Reaper setting: reaper.timeout.overrides = \"" + value + "\"; expected "
                        + ENTRY_FORMS + ", and no empty entry (a line of a properties file or of Surefire's"
                        + " configurationParameters continues after a trailing \\)");
    }

    @Test
    void aListBrokenAcrossPropertiesLinesWithoutABackslashIsCaught() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader("""
                reaper.timeout.overrides = *IT = 10 m,
                    com.acme.slow.** = 5 m
                """));

        assertThatThrownBy(() -> TimeoutOverridesParser.parse(properties.getProperty("reaper.timeout.overrides")))
                .hasMessageStartingWith("Invalid Reaper setting: reaper.timeout.overrides = \"*IT = 10 m,\"");
    }

    @Test
    void aListContinuedWithABackslashIsRead() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader("""
                reaper.timeout.overrides = *IT = 10 m, \\
                    com.acme.slow.** = 5 m
                """));

        assertThat(TimeoutOverridesParser.parse(properties.getProperty("reaper.timeout.overrides")).entries())
                .hasToString("[*IT = PT10M, com.acme.slow.** = PT5M]");
    }

    @ParameterizedTest(name = "\"{0}\" rejects \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "*IT = soon                     | *IT = soon",
            "*IT =                          | *IT =",
            "*IT = 0 s                      | *IT = 0 s",
            "*IT = -5 s                     | *IT = -5 s",
            "'*IT = 10 m, Slow = 5 sec'     | Slow = 5 sec",
    })
    void badDurationsNameTheKeyTheEntryAndTheAcceptedForms(String value, String entry) {
        assertThatThrownBy(() -> SettingsTest.read(Map.of("reaper.timeout.overrides", value)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid Reaper setting: reaper.timeout.overrides = \"" + entry + "\"; expected "
                        + DURATION_FORMS);
    }

    @Test
    void theKeyIsKnown() {
        assertThat(ConfigKeys.ALL).contains("reaper.timeout.overrides");
    }
}
