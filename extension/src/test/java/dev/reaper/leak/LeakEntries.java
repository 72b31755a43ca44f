package dev.reaper.leak;

import java.util.List;
import java.util.Objects;

import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

import dev.reaper.testing.Kit;

/** The {@code reaper.leaks} report entries Reaper published for one test or container. */
final class LeakEntries {

    private LeakEntries() {
    }

    static List<String> of(Kit kit, String name) {
        Event finished = kit.finished(name);
        return kit.events(event -> event.getType() == EventType.REPORTING_ENTRY_PUBLISHED
                && event.getTestDescriptor().equals(finished.getTestDescriptor()))
                .stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("reaper.leaks"))
                .filter(Objects::nonNull)
                .toList();
    }

    static List<String> all(Kit kit) {
        return kit.events(event -> event.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("reaper.leaks"))
                .filter(Objects::nonNull)
                .toList();
    }
}
