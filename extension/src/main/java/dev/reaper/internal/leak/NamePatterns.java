package dev.reaper.internal.leak;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Thread-name (or process command-line) patterns: {@code *} any characters, {@code ?} one, the rest literal. */
final class NamePatterns {

    static final NamePatterns NONE = new NamePatterns(List.of());

    private final List<Pattern> patterns;

    private NamePatterns(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    static NamePatterns of(List<String> globs) {
        if (globs.isEmpty()) {
            return NONE;
        }
        List<Pattern> patterns = new ArrayList<>(globs.size());
        for (String glob : globs) {
            patterns.add(compile(glob));
        }
        return new NamePatterns(List.copyOf(patterns));
    }

    boolean matches(String name) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
