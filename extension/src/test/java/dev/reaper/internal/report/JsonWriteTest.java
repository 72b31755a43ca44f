package dev.reaper.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.reaper.internal.util.Json;

/** What the report writes, the report reads back: strings with every kind of character survive. */
class JsonWriteTest {

    @Test
    void writtenJsonParsesBackToTheSameValues() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 unicode μs");
        value.put("number", 42);
        value.put("flag", true);
        value.put("nothing", null);
        value.put("list", List.of("a", Map.of("b", 1L)));
        value.put("empty", List.of());

        Object parsed = Json.parse(Json.write(value));

        Map<String, Object> expected = new LinkedHashMap<>(value);
        expected.put("number", "42"); // numbers come back as their text
        expected.put("list", List.of("a", Map.of("b", "1")));
        assertThat(parsed).isEqualTo(expected);
        assertThat(Arrays.asList(((Map<?, ?>) parsed).keySet().toArray())).containsExactly(
                "text", "number", "flag", "nothing", "list", "empty");
    }
}
