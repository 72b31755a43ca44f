package dev.reaper.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.reaper.internal.util.Json;

/** Reads what Reaper wrote to a report directory, for the tests' assertions. */
final class ReportFiles {

    private ReportFiles() {
    }

    /** The JSON report of JVM {@code pid}, parsed: it must be complete JSON. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Path dir, long pid) throws IOException {
        Path file = dir.resolve("reaper-" + pid + ".json");
        assertThat(file).exists();
        return (Map<String, Object>) Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> events(Map<String, Object> report, String type) {
        return ((List<Map<String, Object>>) report.get("events")).stream()
                .filter(event -> type.equals(event.get("type")))
                .toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** The line of the first occurrence of {@code marker} in a test source file of this module. */
    static int lineOf(Class<?> type, String marker) throws IOException {
        Path source = sourceOf(type);
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker + " not found in " + source);
    }

    static Path sourceOf(Class<?> type) {
        Class<?> outer = type;
        while (outer.getEnclosingClass() != null) {
            outer = outer.getEnclosingClass();
        }
        return Path.of("src/test/java", outer.getName().replace('.', '/') + ".java");
    }
}
