package dev.reaper.internal.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reaper.Rung;
import dev.reaper.TestStoppedError;
import dev.reaper.internal.ladder.clinit.SpinningInitializer;
import dev.reaper.internal.ladder.clinit.StandInTestClass;

/**
 * Real threads stuck in a real static initializer ({@link SpinningInitializer}'s busy loop), climbed by
 * the real ladder with the real stopper. The classes are loaded by a fresh class loader over two
 * directories, as a test JVM's class path holds {@code target/test-classes} and a library's jar: the
 * stand-in test class always from the first, the spinning class from the second (a library's code) or
 * from the first (the test's own code).
 */
class ClinitStopTest {

    static final String SPINNING = SpinningInitializer.class.getName();
    static final List<Rung> RUNGS = List.of(Rung.INTERRUPT, Rung.FLAG, Rung.STOP);
    static final Duration GRACE = Duration.ofMillis(200);

    @TempDir
    Path dir;

    final List<String> lines = new ArrayList<>();
    final List<Thread> started = new ArrayList<>();

    @AfterEach
    void stopWhatIsStillSpinning() throws InterruptedException {
        for (Thread thread : started) {
            stopAndJoin(thread);
        }
    }

    @Test
    void inThreadIsolationStopActsAndTheNoteNamesTheLibraryClassItLeavesUnusable() throws Exception {
        assumeStopperAvailable();
        ClassLoader loader = classPath(List.of(StandInTestClass.class), List.of(SpinningInitializer.class));
        Hang hang = hangInInitializer(loader);

        Climb climb = Ladder.forThreads(RUNGS).climb(hang, GRACE, lines::add);

        assertThat(climb.stoppedBy()).isEqualTo(Rung.STOP);
        assertThat(climb.skipped()).isEmpty();
        String note = "stopping it inside the static initializer of " + SPINNING + ", which leaves that class"
                + " unusable in this JVM (NoClassDefFoundError for every later test)";
        assertThat(climb.notes()).containsExactly(note);
        assertThat(lines).containsSubsequence("stopping the thread", note);
        assertThat(hang.thrown.get()).isInstanceOf(TestStoppedError.class);
        // The note is true: the class is failed for good in its loader.
        assertThatThrownBy(() -> Class.forName(SPINNING, true, loader))
                .isInstanceOf(NoClassDefFoundError.class)
                .hasMessageContaining(SPINNING);
    }

    @Test
    void inAForkWorkerStopIsSkippedWithTheReasonAndTheThreadIsLeftForTheKill() throws Exception {
        assumeStopperAvailable();
        ClassLoader loader = classPath(List.of(StandInTestClass.class), List.of(SpinningInitializer.class));
        Hang hang = hangInInitializer(loader);

        Climb climb = Ladder.forThreads(RUNGS, true).climb(hang, GRACE, lines::add);

        assertThat(climb.isZombie()).isTrue();
        assertThat(climb.tried()).containsExactly(Rung.INTERRUPT, Rung.FLAG);
        String skipped = "stop rung skipped: the thread is inside the static initializer of " + SPINNING
                + ", not the test's own code, and stopping it there would leave that class unusable in the worker"
                + " JVM (NoClassDefFoundError for every later test); the worker JVM is killed instead";
        assertThat(climb.skipped()).containsExactly(skipped);
        assertThat(climb.notes()).isEmpty();
        assertThat(lines).contains(skipped).doesNotContain("stopping the thread");
        assertThat(hang.thread.isAlive()).isTrue();
        assertThat(initializers(hang.thread)).containsExactly(SPINNING);
    }

    @Test
    void aHangInTheTestsOwnStaticInitializerIsStoppedWithoutANote() throws Exception {
        assumeStopperAvailable();
        ClassLoader loader = classPath(List.of(StandInTestClass.class, SpinningInitializer.class), List.of());
        Hang hang = hangInInitializer(loader);

        Climb climb = Ladder.forThreads(RUNGS).climb(hang, GRACE, lines::add);

        assertThat(climb.stoppedBy()).isEqualTo(Rung.STOP);
        assertThat(climb.notes()).isEmpty();
        assertThat(climb.skipped()).isEmpty();
        assertThat(String.join("\n", lines)).doesNotContain("static initializer");
    }

