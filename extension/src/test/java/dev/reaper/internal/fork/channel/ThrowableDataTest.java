package dev.reaper.internal.fork.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import dev.reaper.internal.fork.channel.Message.Finished;
import dev.reaper.internal.fork.channel.Message.Status;

/** Throwables on the trip from a worker: the original where it can be, a readable stand-in where not. */
class ThrowableDataTest {

    private static final ClassLoader TEST_LOADER = ThrowableDataTest.class.getClassLoader();

    @Test
    void aThrowableWithACauseAndSuppressedComesBackAsItself() throws IOException {
        IllegalStateException original = new IllegalStateException("outer", new IOException("inner"));
        original.addSuppressed(new UnsupportedOperationException("also"));

        Throwable rebuilt = trip(original).rebuild(TEST_LOADER);

        assertThat(rebuilt).isExactlyInstanceOf(IllegalStateException.class).hasMessage("outer");
        assertThat(rebuilt.getStackTrace()).containsExactly(original.getStackTrace());
        assertThat(rebuilt.getCause()).isExactlyInstanceOf(IOException.class).hasMessage("inner");
        assertThat(rebuilt.getCause().getStackTrace()).containsExactly(original.getCause().getStackTrace());
        assertThat(rebuilt.getSuppressed()).hasSize(1);
        assertThat(rebuilt.getSuppressed()[0]).isExactlyInstanceOf(UnsupportedOperationException.class)
                .hasMessage("also");
        assertThat(printed(rebuilt)).isEqualTo(printed(original));
    }

    @Test
    void anAssertionFailedErrorKeepsExpectedAndActual() throws IOException {
        AssertionFailedError original = new AssertionFailedError("expected: <42> but was: <41>", 42, 41);

        Throwable rebuilt = trip(original).rebuild(TEST_LOADER);

        assertThat(rebuilt).isExactlyInstanceOf(AssertionFailedError.class).hasMessage("expected: <42> but was: <41>");
        AssertionFailedError failure = (AssertionFailedError) rebuilt;
        assertThat(failure.getExpected().getValue()).isEqualTo(42);
        assertThat(failure.getActual().getValue()).isEqualTo(41);
    }

    @Test
    void aThrowableThatDoesNotSerializeComesBackAsAStandInThatReadsLikeIt() throws IOException {
        HoldsALock original = new HoldsALock("the message", new IllegalArgumentException("why"));
        original.addSuppressed(new HoldsALock("closing failed", null));

        Throwable rebuilt = trip(original).rebuild(TEST_LOADER);

        String note = " (rebuilt by Reaper: not serializable, holds a java.lang.Object)";
        assertThat(rebuilt).isExactlyInstanceOf(RemoteTestException.class)
                .hasMessage(HoldsALock.class.getName() + ": the message" + note)
                .hasToString(HoldsALock.class.getName() + ": the message" + note);
        RemoteTestException standIn = (RemoteTestException) rebuilt;
        assertThat(standIn.originalClassName()).isEqualTo(HoldsALock.class.getName());
        assertThat(standIn.originalMessage()).isEqualTo("the message");
        assertThat(printedFrames(standIn)).containsExactlyElementsOf(printedFrames(original));
        assertThat(standIn.getCause()).hasToString("java.lang.IllegalArgumentException: why" + note);
        assertThat(printedFrames(standIn.getCause())).containsExactlyElementsOf(printedFrames(original.getCause()));
        assertThat(standIn.getSuppressed()).hasSize(1);
        assertThat(standIn.getSuppressed()[0]).hasToString(HoldsALock.class.getName() + ": closing failed" + note);
        assertThat(printed(standIn)).isEqualTo(printed(original)
                .replace(HoldsALock.class.getName() + ": the message",
                        HoldsALock.class.getName() + ": the message" + note)
                .replace(HoldsALock.class.getName() + ": closing failed",
                        HoldsALock.class.getName() + ": closing failed" + note)
                .replace("java.lang.IllegalArgumentException: why", "java.lang.IllegalArgumentException: why" + note));
        assertThat(printed(standIn)).as("printed like the JDK prints its own frames")
                .contains("\tat " + getClass().getName()
                        + ".aThrowableThatDoesNotSerializeComesBackAsAStandInThatReadsLikeIt(ThrowableDataTest.java:")
                .doesNotContain("app//");
    }

    @Test
    void aThrowableWhoseClassTheTestJvmCannotLoadComesBackAsAStandIn(@TempDir Path dir) throws Exception {
        try (URLClassLoader workerOnly = compile(dir, "com.acme.WeirdException",
                "package com.acme; public class WeirdException extends RuntimeException {"
                        + " public WeirdException(String m, Throwable c) { super(m, c); } }")) {
            Throwable original = (Throwable) workerOnly.loadClass("com.acme.WeirdException")
                    .getConstructor(String.class, Throwable.class)
                    .newInstance("the message", new IllegalStateException("the cause"));
            ThrowableData data = trip(original);
            assertThat(data.serialized()).as("it serialized in the worker").isNotNull();

            Throwable rebuilt = data.rebuild(TEST_LOADER);

            assertThat(rebuilt).isExactlyInstanceOf(RemoteTestException.class)
                    .hasToString(
                            "com.acme.WeirdException: the message (rebuilt by Reaper: class not loadable in the test JVM)");
            assertThat(((RemoteTestException) rebuilt).originalClassName()).isEqualTo("com.acme.WeirdException");
            assertThat(printedFrames(rebuilt)).containsExactlyElementsOf(printedFrames(original));
            assertThat(rebuilt.getCause()).isInstanceOf(RemoteTestException.class)
                    .hasToString(
                            "java.lang.IllegalStateException: the cause (rebuilt by Reaper: class not loadable in the test JVM)");
        }
    }

