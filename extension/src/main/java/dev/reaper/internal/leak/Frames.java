package dev.reaper.internal.leak;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Stack frames as an exception prints them, from a live thread or from the lines of a JSON thread dump. */
final class Frames {

    /** {@code [loader/][module[@version]/]class.method(source)}, as {@code StackTraceElement.toString()} writes it. */
    private static final Pattern LINE = Pattern.compile(
            "(?:(?<prefix>.*)/)?(?<type>[^/()]+)\\.(?<method>[^./()]+)\\((?<source>[^()]*)\\)");

    private Frames() {
    }

    /** Frames from a JSON dump's {@code "stack"} lines; a line that does not parse is kept whole as the class. */
    static StackTraceElement[] parse(List<String> lines) {
        StackTraceElement[] frames = new StackTraceElement[lines.size()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = parse(lines.get(i));
        }
        return frames;
    }

    static StackTraceElement parse(String line) {
        Matcher matcher = LINE.matcher(line);
        if (!matcher.matches()) {
            return new StackTraceElement(line, "", null, -1);
        }
        String module = null;
        String version = null;
        String prefix = matcher.group("prefix");
        if (prefix != null) {
            // "app/" (a loader, no module), "java.base/", "java.base@25/", "loader/module@1.0/"
            String modulePart = prefix.contains("/") ? prefix.substring(prefix.lastIndexOf('/') + 1) : prefix;
            if (!modulePart.isEmpty() && !"app".equals(modulePart) && !"platform".equals(modulePart)) {
                int versionAt = modulePart.indexOf('@');
                module = versionAt < 0 ? modulePart : modulePart.substring(0, versionAt);
                version = versionAt < 0 || isJdk(module) ? null : modulePart.substring(versionAt + 1);
            }
        }
        String source = matcher.group("source");
        String file = null;
        int lineNumber = -1;
        if ("Native Method".equals(source)) {
            lineNumber = -2;
        } else if (!source.isEmpty() && !"Unknown Source".equals(source)) {
            int colon = source.lastIndexOf(':');
            file = colon < 0 ? source : source.substring(0, colon);
            if (colon >= 0) {
                try {
                    lineNumber = Integer.parseInt(source.substring(colon + 1));
                } catch (NumberFormatException notALine) {
                    file = source;
                }
            }
        }
        return new StackTraceElement(null, module, version, matcher.group("type"), matcher.group("method"), file,
                lineNumber);
    }

    /** The first frame outside the JDK: the test's or the application's code, where a reader looks first. */
    static StackTraceElement firstApplicationFrame(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (!isJdk(frame.getModuleName())) {
                return frame;
            }
        }
        return stack.length == 0 ? null : stack[0];
    }

    private static boolean isJdk(String module) {
        return module != null && (module.startsWith("java.") || module.startsWith("jdk."));
    }
}
