package dev.reaper.internal.report;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * The process's own standard error, under whatever {@code System.err} has become. Surefire's forks send
 * {@code System.err} to Maven asynchronously and a {@code Runtime.halt} right after loses what was not
 * sent yet (measured: the last lines were gone in every run); with {@code redirectTestOutputToFile} they
 * would not reach the log at all. What must be seen before a halt, and GitHub's workflow commands, go
 * here. Never standard output: Surefire's own channel may be on it.
 */
public final class DirectStderr {

    /** Per JVM: file descriptor 2 is the process's. */
    private static final PrintStream STREAM = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            Charset.defaultCharset());

    private DirectStderr() {
    }

    public static PrintStream stream() {
        return STREAM;
    }
}
