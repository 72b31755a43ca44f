package dev.reaper.internal.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reaper.TestStoppedError;
import dev.reaper.internal.ladder.JvmtiThreadStopperTest.Hung;

/** Which stopper {@link ThreadStoppers#best()} picks, in this JVM, in fresh class loaders and in child JVMs. */
class ThreadStoppersTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final int FEATURE = Runtime.version().feature();

    private final List<Hung> hung = new ArrayList<>();

    @AfterEach
    void releaseLeftovers() throws InterruptedException {
        for (Hung h : hung) {
            h.release();
        }
    }

    @Test
    void bestIsJvmtiWhenTheLibraryWasBuilt() {
        assumeTrue(JvmtiThreadStopperTest.libraryBuilt(), "JNI library not built for this platform (no gcc?)");

        ThreadStopper best = ThreadStoppers.best();

        assertThat(best).isInstanceOf(JvmtiThreadStopper.class).isSameAs(ThreadStoppers.best());
        assertThat(best.unavailableReason()).isEmpty();
        assertThat(best.name()).isEqualTo("JVMTI StopThread");
    }

    @Test
    void bestStopsARealHangAndRefusesADeadThread() throws Exception {
        ThreadStopper best = ThreadStoppers.best();
        assumeTrue(best.unavailableReason().isEmpty(), () -> "no stopper here: " + best.unavailableReason());
        Hung spin = Hung.start("busy-spin", Hung::spin);
        hung.add(spin);
        spin.awaitSpinning();

        assertThat(best.stop(spin.thread, new TestStoppedError("best"))).isTrue();

        assertThat(spin.awaitEnd(BOUND)).isTrue();
        assertThat(spin.thread.isAlive()).isFalse();
        assertThat(best.stop(spin.thread, new TestStoppedError("again"))).isFalse();
    }

    @Test
    void unavailableStopperListsWhyEachOptionFailed() {
        ThreadStopper none = ThreadStoppers.choose(List.of(
                new UnavailableStopper("first reason"), new ThreadStopMethodStopper(20)));

        assertThat(none).isInstanceOf(UnavailableStopper.class);
        assertThat(none.unavailableReason()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("none: first reason; Thread.stop: ")
                .contains("UnsupportedOperationException"));
        assertThat(none.stop(Thread.currentThread(), new TestStoppedError("refused"))).isFalse();
    }

    @Test
    void choosesTheFirstAvailable() {
        assumeTrue(JvmtiThreadStopperTest.libraryBuilt(), "JNI library not built for this platform (no gcc?)");
        ThreadStopper jvmti = new JvmtiThreadStopper();

        assertThat(ThreadStoppers.choose(List.of(new UnavailableStopper("no"), jvmti, new ThreadStopMethodStopper())))
                .isSameAs(jvmti);
    }

    @Test
    void eachClassLoaderLoadsItsOwnCopyOfTheLibrary() throws Exception {
        assumeTrue(JvmtiThreadStopperTest.libraryBuilt(), "JNI library not built for this platform (no gcc?)");
        assertThat(ThreadStoppers.best().unavailableReason()).as("loaded by the test's own loader").isEmpty();

        for (int i = 1; i <= 2; i++) {
            try (URLClassLoader loader = new URLClassLoader(new URL[] {classesDir().toUri().toURL()},
                    ClassLoader.getPlatformClassLoader())) {
                long t0 = System.nanoTime();
                Object best = bestIn(loader);
                long t1 = System.nanoTime();

                assertThat(best.getClass().getClassLoader()).isSameAs(loader);
                assertThat(call(best, "unavailableReason")).isEqualTo(Optional.empty());
                assertThat(call(best, "name")).isEqualTo("JVMTI StopThread");
                Hung spin = Hung.start("busy-spin-" + i, Hung::spin);
                hung.add(spin);
                spin.awaitSpinning();
                assertThat(call(best, "stop", spin.thread, new TestStoppedError("loader " + i))).isEqualTo(true);
                assertThat(spin.awaitEnd(BOUND)).isTrue();
                assertThat(spin.ended.get()).isInstanceOf(TestStoppedError.class);
                System.out.printf("[measure] first best() in a fresh class loader (copy + load + JVMTI set-up) %d us%n",
                        (t1 - t0) / 1000);
            }
        }
    }

    @Test
    void withoutTheLibraryBestFallsBackAndSaysWhy(@TempDir Path dir) throws Exception {
        // The same classes without the native/ resources, as when the jar is built without gcc.
        Path from = classesDir();
        Path pkg = Paths.get("dev", "reaper", "internal", "ladder");
        Files.createDirectories(dir.resolve(pkg));
        try (Stream<Path> classes = Files.list(from.resolve(pkg))) {
            for (Path c : (Iterable<Path>) classes.filter(p -> p.toString().endsWith(".class"))::iterator) {
                Files.copy(c, dir.resolve(pkg).resolve(c.getFileName()));
            }
        }

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Object best = bestIn(loader);

            if (FEATURE <= ThreadStopMethodStopper.LAST_SUPPORTED_FEATURE) {
                assertThat(call(best, "name")).isEqualTo("Thread.stop");
                assertThat(call(best, "unavailableReason")).isEqualTo(Optional.empty());
            } else {
                assertThat(call(best, "name")).isEqualTo("none");
                assertThat((Optional<?>) call(best, "unavailableReason"))
                        .hasValueSatisfying(reason -> assertThat((String) reason)
                                .contains("JVMTI StopThread: ")
                                .contains("Thread.stop: ")
                                .contains("UnsupportedOperationException"));
            }
        }
    }

    @Test
    void illegalNativeAccessDenyMakesItUnavailableNotACrash() throws Exception {
        assumeTrue(FEATURE >= 24, "--illegal-native-access exists from JDK 24");
        assumeTrue(JvmtiThreadStopperTest.libraryBuilt(), "JNI library not built for this platform (no gcc?)");

        String out = runProbe("--illegal-native-access=deny");

        assertThat(out)
                .contains("name=none")
                .contains("IllegalCallerException")
                .contains("stopped=false")
                .contains("probe done");
    }

    @Test
    void freshJvmWithNativeAccessEnabledUsesJvmti() throws Exception {
        assumeTrue(JvmtiThreadStopperTest.libraryBuilt(), "JNI library not built for this platform (no gcc?)");

        String out = runProbe("--enable-native-access=ALL-UNNAMED");

        assertThat(out)
                .contains("name=JVMTI StopThread")
                .contains("reason=\n")
                .contains("stopped=true alive=false ended=dev.reaper.TestStoppedError")
                .contains("probe done")
                .doesNotContain("WARNING");
    }

    /** Runs {@link Probe} in a child JVM and returns its output (stdout and stderr). */
    private static String runProbe(String nativeAccessOption) throws IOException, InterruptedException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), nativeAccessOption,
                "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println("[child " + nativeAccessOption + "]\n" + out);
        assertThat(exited).as("child exited").isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    private static Path classesDir() throws Exception {
        Path dir = Paths.get(ThreadStoppers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assumeTrue(Files.isDirectory(dir), "main classes are not a directory: " + dir);
        return dir;
    }

    private static Object bestIn(ClassLoader loader) throws Exception {
        Method best = Class.forName(ThreadStoppers.class.getName(), true, loader).getDeclaredMethod("best");
        best.setAccessible(true);
        return best.invoke(null);
    }

    /** Calls a method of a stopper from another class loader (its types are not ours). */
    private static Object call(Object target, String name, Object... args) throws Exception {
        for (Method m : target.getClass().getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                m.setAccessible(true);
                return m.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(name);
    }

    /** The main of a child JVM: picks the best stopper and stops a busy thread with it. */
    static final class Probe {

        static volatile boolean forever = true;

        public static void main(String[] args) throws Exception {
            long t0 = System.nanoTime();
            ThreadStopper best = ThreadStoppers.best();
            long t1 = System.nanoTime();
            System.out.println("name=" + best.name());
            System.out.println("reason=" + best.unavailableReason().orElse(""));
            System.out.println("firstBestMicros=" + (t1 - t0) / 1000);

            Throwable[] ended = new Throwable[1];
            Thread spin = new Thread(() -> {
                try {
                    long n = 0;
                    while (forever) {
                        n++;
                    }
                    System.out.println("spun " + n);
                } catch (Throwable t) {
                    ended[0] = t;
                }
            }, "probe-spin");
            spin.setDaemon(true);
            spin.start();
            Thread.sleep(50);
            long t2 = System.nanoTime();
            boolean stopped = best.stop(spin, new TestStoppedError("child"));
            spin.join(stopped ? 10_000 : 200);
            long t3 = System.nanoTime();
            System.out.println("stopped=" + stopped + " alive=" + spin.isAlive() + " ended="
                    + (ended[0] == null ? "-" : ended[0].getClass().getName()) + " stopToDeadMicros="
                    + (t3 - t2) / 1000);
            forever = false;
            System.out.println("probe done");
        }
    }
}
