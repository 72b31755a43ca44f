package dev.reaper.internal.util;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the JDK's thread dump ({@code HotSpotDiagnosticMXBean.dumpThreads}, JSON
 * format) and Reaper's own reports: objects, arrays, strings with escapes, and numbers, booleans and
 * null kept as they are. Reaper has no dependency but JUnit's API, so it carries this instead of a JSON
 * library.
 */
public final class Json {

    private final String text;
    private int at;

    private Json(String text) {
        this.text = text;
    }

    /** A {@code Map<String, Object>}, {@code List<Object>}, {@code String}, {@code Boolean}, number text, or null. */
    public static Object parse(String text) {
        Json json = new Json(text);
        Object value = json.value();
        json.skipSpace();
        if (json.at != text.length()) {
            throw json.error("trailing characters");
        }
        return value;
    }

    /**
     * Writes maps (keys in their order), iterables, strings, numbers, booleans and null, two spaces per
     * level; anything else as its {@code toString()}.
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(1024);
        write(out, value, "");
        return out.append('\n').toString();
    }

    /**
     * An object whose last member is an array of elements already written by {@link #element}: a report
     * that grows by one event at a time writes each event once, not again at every event after it.
     */
    public static String objectEndingInArray(Map<String, Object> members, String arrayKey,
            List<String> writtenElements) {
        StringBuilder out = new StringBuilder(1024 + writtenElements.size() * 512).append('{');
        for (Map.Entry<String, Object> member : members.entrySet()) {
            out.append("\n  ");
            quote(out, member.getKey());
            out.append(": ");
            write(out, member.getValue(), "  ");
            out.append(',');
        }
        out.append("\n  ");
        quote(out, arrayKey);
        out.append(": [");
        for (int i = 0; i < writtenElements.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n").append(writtenElements.get(i));
        }
        out.append(writtenElements.isEmpty() ? "]" : "\n  ]").append("\n}\n");
        return out.toString();
    }

    /** An element of the array of {@link #objectEndingInArray}, indented as it will stand there. */
    public static String element(Object value) {
        StringBuilder out = new StringBuilder(512).append("    ");
        write(out, value, "    ");
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, String indent) {
        if (value == null || value instanceof Boolean || value instanceof Number) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            writeAll(out, '{', '}', map.entrySet().iterator(), indent, (entry, inner) -> {
                quote(out, String.valueOf(entry.getKey()));
                out.append(": ");
                write(out, entry.getValue(), inner);
            });
        } else if (value instanceof Iterable<?> iterable) {
            writeAll(out, '[', ']', iterable.iterator(), indent, (element, inner) -> write(out, element, inner));
        } else {
            quote(out, value.toString());
        }
    }

    private interface ElementWriter<T> {
        void write(T element, String indent);
    }

    private static <T> void writeAll(StringBuilder out, char open, char close, Iterator<T> elements, String indent,
            ElementWriter<T> writer) {
        out.append(open);
        if (!elements.hasNext()) {
            out.append(close);
            return;
        }
        String inner = indent + "  ";
        while (elements.hasNext()) {
            out.append('\n').append(inner);
            writer.write(elements.next(), inner);
            if (elements.hasNext()) {
                out.append(',');
            }
        }
        out.append('\n').append(indent).append(close);
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // A lone surrogate (half an emoji cut off by a substring) cannot be encoded in UTF-8:
                    // escaped, it still parses, and no name can stop the report from being written.
                    if (c < 0x20 || Character.isSurrogate(c) && !pairedSurrogate(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean pairedSurrogate(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private Object value() {
        skipSpace();
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> object = new LinkedHashMap<>();
        at++; // {
        skipSpace();
        if (peek() == '}') {
            at++;
            return object;
        }
        while (true) {
            skipSpace();
            String key = string();
            skipSpace();
            expect(':');
            object.put(key, value());
            skipSpace();
            if (peek() == ',') {
                at++;
            } else {
                expect('}');
                return object;
            }
        }
    }

    private List<Object> array() {
        List<Object> array = new ArrayList<>();
        at++; // [
        skipSpace();
        if (peek() == ']') {
            at++;
            return array;
        }
        while (true) {
            array.add(value());
            skipSpace();
            if (peek() == ',') {
                at++;
            } else {
                expect(']');
                return array;
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = text.charAt(at++);
            switch (escaped) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> out.append(escaped); // \" \\ \/
            }
        }
    }

    private String number() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        if (start == at) {
            throw error("unexpected character '" + text.charAt(at) + "'");
        }
        return text.substring(start, at);
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw error("expected " + word);
        }
        at += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("bad JSON at offset " + at + ": " + what);
    }
}
