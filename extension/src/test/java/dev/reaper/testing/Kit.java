package dev.reaper.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

import dev.reaper.HungTestException;

/** Runs fixture classes through the Reaper engine (fork isolation) or the Jupiter engine and finds what happened to each test. */
public final class Kit {

    private final EngineExecutionResults results;

    private Kit(EngineExecutionResults results) {
        this.results = results;
    }

    /** @param configuration key, value, key, value, ... */
    public static Kit run(Class<?> fixture, String... configuration) {
        return run(List.of(selectClass(fixture)), configuration);
    }

    public static Kit run(DiscoverySelector selector, String... configuration) {
        return run(List.of(selector), configuration);
    }

    public static Kit run(List<? extends DiscoverySelector> selectors, String... configuration) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < configuration.length; i += 2) {
            parameters.put(configuration[i], configuration[i + 1]);
        }
        // Fork-isolated classes run in the Reaper engine, the rest in Jupiter's, as under the launcher.
        EngineExecutionResults forked = EngineTestKit.engine("reaper")
                .selectors(selectors.toArray(DiscoverySelector[]::new))
                .configurationParameters(parameters)
                .execute();
        Kit kit = new Kit(forked.containerEvents().started().count() > 1 ? forked
                : EngineTestKit.engine("junit-jupiter")
                        .selectors(selectors.toArray(DiscoverySelector[]::new))
                        .configurationParameters(parameters)
                        .execute());
        if (Thread.interrupted()) {
            // Not expected: say so (a later test that sleeps would otherwise fail far from the cause).
            System.err.println("Kit: the engine run of " + selectors + " left this thread interrupted; cleared");
        }
        return kit;
    }

    public EngineExecutionResults results() {
        return results;
    }

    /**
     * The finished event of the only test or container whose display name starts with {@code name}, or
     * of the only class whose name ends with it.
     */
    public Event finished(String name) {
        List<Event> matches = results.allEvents().finished().filter(event -> named(event, name)).toList();
        assertThat(matches).as("finished events named %s", name).hasSize(1);
        return matches.get(0);
    }

    public TestExecutionResult result(String name) {
        return finished(name).getRequiredPayload(TestExecutionResult.class);
    }

    public Kit assertSuccessful(String name) {
        TestExecutionResult result = result(name);
        assertThat(result.getStatus()).as("%s: %s", name, result.getThrowable()).isEqualTo(Status.SUCCESSFUL);
        return this;
    }

    public Throwable failure(String name) {
        TestExecutionResult result = result(name);
        assertThat(result.getStatus()).as(name).isEqualTo(Status.FAILED);
        return result.getThrowable().orElseThrow();
    }

    public HungTestException hung(String name) {
        Throwable failure = failure(name);
        assertThat(failure).as(name).isInstanceOf(HungTestException.class);
        return (HungTestException) failure;
    }

    /** From the start to the end of the test or container named {@code name}. */
    public Duration elapsed(String name) {
        Event finished = finished(name);
        Event started = events(event -> event.getType() == EventType.STARTED
                && event.getTestDescriptor().equals(finished.getTestDescriptor())).get(0);
        return Duration.between(started.getTimestamp(), finished.getTimestamp());
    }

    private static boolean named(Event event, String name) {
        TestDescriptor descriptor = event.getTestDescriptor();
        return descriptor.getDisplayName().startsWith(name) || descriptor.getSource()
                .filter(ClassSource.class::isInstance)
                .map(source -> ((ClassSource) source).getClassName().endsWith("$" + name))
                .orElse(false);
    }

    public List<Event> events(Predicate<Event> filter) {
        return results.allEvents().filter(filter).toList();
    }

    public Optional<Event> started(String name) {
        return results.allEvents().started().filter(event -> named(event, name)).findFirst();
    }
}
