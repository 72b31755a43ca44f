package dev.reaper.internal.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.reaper.Isolation;
import dev.reaper.LeakAction;
import dev.reaper.Rung;
import dev.reaper.ZombiePolicy;

/**
 * The run-wide settings, read once from JUnit's configuration parameters (which cover
 * {@code junit-platform.properties}, Surefire's {@code configurationParameters} and system
 * properties). A bad value fails every Reaper-guarded test with an error naming the key, rather than
 * falling back to a default the user did not ask for.
 *
 * @param testTimeout      {@code reaper.timeout.default}
 * @param timeoutOverrides {@code reaper.timeout.overrides}: test timeouts by class and method name
 * @param lifecycleTimeout {@code reaper.timeout.lifecycle.default}, else the test timeout
 * @param grace            {@code reaper.grace}
 * @param ladder           {@code reaper.ladder}
 * @param mode             {@code reaper.mode}
 * @param zombies          {@code reaper.zombies}
 * @param isolation        {@code reaper.isolation.default}
 * @param fork             {@code reaper.fork.*}
 * @param leaks            {@code reaper.leaks}, {@code reaper.leaks.linger}, {@code reaper.leaks.ignore}
 * @param run              {@code reaper.run.*} and {@code reaper.report.dir}
 * @param slow             {@code reaper.slow}
 */
