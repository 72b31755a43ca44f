package dev.reaper.internal.config;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configuration keys passed to the launcher (Surefire's {@code configurationParameters}, the
 * console launcher's {@code --config}), as the run listener saw them: Jupiter gives an extension the
 * value of a key it names but never the list, and a misspelt {@code reaper.*} key must not go unnoticed.
 */
public final class LauncherKeys {

    private static final Set<String> KEYS = ConcurrentHashMap.newKeySet();

    private LauncherKeys() {
    }

    /** At the start of a test plan. */
    public static void remember(Set<String> keys) {
        KEYS.addAll(keys);
    }

    /** At its end: the next plan (or an engine run outside any launcher) has keys of its own. */
    public static void forget() {
        KEYS.clear();
    }

    static Set<String> all() {
        return Set.copyOf(KEYS);
    }
}
