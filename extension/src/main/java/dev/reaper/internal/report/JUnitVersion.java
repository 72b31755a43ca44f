package dev.reaper.internal.report;

import org.junit.jupiter.api.Test;

/** The version of JUnit Jupiter on the class path, for the report's header. */
final class JUnitVersion {

    private JUnitVersion() {
    }

    static String get() {
        String version = Test.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }
}
