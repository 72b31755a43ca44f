package dev.reaper.internal.config;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The {@code reaper.*} keys passed to the launcher (Surefire's {@code configurationParameters}, the console
 * launcher's {@code --config}) or set in its {@code junit-platform.properties}, as the run listener saw
 * them: Jupiter gives an extension the value of a key it names but never the list, and a misspelt
 * {@code reaper.*} key must not go unnoticed. One per run (a launcher session), handed to each engine run's
 * configuration.
 */
public final class LauncherKeys {

    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    public LauncherKeys() {
    }

    /**
     * At the start of a test plan. The launcher lists every system property among its keys too: a key that
     * is a system property counts only when the launcher's value differs from it, which means the
     * launcher was given the key itself (its own parameters win over system properties). One passed to
     * the launcher with the very value of a system property of the same name cannot be told apart.
     *
     * @param keys   the plan's configuration keys
     * @param values the plan's value of a key
     */
    public void remember(Set<String> keys, Function<String, Optional<String>> values) {
        for (String key : keys) {
            if (key.startsWith(ConfigKeys.PREFIX)) {
                String systemValue = System.getProperty(key);
                if (systemValue == null || !values.apply(key).map(systemValue::equals).orElse(false)) {
                    this.keys.add(key);
                }
            }
        }
    }

    /** At its end: the next plan (or an engine run outside any launcher) has keys of its own. */
    public void forget() {
        keys.clear();
    }

    Set<String> all() {
        return Set.copyOf(keys);
    }
}
