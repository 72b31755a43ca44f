package dev.reaper.internal.watchdog;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URL;
import java.util.Optional;
import java.util.Properties;

/**
 * Surefire 3.0.0-M6 to 3.5.5 do not kill a fork at {@code forkedProcessTimeoutInSeconds} (SUREFIRE-2049,
 * fixed in 3.5.6): a hang that nothing stops then hangs the build until CI cancels it. Said once per JVM.
 */
final class SurefireCheck {

    private static final String BOOTER_POM =
            "META-INF/maven/org.apache.maven.surefire/surefire-booter/pom.properties";

    /** Per JVM: the Surefire booter on the system class path is the JVM's, whatever run asks. */
    private static boolean checked;

    private SurefireCheck() {
    }

    static synchronized void warnOnce(PrintStream console) {
        if (checked) {
            return;
        }
        checked = true;
        warning(ClassLoader.getSystemClassLoader()).ifPresent(console::println);
    }

    /** The warning, when the Surefire booter {@code loader} sees is one whose fork timeout does not kill. */
    static Optional<String> warning(ClassLoader loader) {
        return version(loader).filter(SurefireCheck::timeoutDoesNotKill).map(version -> "Reaper: warning:"
                + " Maven Surefire " + version + " does not kill a fork at forkedProcessTimeoutInSeconds"
                + " (SUREFIRE-2049, fixed in 3.5.6); upgrade Surefire, and set reaper.run.timeout below CI's"
                + " job timeout so that a hang nothing stops still ends the build with a report");
    }

    /** The version of the Surefire booter on {@code loader}'s class path: the one that started this JVM, if any. */
    static Optional<String> version(ClassLoader loader) {
        URL pom = loader.getResource(BOOTER_POM);
        if (pom == null) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = pom.openStream()) {
            properties.load(in);
        } catch (IOException unreadable) {
            return Optional.empty();
        }
        return Optional.ofNullable(properties.getProperty("version"));
    }

    /** 3.0.0-M6 up to and including 3.5.5. */
    static boolean timeoutDoesNotKill(String version) {
        int[] parts = numbers(version);
        if (parts == null) {
            return false;
        }
        int release = parts[0] * 1_000_000 + parts[1] * 1_000 + parts[2];
        if (release == 3_000_000 && version.contains("-M")) {
            int milestone = milestone(version);
            return milestone >= 6;
        }
        return release >= 3_000_000 && release <= 3_005_005;
    }

    private static int[] numbers(String version) {
        String[] pieces = version.split("[.-]");
        if (pieces.length < 3) {
            return null;
        }
        try {
            return new int[] {Integer.parseInt(pieces[0]), Integer.parseInt(pieces[1]), Integer.parseInt(pieces[2])};
        } catch (NumberFormatException notARelease) {
            return null;
        }
    }

    private static int milestone(String version) {
        try {
            return Integer.parseInt(version.substring(version.indexOf("-M") + 2).replaceAll("\\D.*", ""));
        } catch (NumberFormatException notAMilestone) {
            return 0;
        }
    }
}
