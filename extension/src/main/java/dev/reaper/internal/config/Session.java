package dev.reaper.internal.config;

import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Function;

/**
 * The configuration of one engine run: settings, whether Reaper is active, and the policy resolver.
 */
public final class Session {

    private final PolicyResolver policies;
    private final boolean active;

    private Session(Settings settings, boolean active) {
        this.policies = new PolicyResolver(settings);
        this.active = active;
    }

    /**
     * @param parameters   JUnit's configuration parameters
     * @param launcherKeys the {@code reaper.*} keys the run's launcher was given
     * @param warnings     where unknown {@code reaper.*} keys set only as system properties are told about
     */
    public static Session read(Function<String, Optional<String>> parameters, LauncherKeys launcherKeys,
            PrintStream warnings) {
        VisibleKeys keys = VisibleKeys.current(launcherKeys);
        StraySystemProperties.warn(keys.systemOnly(), warnings);
        return of(Settings.read(parameters, keys.configured()));
    }

    /** As {@link #read}, without a word about system properties: for a look ahead of the engine run. */
    public static Session quiet(Function<String, Optional<String>> parameters, LauncherKeys launcherKeys) {
        return of(Settings.read(parameters, VisibleKeys.current(launcherKeys).configured()));
    }

    private static Session of(Settings settings) {
        return new Session(settings, switch (settings.mode()) {
            case ENABLED -> true;
            case DISABLED -> false;
            case DISABLED_ON_DEBUG -> !Debugger.isAttached();
        });
    }

    public boolean isActive() {
        return active;
    }

    public Settings settings() {
        return policies.settings();
    }

    public PolicyResolver policies() {
        return policies;
    }
}
