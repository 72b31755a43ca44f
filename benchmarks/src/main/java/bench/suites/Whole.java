package bench.suites;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The suites of the whole-process benchmark ({@code bench.WholeProcess}), each run by a fresh JVM through
 * the JUnit Console Launcher: {@code T0..T9} (1,000 trivial tests, the {@link Hundred} of the other
 * sections), {@code S0..S9} (one test each that sleeps 1 s) and {@code P0} (one {@code @ParameterizedTest} of 2,000
 * invocations).
 *
 * <p>Each class's {@code @BeforeAll} appends one line, {@code pid class epoch-microseconds}, to the file
 * named by the environment variable {@value #STAMPS} (when set): in fork isolation it runs in a worker,
 * which inherits the environment. The harness reads when and in which JVM each class began, so worker
 * start is measured without a listener; one small write per class, the same in every variant.
 */
public final class Whole {

    public static final String STAMPS = "BENCH_STAMPS";

    private Whole() {
    }

    static void stamp(Class<?> testClass) throws IOException {
        String file = System.getenv(STAMPS);
        if (file == null) {
            return;
        }
        Instant now = Instant.now();
        String line = ProcessHandle.current().pid() + " " + testClass.getName() + " "
                + ChronoUnit.MICROS.between(Instant.EPOCH, now) + "\n";
        // One short append: atomic enough among the JVMs of a run (O_APPEND, one write).
        Files.write(Path.of(file), line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** A hundred trivial tests (inherited from {@link Hundred}) and the stamp. */
    public abstract static class Stamped extends Hundred {
        @BeforeAll
        static void began(TestInfo info) throws IOException {
            stamp(info.getTestClass().orElseThrow());
        }
    }

    /** One test that sleeps 1 s, and the stamp. */
    public abstract static class Sleeper {
        @BeforeAll
        static void began(TestInfo info) throws IOException {
            stamp(info.getTestClass().orElseThrow());
        }

        @Test
        void sleeps() throws InterruptedException {
            Thread.sleep(1000);
        }
    }

    /** One {@code @ParameterizedTest} of 2,000 invocations, and the stamp. */
    public static class P0 {
        @BeforeAll
        static void began(TestInfo info) throws IOException {
            stamp(info.getTestClass().orElseThrow());
        }

        static IntStream numbers() {
            return IntStream.range(0, 2_000);
        }

        @ParameterizedTest
        @MethodSource("numbers")
        void each(int number) {
            if (number < 0) {
                throw new AssertionError(number);
            }
        }
    }

    public static class T0 extends Stamped {}
    public static class T1 extends Stamped {}
    public static class T2 extends Stamped {}
    public static class T3 extends Stamped {}
    public static class T4 extends Stamped {}
    public static class T5 extends Stamped {}
    public static class T6 extends Stamped {}
    public static class T7 extends Stamped {}
    public static class T8 extends Stamped {}
    public static class T9 extends Stamped {}

    public static class S0 extends Sleeper {}
    public static class S1 extends Sleeper {}
    public static class S2 extends Sleeper {}
    public static class S3 extends Sleeper {}
    public static class S4 extends Sleeper {}
    public static class S5 extends Sleeper {}
    public static class S6 extends Sleeper {}
    public static class S7 extends Sleeper {}
    public static class S8 extends Sleeper {}
    public static class S9 extends Sleeper {}
}
