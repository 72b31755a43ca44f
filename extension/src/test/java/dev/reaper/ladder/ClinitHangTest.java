package dev.reaper.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.reaper.HungTestException;
import dev.reaper.Isolation;
import dev.reaper.Reaper;
import dev.reaper.Rung;
import dev.reaper.testing.Kit;

/**
 * A test that hangs inside a library's static initializer: stopping it there breaks that class for the
 * rest of the JVM, so in thread isolation the failure says so, and in fork isolation the worker is
 * killed instead, which breaks nothing.
 */
class ClinitHangTest {

    static final String LIBRARY_CLASS = "com.example.driver.SlowDriver";

    /**
     * Compiles and loads a library's class whose static initializer spins (as a driver's that waits for
     * a server forever): a class path entry of its own, a class the test's loader cannot see.
     */
    static Path compileLibrary() throws Exception {
        Path library = Files.createTempDirectory("reaper-library");
        Path source = library.resolve("SlowDriver.java");
        Files.writeString(source, "package com.example.driver; public final class SlowDriver {"
                + " static { while (forever()) { Thread.onSpinWait(); } }"
                + " static boolean forever() { return true; } }");
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", library.toString(),
                source.toString());
        assertThat(status).as("javac").isZero();
        return library;
    }

    static Class<?> initializeLibraryClass(Path library) throws Exception {
        ClassLoader loader = new URLClassLoader(new URL[] {library.toUri().toURL()}, null);
        LIBRARY_LOADER = loader;
        return Class.forName(LIBRARY_CLASS, true, loader);
    }

    static volatile ClassLoader LIBRARY_LOADER;

    abstract static class InitializesALibrary {

        static Path library;

        @BeforeAll
        static void compile() throws Exception {
            library = compileLibrary(); // javac takes longer than the test's timeout
        }

        @Test
        void initializesTheLibrary() throws Exception {
            initializeLibraryClass(library);
        }
    }

    @Reaper(timeout = "300 ms", grace = "300 ms")
    static class HangsInALibraryInitializer extends InitializesALibrary {
    }

    @Reaper(timeout = "1 s", grace = "300 ms", isolation = Isolation.FORK)
    static class HangsInALibraryInitializerInAWorker extends InitializesALibrary {
    }

    @Test
    void inThreadIsolationTheFailureNamesTheClassTheStopLeftUnusable() {
        Kit kit = Kit.run(HangsInALibraryInitializer.class);

        HungTestException hung = kit.hung("initializesTheLibrary()");
        assumeTrue(hung.stoppedBy().isPresent(), "the stop rung is available here");
        assertThat(hung.stoppedBy()).contains(Rung.STOP);
        assertThat(hung.getMessage()).contains("stopping it inside the static initializer of " + LIBRARY_CLASS
                + ", which leaves that class unusable in this JVM (NoClassDefFoundError for every later test)");
        ClassLoader loader = LIBRARY_LOADER;
        assertThat(catchLinkage(() -> Class.forName(LIBRARY_CLASS, true, loader)))
                .as("what the message says").isInstanceOf(NoClassDefFoundError.class);
    }

    @Test
    void inForkIsolationTheWorkerIsKilledInsteadOfStoppingTheInitializer() {
        Kit kit = Kit.run(HangsInALibraryInitializerInAWorker.class);

        HungTestException hung = kit.hung("initializesTheLibrary()");
        assertThat(hung.stoppedBy()).contains(Rung.KILL);
        assertThat(hung.getMessage()).contains("stopped by kill");
    }

    private static Throwable catchLinkage(ThrowingCall call) {
        try {
            call.run();
            return null;
        } catch (Throwable thrown) {
            return thrown;
        }
    }

    interface ThrowingCall {
        void run() throws Exception;
    }
}
