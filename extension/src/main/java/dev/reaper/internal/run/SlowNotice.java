package dev.reaper.internal.run;

import java.io.PrintStream;
import java.time.Duration;

import dev.reaper.internal.report.Reports;
import dev.reaper.internal.util.Durations;

/**
 * {@code reaper.slow}: one line for an invocation still running at its slow mark, saying where it is
 * now, so that a CI log shows what is slow before anything is stopped; and a near miss in the report
 * for one that then ended in time and passed: the next hang, seen early.
 */
final class SlowNotice {

    private final PrintStream console;
    private final Reports reports;

    SlowNotice(PrintStream console, Reports reports) {
        this.console = console;
        this.reports = reports;
    }

    /** On the deadline thread, at the slow mark. */
    void stillRunning(GuardedInvocation invocation) {
        Duration ran = Duration.ofNanos(System.nanoTime() - invocation.startNanos());
        console.println("Reaper: " + invocation.description() + " has run " + Durations.format(ran) + " of its "
                + Durations.format(invocation.policy().timeout()) + "; at "
                + where(invocation.thread().getStackTrace()));
    }

    /** On JUnit's thread, when an invocation that was slow has passed. */
    void nearMiss(GuardedInvocation invocation, String description) {
        Duration took = Duration.ofNanos(System.nanoTime() - invocation.startNanos());
        reports.nearMiss(invocation.context(), description, took, invocation.policy().timeout());
    }

    /** The topmost frame of the code under test: not the JDK's, JUnit's or Reaper's own. */
    static String where(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (!isInfrastructure(frame.getClassName())) {
                return text(frame);
            }
        }
        return stack.length == 0 ? "(no stack)" : text(stack[0]);
    }

    /**
     * As a person reads a frame: without the class loader and module that {@link StackTraceElement#toString()} adds.
     */
    private static String text(StackTraceElement frame) {
        String source = frame.getFileName() == null ? "Unknown Source"
                : frame.getLineNumber() >= 0 ? frame.getFileName() + ":" + frame.getLineNumber() : frame.getFileName();
        return frame.getClassName() + "." + frame.getMethodName() + "(" + source + ")";
    }

    private static boolean isInfrastructure(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.")
                || className.startsWith("org.junit.")
                || className.startsWith("dev.reaper.internal.");
    }
}
