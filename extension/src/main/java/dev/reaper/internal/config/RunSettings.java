package dev.reaper.internal.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings of a whole run rather than of one test: the run watchdog's budgets and where reports go.
 *
 * @param timeout   {@code reaper.run.timeout}: the budget for all tests of one JVM; empty when unset
 * @param stall     {@code reaper.run.stall}: how long no test may finish while tests run; empty when unset
 * @param reportDir {@code reaper.report.dir}: empty when {@code none}
 */
public record RunSettings(Optional<Duration> timeout, Optional<Duration> stall, Optional<Path> reportDir) {

    public static final Path DEFAULT_REPORT_DIR = Paths.get("target", "reaper");
    public static final RunSettings DEFAULT = new RunSettings(Optional.empty(), Optional.empty(),
            Optional.of(DEFAULT_REPORT_DIR));

    private static final String NONE = "none";

    /**
     * Reads the {@code reaper.run.*} keys and {@code reaper.report.dir} alone: the run watchdog reads them
     * from the launcher before any test asks for the rest of the settings.
     *
     * @throws InvalidConfigurationException naming the key, the value and the accepted forms
     */
    public static RunSettings read(Function<String, Optional<String>> parameters) {
        return new RunSettings(budget(parameters, ConfigKeys.RUN_TIMEOUT), budget(parameters, ConfigKeys.RUN_STALL),
                reportDir(parameters));
    }

    /**
     * {@code reaper.report.dir} alone: empty when {@code none}.
     *
     * @throws InvalidConfigurationException naming the key, the value and the accepted forms
     */
    public static Optional<Path> reportDir(Function<String, Optional<String>> parameters) {
        return parameters.apply(ConfigKeys.REPORT_DIR).map(RunSettings::reportDir)
                .orElse(Optional.of(DEFAULT_REPORT_DIR));
    }

    /** Whether the run watchdog has anything to watch. */
    public boolean watchdog() {
        return timeout.isPresent() || stall.isPresent();
    }

    private static Optional<Duration> budget(Function<String, Optional<String>> parameters, String key) {
        return parameters.apply(key).map(value -> Settings.duration(key, value));
    }

    private static Optional<Path> reportDir(String value) {
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidConfigurationException(ConfigKeys.REPORT_DIR, value,
                    "a directory (relative to the working directory, e.g. \"target/reaper\") or \"none\"");
        }
        if (trimmed.equalsIgnoreCase(NONE)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Paths.get(trimmed));
        } catch (InvalidPathException invalid) {
            throw new InvalidConfigurationException(ConfigKeys.REPORT_DIR, value,
                    "a directory (relative to the working directory, e.g. \"target/reaper\") or \"none\"");
        }
    }
}
