package dev.reaper.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

/**
 * The {@code reaper.*} keys that are set, by where they come from. Those of {@code junit-platform.properties}
 * and of the launcher's configuration were written for JUnit, so a misspelt one fails; a key that only a
 * system property sets may belong to the build instead ({@code mvn test -Dreaper.version=1.2} reaches the
 * test JVM as one), so it is only warned about.
 *
 * @param configured set in a properties file or passed to the launcher, whether or not also a system property
 * @param systemOnly set by a system property and nowhere else
 */
record VisibleKeys(Set<String> configured, Set<String> systemOnly) {

    VisibleKeys {
        configured = Set.copyOf(configured);
        systemOnly = Set.copyOf(systemOnly);
    }

    /** As this JVM has them now; the launcher's keys as the run listener saw them (Jupiter does not list them). */
    static VisibleKeys current(LauncherKeys launcherKeys) {
        return of(System.getProperties().stringPropertyNames(), launcherKeys.all(),
                fileKeys(Thread.currentThread().getContextClassLoader()));
    }

    static VisibleKeys of(Set<String> systemProperties, Set<String> launcherKeys, Set<String> fileKeys) {
        Set<String> configured = new HashSet<>(launcherKeys);
        configured.addAll(fileKeys);
        Set<String> systemOnly = new HashSet<>();
        for (String key : systemProperties) {
            if (key.startsWith(ConfigKeys.PREFIX) && !configured.contains(key)) {
                systemOnly.add(key);
            }
        }
        return new VisibleKeys(configured, systemOnly);
    }

    /** The keys of every {@code junit-platform.properties} {@code loader} sees (the system loader when null). */
    static Set<String> fileKeys(ClassLoader loader) {
        Set<String> keys = new HashSet<>();
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
