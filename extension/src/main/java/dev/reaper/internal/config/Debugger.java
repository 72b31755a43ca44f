package dev.reaper.internal.config;

import java.lang.management.ManagementFactory;
import java.util.List;

/** Whether a debugger agent (JDWP) was loaded into this JVM, for {@code reaper.mode=disabled_on_debug}. */
final class Debugger {

    /** Per JVM, a cache: an agent is loaded at the JVM's start, so the answer never changes. */
    private static volatile Boolean attached;

    private Debugger() {
    }

    static boolean isAttached() {
        Boolean known = attached;
        if (known == null) {
            known = isJdwpAmong(ManagementFactory.getRuntimeMXBean().getInputArguments());
            attached = known;
        }
        return known;
    }

    /** IDEs start tests with {@code -agentlib:jdwp=...}; older setups use {@code -Xrunjdwp:...}. */
    static boolean isJdwpAmong(List<String> jvmArguments) {
        return jvmArguments.stream().anyMatch(argument -> argument.startsWith("-agentlib:jdwp")
                || argument.startsWith("-Xrunjdwp") || argument.startsWith("-agentpath:") && argument.contains("jdwp"));
    }
}
