package parity;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * Not a test of anything: writes what the run looked like from inside a test, for verify.groovy, to
 * target/parity-probe-<run>.properties. With Reaper guarding the test, Deadline.current() is the test's
 * deadline (at most reaper.timeout.default away); outside a guarded test it never ends. Reflection,
 * because the plain run has no Reaper on its class path.
 */
class ParityProbeTest {

    @Test
    void recordsWhetherReaperGuardsThisTest() throws IOException {
        String run = System.getProperty("parity.run", "unknown");
        String reaper;
        try {
            Class<?> deadline = Class.forName("dev.reaper.Deadline");
            Object current = deadline.getMethod("current").invoke(null);
            Method remaining = deadline.getMethod("remaining");
            reaper = "deadlineRemainingMillis=" + ((Duration) remaining.invoke(current)).toMillis();
        } catch (ClassNotFoundException e) {
            reaper = "reaper=absent";
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        Files.writeString(Path.of("target", "parity-probe-" + run + ".properties"),
                reaper + "\nthread=" + Thread.currentThread().getName() + "\n", StandardCharsets.UTF_8);
    }
}