public record Settings(Duration testTimeout, TimeoutOverrides timeoutOverrides, Duration lifecycleTimeout,
        Duration grace, List<Rung> ladder, Mode mode, ZombiePolicy zombies, Isolation isolation, ForkSettings fork,
        LeakSettings leaks, RunSettings run, SlowThreshold slow) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(1);

    /**
     * @param parameters the value of a key, when set
     * @param keys       every key set in a properties file or passed to the launcher, to catch misspelt
     *                   {@code reaper.*} keys (one set only as a system property is not among them: see
     *                   {@link VisibleKeys})
     */
    public static Settings read(Function<String, Optional<String>> parameters, Collection<String> keys) {
        rejectUnknownKeys(keys);
        Duration testTimeout = parameters.apply(ConfigKeys.TIMEOUT_DEFAULT)
                .map(value -> duration(ConfigKeys.TIMEOUT_DEFAULT, value))
                .orElse(DEFAULT_TIMEOUT);
        TimeoutOverrides timeoutOverrides = parameters.apply(ConfigKeys.TIMEOUT_OVERRIDES)
                .map(TimeoutOverridesParser::parse)
                .orElse(TimeoutOverrides.NONE);
        Duration lifecycleTimeout = parameters.apply(ConfigKeys.LIFECYCLE_TIMEOUT_DEFAULT)
                .map(value -> duration(ConfigKeys.LIFECYCLE_TIMEOUT_DEFAULT, value))
                .orElse(testTimeout);
        Duration grace = parameters.apply(ConfigKeys.GRACE)
                .map(value -> duration(ConfigKeys.GRACE, value))
                .orElse(DEFAULT_GRACE);
        List<Rung> ladder = parameters.apply(ConfigKeys.LADDER)
                .map(Settings::ladder)
                .orElse(List.of(Rung.values()));
        Mode mode = parameters.apply(ConfigKeys.MODE)
                .map(value -> constant(ConfigKeys.MODE, value, Mode.class))
                .orElse(Mode.DISABLED_ON_DEBUG);
        ZombiePolicy zombies = parameters.apply(ConfigKeys.ZOMBIES)
                .map(value -> constant(ConfigKeys.ZOMBIES, value, ZombiePolicy.class))
                .orElse(ZombiePolicy.HALT);
        Isolation isolation = parameters.apply(ConfigKeys.ISOLATION_DEFAULT)
                .map(value -> isolation(ConfigKeys.ISOLATION_DEFAULT, value))
                .orElse(Isolation.THREAD);
        ForkSettings fork = new ForkSettings(
                parameters.apply(ConfigKeys.FORK_WORKERS).map(Settings::workers).orElse(ForkSettings.DEFAULT.workers()),
                parameters.apply(ConfigKeys.FORK_REUSE).map(value -> bool(ConfigKeys.FORK_REUSE, value))
                        .orElse(ForkSettings.DEFAULT.reuse()),
                parameters.apply(ConfigKeys.FORK_JVM_ARGS).map(value -> List.of(value.strip().split("\\s+")))
                        .filter(options -> !options.get(0).isEmpty()).orElse(ForkSettings.DEFAULT.jvmOptions()),
                parameters.apply(ConfigKeys.FORK_CDS).map(value -> constant(ConfigKeys.FORK_CDS, value,
                        ClassDataSharing.class))
                        .orElse(ForkSettings.DEFAULT.cds()));
        SlowThreshold slow = parameters.apply(ConfigKeys.SLOW).map(SlowThreshold::parse)
                .orElseGet(() -> SlowThreshold.byDefault(System.getenv()));
        return new Settings(testTimeout, timeoutOverrides, lifecycleTimeout, grace, ladder, mode, zombies, isolation,
                fork, leaks(parameters), RunSettings.read(parameters), slow);
    }

    private static int workers(String value) {
        try {
            int workers = Integer.parseInt(value.strip());
            if (workers > 0) {
                return workers;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new InvalidConfigurationException(ConfigKeys.FORK_WORKERS, value, "a positive whole number, e.g. \"2\"");
    }

    private static boolean bool(String key, String value) {
        String normalized = value.strip().toLowerCase(Locale.ROOT);
        if (!normalized.equals("true") && !normalized.equals("false")) {
            throw new InvalidConfigurationException(key, value, "true or false");
        }
        return Boolean.parseBoolean(normalized);
    }

    private static LeakSettings leaks(Function<String, Optional<String>> parameters) {
        LeakAction action = parameters.apply(ConfigKeys.LEAKS)
                .map(value -> constant(ConfigKeys.LEAKS, value, LeakAction.class))
                .orElse(LeakSettings.DEFAULT_ACTION);
        Duration linger = parameters.apply(ConfigKeys.LEAKS_LINGER)
                .map(value -> duration(ConfigKeys.LEAKS_LINGER, value))
                .orElse(LeakSettings.DEFAULT_LINGER);
        List<String> ignore = parameters.apply(ConfigKeys.LEAKS_IGNORE)
                .map(value -> namePatterns(ConfigKeys.LEAKS_IGNORE, value, List.of(value.split(",", -1))))
                .orElse(List.of());
        return new LeakSettings(action, linger, ignore);
    }

    static final String NAME_PATTERNS = "a comma-separated list of thread-name patterns (* matches any characters,"
            + " ? one; a process matches by its command line), e.g. \"grpc-default-executor-*, OkHttp *\"";

    /** Blank entries are rejected: a stray comma must not silently mean "nothing" (or, worse, "everything"). */
    static List<String> namePatterns(String source, String value, List<String> entries) {
        List<String> patterns = new ArrayList<>();
        for (String entry : entries) {
            if (entry.isBlank()) {
                throw new InvalidConfigurationException(source, value, NAME_PATTERNS);
            }
            patterns.add(entry.strip());
        }
        return List.copyOf(patterns);
    }

    static Duration duration(String source, String value) {
        return DurationParser.parse(value)
                .orElseThrow(() -> new InvalidConfigurationException(source, value, DurationParser.ACCEPTED_FORMS));
    }

    static Isolation isolation(String source, String value) {
        Isolation isolation = constant(source, value, Isolation.class);
        if (isolation == Isolation.INFERRED) {
            throw new InvalidConfigurationException(source, value, "one of thread, fork");
        }
        return isolation;
    }

    private static List<Rung> ladder(String value) {
        String accepted = "a comma-separated subset of " + names(List.of(Rung.values()))
                + ", in that order, e.g. \"interrupt, stop, kill\"";
        List<Rung> rungs = new ArrayList<>();
        for (String name : value.split(",", -1)) {
            Rung rung = Arrays.stream(Rung.values())
                    .filter(candidate -> candidate.configName().equalsIgnoreCase(name.strip()))
                    .findFirst()
                    .orElseThrow(() -> new InvalidConfigurationException(ConfigKeys.LADDER, value, accepted));
            if (!rungs.isEmpty() && rungs.get(rungs.size() - 1).compareTo(rung) >= 0) {
                throw new InvalidConfigurationException(ConfigKeys.LADDER, value, accepted);
            }
            rungs.add(rung);
        }
        return List.copyOf(rungs);
    }

    private static <E extends Enum<E>> E constant(String key, String value, Class<E> type) {
        String normalized = value.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        EnumSet<E> accepted = EnumSet.allOf(type);
        accepted.removeIf(constant -> constant.name().equals("INFERRED"));
        return accepted.stream()
                .filter(constant -> constant.name().equals(normalized))
                .findFirst()
                .orElseThrow(() -> new InvalidConfigurationException(key, value, "one of " + names(accepted)));
    }

    private static String names(Collection<? extends Enum<?>> constants) {
        return constants.stream()
                .map(constant -> constant instanceof ZombiePolicy zombie ? zombie.configName()
                        : constant.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    static void rejectUnknownKeys(Collection<String> keys) {
        Set<String> unknown = unknownKeys(keys);
        if (!unknown.isEmpty()) {
            throw new InvalidConfigurationException("unknown key" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; Reaper reads " + String.join(", ", ConfigKeys.ALL));
        }
    }

    /** The {@code reaper.*} keys among {@code keys} that Reaper does not read, sorted. */
    static Set<String> unknownKeys(Collection<String> keys) {
        Set<String> unknown = new TreeSet<>();
        for (String key : keys) {
            if (key.startsWith(ConfigKeys.PREFIX) && !ConfigKeys.ALL.contains(key)) {
                unknown.add(key);
            }
        }
        return unknown;
    }
}
