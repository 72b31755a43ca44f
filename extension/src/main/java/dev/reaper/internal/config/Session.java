package dev.reaper.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
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
     * @param parameters JUnit's configuration parameters
     */
    public static Session read(Function<String, Optional<String>> parameters) {
        Settings settings = Settings.read(parameters, visibleKeys());
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

    /**
     * The keys Reaper can list, to catch misspelt {@code reaper.*} keys: system properties,
     * {@code junit-platform.properties}, and the keys passed to the launcher as the run listener saw them
     * (Jupiter itself does not expose those).
     */
    private static Set<String> visibleKeys() {
        Set<String> keys = new HashSet<>(System.getProperties().stringPropertyNames());
        keys.addAll(LauncherKeys.all());
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            Enumeration<URL> files = loader == null ? ClassLoader.getSystemResources("junit-platform.properties")
                    : loader.getResources("junit-platform.properties");
            while (files.hasMoreElements()) {
                Properties properties = new Properties();
                try (InputStream in = files.nextElement().openStream()) {
                    properties.load(in);
                }
                keys.addAll(properties.stringPropertyNames());
            }
        } catch (IOException unreadable) {
            // JUnit reports an unreadable properties file itself.
        }
        return keys;
    }
}
