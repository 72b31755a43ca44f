/**
 * Reaper, a JUnit Jupiter extension that stops hung tests. Only {@code dev.reaper} is API; the
 * extension, the test engine and the launcher listeners are found through {@link java.util.ServiceLoader}.
 */
module dev.reaper {
    requires java.management;
    requires org.junit.jupiter.api;
    requires org.junit.platform.commons;
    requires org.junit.platform.engine;
    // Provided by whoever runs the tests; the run listener and the discovery hooks are its services.
    requires static org.junit.platform.launcher;

    exports dev.reaper;

    provides org.junit.jupiter.api.extension.Extension with dev.reaper.ReaperExtension;
    provides org.junit.platform.engine.TestEngine with dev.reaper.internal.engine.ReaperTestEngine;
    provides org.junit.platform.launcher.LauncherDiscoveryListener with dev.reaper.internal.engine.ClaimsReset;
    provides org.junit.platform.launcher.LauncherSessionListener with dev.reaper.internal.watchdog.RunSession;
    provides org.junit.platform.launcher.PostDiscoveryFilter with dev.reaper.internal.engine.ForkFilter;
    provides org.junit.platform.launcher.TestExecutionListener with dev.reaper.internal.watchdog.RunListener;
}
