package bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A way to run the same suite: variants differ only in the configuration parameters handed to the
 * launcher, never in the test classes.
 */
record Variant(String name, Map<String, String> configuration) {

    static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

    static final Variant PLAIN = new Variant("plain JUnit", Map.of());
    static final Variant TIMEOUT_SAME_THREAD = new Variant("@Timeout same thread", Map.of(
            "junit.jupiter.execution.timeout.default", "1 m",
            "junit.jupiter.execution.timeout.thread.mode.default", "SAME_THREAD"));
    static final Variant TIMEOUT_SEPARATE_THREAD = new Variant("@Timeout separate thread", Map.of(
            "junit.jupiter.execution.timeout.default", "1 m",
            "junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD"));
    /** Reaper registered by autodetection (as with {@code @ExtendWith} on every class), leak detection off. */
    static final Variant REAPER_THREAD = reaper("Reaper thread", Map.of("reaper.leaks", "off"));
    /** The same with leak detection at its default ({@code warn}): a mark before, a scan after each test. */
    static final Variant REAPER_THREAD_LEAKS = reaper("Reaper thread + leaks", Map.of());
    /** Fork isolation, every other setting at its default; one warm worker, reused. */
    static final Variant REAPER_FORK = reaper("Reaper fork (warm worker)", Map.of("reaper.isolation.default", "fork"));

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