    @Test
    void inAForkWorkerTooTheTestsOwnStaticInitializerIsStopped() throws Exception {
        assumeStopperAvailable();
        ClassLoader loader = classPath(List.of(StandInTestClass.class, SpinningInitializer.class), List.of());
        Hang hang = hangInInitializer(loader);

        Climb climb = Ladder.forThreads(RUNGS, true).climb(hang, GRACE, lines::add);

        assertThat(climb.stoppedBy()).isEqualTo(Rung.STOP);
        assertThat(climb.notes()).isEmpty();
        assertThat(climb.skipped()).isEmpty();
    }

    @Test
    void withNoTestClassKnownEveryStaticInitializerIsNoted() throws Exception {
        assumeStopperAvailable();
        ClassLoader loader = classPath(List.of(StandInTestClass.class, SpinningInitializer.class), List.of());
        Hang hang = hangInInitializer(loader);
        HungThread unknown = new Hang(hang.thread, null, hang.thrown);

        Climb climb = Ladder.forThreads(RUNGS).climb(unknown, GRACE, lines::add);

        assertThat(climb.stoppedBy()).isEqualTo(Rung.STOP);
        assertThat(climb.notes()).singleElement().asString().contains("static initializer of " + SPINNING);
    }

    // ---------------------------------------------------------------------------------------------

    /** A thread spinning in {@link SpinningInitializer}'s static initializer, as loaded by {@code loader}. */
    Hang hangInInitializer(ClassLoader loader) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                Class.forName(SPINNING, true, loader);
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "spinning in <clinit>");
        thread.setDaemon(true);
        started.add(thread);
        thread.start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!initializers(thread).contains(SPINNING)) {
            assertThat(System.nanoTime()).as("the thread reaches the static initializer").isLessThan(until);
            Thread.sleep(5);
        }
        return new Hang(thread, Class.forName(StandInTestClass.class.getName(), false, loader), thrown);
    }

    static List<String> initializers(Thread thread) {
        return Arrays.stream(thread.getStackTrace()).filter(frame -> frame.getMethodName().equals("<clinit>"))
                .map(StackTraceElement::getClassName).toList();
    }

    /**
     * A fresh loader over two directories, "the test classes" then "a library", holding copies of the
     * given classes' files. Its parent is the platform loader, so that it, and not the application class
     * loader, defines them.
     */
    URLClassLoader classPath(List<Class<?>> testClasses, List<Class<?>> libraryClasses) throws IOException {
        Path tests = dir.resolve("test-classes");
        Path library = dir.resolve("library");
        for (Class<?> type : testClasses) {
            copyClassFile(type, tests);
        }
        for (Class<?> type : libraryClasses) {
            copyClassFile(type, library);
        }
        Files.createDirectories(library);
        return new URLClassLoader(new URL[] {tests.toUri().toURL(), library.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
    }

    static void copyClassFile(Class<?> type, Path root) throws IOException {
        String file = type.getName().replace('.', '/') + ".class";
        Path target = root.resolve(file);
        Files.createDirectories(target.getParent());
        try (InputStream in = type.getClassLoader().getResourceAsStream(file)) {
            assertThat(in).as(file).isNotNull();
            Files.copy(in, target);
        }
    }

    static void assumeStopperAvailable() {
        assumeTrue(ThreadStoppers.best().unavailableReason().isEmpty(),
                () -> "no stopper: " + ThreadStoppers.best().unavailableReason().orElse(""));
    }

    static void stopAndJoin(Thread thread) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.isAlive() && System.nanoTime() < until) {
            ThreadStoppers.best().stop(thread, new TestStoppedError("ClinitStopTest cleaning up"));
            thread.join(100);
        }
        assertThat(thread.isAlive()).as("cleaned up: " + thread).isFalse();
    }

    /** A real thread as the ladder sees it, with the test class it runs. */
    record Hang(Thread thread, Class<?> testClass, AtomicReference<Throwable> thrown) implements HungThread {

        @Override
        public String description() {
            return "StandInTestClass.hangs()";
        }

        @Override
        public boolean hasFinished() {
            return !thread.isAlive();
        }

        @Override
        public boolean awaitFinish(long untilNanos) {
            long left = untilNanos - System.nanoTime();
            try {
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(thread, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return !thread.isAlive();
        }

        @Override
        public void requestStop() {
        }

        @Override
        public boolean stopFlagPolled() {
            return false;
        }
    }
}