    @Test
    void aCauseTheTestJvmCannotLoadNamesItsClass(@TempDir Path dir) throws Exception {
        try (URLClassLoader workerOnly = compile(dir, "com.acme.Inner",
                "package com.acme; public class Inner extends Exception { public Inner() { super(\"deep\"); } }")) {
            Throwable inner = (Throwable) workerOnly.loadClass("com.acme.Inner").getConstructor().newInstance();

            Throwable rebuilt = trip(new AssertionError("outer", inner)).rebuild(TEST_LOADER);

            assertThat(rebuilt).hasToString(
                    "java.lang.AssertionError: outer (rebuilt by Reaper: class com.acme.Inner not loadable in the test JVM)");
            assertThat(rebuilt.getCause()).hasToString(
                    "com.acme.Inner: deep (rebuilt by Reaper: class com.acme.Inner not loadable in the test JVM)");
        }
    }

    @Test
    void aClassThatDiffersInTheTestJvmComesBackAsAStandIn(@TempDir Path dir) throws Exception {
        String source = "package com.acme; public class Versioned extends RuntimeException {"
                + " private static final long serialVersionUID = %dL; public Versioned() { super(\"v\"); } }";
        try (URLClassLoader worker = compile(dir.resolve("worker"), "com.acme.Versioned", String.format(source, 1));
                URLClassLoader test = compile(dir.resolve("test"), "com.acme.Versioned", String.format(source, 2))) {
            Throwable original = (Throwable) worker.loadClass("com.acme.Versioned").getConstructor().newInstance();

            Throwable rebuilt = trip(original).rebuild(test);

            assertThat(rebuilt).hasToString(
                    "com.acme.Versioned: v (rebuilt by Reaper: class com.acme.Versioned differs in the test JVM)");
        }
    }

    @Test
    void aCauseCycleEnds() throws IOException {
        CycleException first = new CycleException("first");
        CycleException second = new CycleException("second");
        first.initCause(second);
        second.initCause(first);

        ThrowableData data = ThrowableData.of(first);

        assertThat(data.text().cause().className()).isEqualTo(CycleException.class.getName());
        assertThat(data.text().cause().cause()).isNull();
        assertThat(trip(first).rebuild(TEST_LOADER).getCause().getMessage()).isEqualTo("second");
    }

    @Test
    void aGetMessageThatThrowsDoesNotCostTheFailure() throws IOException {
        RuntimeException original = new RuntimeException() {
            private final transient Object notSerializable = new Object();

            @Override
            public String getMessage() {
                throw new IllegalStateException("no message for you");
            }
        };

        Throwable rebuilt = trip(original).rebuild(TEST_LOADER);

        assertThat(rebuilt).isInstanceOf(RemoteTestException.class);
        assertThat(((RemoteTestException) rebuilt).originalMessage())
                .isEqualTo("<getMessage() threw java.lang.IllegalStateException: no message for you>");
        assertThat(printedFrames(rebuilt)).containsExactlyElementsOf(printedFrames(original));
    }

    @Test
    void aThrowableTooLargeToSerializeTravelsAsText() throws IOException {
        HoldsBytes original = new HoldsBytes(new byte[ThrowableData.MAX_SERIALIZED_BYTES + 1]);

        ThrowableData data = ThrowableData.of(original);

        assertThat(data.serialized()).isNull();
        assertThat(data.rebuild(TEST_LOADER)).hasToString(
                HoldsBytes.class.getName() + ": big (rebuilt by Reaper: too large to serialize, over 8 MiB)");
    }

    @Test
    void theStandInIsItselfSerializable() throws Exception {
        Throwable standIn = trip(new HoldsALock("m", null)).rebuild(TEST_LOADER);

        Throwable again = trip(standIn).rebuild(TEST_LOADER);

        assertThat(again).isExactlyInstanceOf(RemoteTestException.class).hasToString(standIn.toString());
        assertThat(((RemoteTestException) again).originalClassName()).isEqualTo(HoldsALock.class.getName());
    }

    /** Through the codec, as a Finished message goes from the worker to the parent. */
    private static ThrowableData trip(Throwable throwable) throws IOException {
        byte[] frame = MessageCodec.encode(new Finished("id", "name", Status.FAILED, ThrowableData.of(throwable)));
        Finished finished = (Finished) MessageCodec.decode(Arrays.copyOfRange(frame, 4, frame.length));
        return finished.throwable();
    }

    private static List<String> printedFrames(Throwable throwable) {
        return Arrays.stream(throwable.getStackTrace()).map(StackTraceElement::toString).toList();
    }

    private static String printed(Throwable throwable) {
        StringWriter text = new StringWriter();
        throwable.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /** Compiles one class into {@code dir} and loads it in a loader of its own, as a worker-only class. */
    private static URLClassLoader compile(Path dir, String className, String source) throws IOException {
        Path file = dir.resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler).as("a JDK's compiler").isNotNull();
        assertThat(compiler.run(null, null, null, "-d", dir.toString(), file.toString())).isZero();
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, TEST_LOADER);
    }

    static final class HoldsALock extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Object lock = new Object();

        HoldsALock(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static final class HoldsBytes extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final byte[] bytes;

        HoldsBytes(byte[] bytes) {
            super("big");
            this.bytes = bytes;
        }
    }

    static final class CycleException extends Exception {
        private static final long serialVersionUID = 1L;

        CycleException(String message) {
            super(message);
        }
    }
}
