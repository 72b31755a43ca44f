package bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A way to run the same suite: variants differ only in the configuration parameters handed to the
 * launcher, never in the test classes.
 */
record Variant(String name, Map<String, String> configuration) {

    static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";
    /** JUnit's switch for listeners registered through {@code META-INF/services} (see {@link Run#of}). */
    static final String DEACTIVATE_LISTENERS = "junit.platform.execution.listeners.deactivate";

    static final Variant PLAIN = junit("plain JUnit", Map.of());
    static final Variant TIMEOUT_SAME_THREAD = junit("@Timeout same thread", Map.of(
            "junit.jupiter.execution.timeout.default", "1 m",
            "junit.jupiter.execution.timeout.thread.mode.default", "SAME_THREAD"));
    static final Variant TIMEOUT_SEPARATE_THREAD = junit("@Timeout separate thread", Map.of(
            "junit.jupiter.execution.timeout.default", "1 m",
            "junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD"));
    /** Reaper registered by autodetection (as with {@code @ExtendWith} on every class), leak detection off. */
    static final Variant REAPER_THREAD = reaper("Reaper thread", Map.of("reaper.leaks", "off"));
    /** The same with leak detection at its default ({@code warn}): a mark before, a scan after each test. */
    static final Variant REAPER_THREAD_LEAKS = reaper("Reaper thread + leaks", Map.of());
    /** Fork isolation, every other setting at its default; one warm worker, reused. */
    static final Variant REAPER_FORK = reaper("Reaper fork (warm worker)", Map.of("reaper.isolation.default", "fork"));

    /**
     * JUnit without Reaper. Reaper's jar is on the class path, and with it its launcher listeners
     * ({@code dev.reaper.internal...}, registered through {@code META-INF/services}): switched off here, so
     * that the baseline is plain JUnit. JUnit's pattern: a dot matches a dot or a dollar, an asterisk one or
     * more characters, so {@code dev.reaper.*} is every class in Reaper's packages. Reaper's variants keep
     * them: they are part of what Reaper costs.
     */
    static Variant junit(String name, Map<String, String> settings) {
        Map<String, String> configuration = new LinkedHashMap<>(settings);
        configuration.put(DEACTIVATE_LISTENERS, "dev.reaper.*");
        return new Variant(name, Map.copyOf(configuration));
    }

    static Variant reaper(String name, Map<String, String> settings) {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put(AUTODETECTION, "true");
        configuration.put("reaper.mode", "enabled");
        configuration.putAll(settings);
        return new Variant(name, Map.copyOf(configuration));
    }

    /** The same variant with more parameters (parallel execution, latency settings). */
    Variant with(Map<String, String> more) {
        Map<String, String> configuration = new LinkedHashMap<>(this.configuration);
        configuration.putAll(more);
        return new Variant(name, Map.copyOf(configuration));
    }
}
