package dev.reaper.internal.process;

import java.util.Locale;

/** The one question about the operating system that the fork code asks. */
public final class OperatingSystem {

    /** Whether this JVM runs on Windows, where processes, signals and thread dumps work differently. */
    public static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private OperatingSystem() {
    }
}
