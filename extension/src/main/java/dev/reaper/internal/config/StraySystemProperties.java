package dev.reaper.internal.config;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Unknown {@code reaper.*} keys set only as system properties: Reaper shares the namespace with the build
 * ({@code -Dreaper.version=1.2}), so they are told about, each once per JVM, rather than failing every test.
 */
final class StraySystemProperties {

    /** Per JVM: every run and engine run of a JVM sees the same system properties, so one warning is enough. */
    private static final Set<String> TOLD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private StraySystemProperties() {
    }

    static void warn(Collection<String> systemOnlyKeys, PrintStream console) {
        warn(systemOnlyKeys, console, TOLD_IN_THIS_JVM);
    }

    static void warn(Collection<String> systemOnlyKeys, PrintStream console, Set<String> told) {
        Set<String> untold = new TreeSet<>();
        for (String key : Settings.unknownKeys(systemOnlyKeys)) {
            if (told.add(key)) {
                untold.add(key);
            }
        }
        if (untold.isEmpty()) {
            return;
        }
        boolean one = untold.size() == 1;
        console.println("Reaper: warning: ignoring the system propert" + (one ? "y " : "ies ")
                + String.join(", ", untold)
                + (one ? ", which is not a Reaper setting" : ", which are not Reaper settings")
                + "; Reaper reads " + String.join(", ", ConfigKeys.ALL));
    }
}
