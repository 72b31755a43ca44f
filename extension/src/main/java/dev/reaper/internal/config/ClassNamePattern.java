package dev.reaper.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A class name pattern of {@code reaper.timeout.overrides}: {@code *} matches within one name,
 * {@code **} across dots, and {@code .} or {@code $} matches either separator of a binary name (as in
 * JUnit's {@code junit.jupiter.conditions.deactivate}), so {@code Outer.Inner} names a nested class.
 * It matches a class by its fully qualified name or by its name without the package:
 * {@code com.acme.Outer$Inner} by {@code com.acme.Outer.Inner}, {@code Outer.Inner} and {@code Inner}.
 */
final class ClassNamePattern {

    private final String text;
    private final Pattern regex;

    ClassNamePattern(String text) {
        this.text = text;
        this.regex = Pattern.compile(regex(text));
    }

    /** @param className a binary name, as {@link Class#getName()} gives it */
    boolean matches(String className) {
        return names(className).stream().anyMatch(name -> regex.matcher(name).matches());
    }

    /** @param className a binary name; also matched when the pattern names a class it is nested in */
    boolean matchesOrEncloses(String className) {
        for (String name = className;; name = name.substring(0, name.lastIndexOf('$'))) {
            if (matches(name)) {
                return true;
            }
            if (name.lastIndexOf('$') <= name.lastIndexOf('.') + 1) {
                return false;
            }
        }
    }

    /** The fully qualified name, then the name without the package, then each nested name on its own. */
    private static List<String> names(String className) {
        List<String> names = new ArrayList<>(3);
        names.add(className);
        int start = className.lastIndexOf('.') + 1;
        while (true) {
            if (start > 0) {
                names.add(className.substring(start));
            }
            int separator = className.indexOf('$', start);
            if (separator < 0) {
                return names;
            }
            start = separator + 1;
        }
    }

    private static String regex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^.$]*");
            } else if (c == '.' || c == '$') {
                regex.append("[.$]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
