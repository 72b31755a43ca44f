package dev.reaper.internal.watchdog;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What started the JVM's shutdown, read from the stack of the thread that runs the shutdown hooks: a
 * signal's handler thread ({@code "SIGTERM handler"}), a thread in {@code System.exit} (and where it was
 * called), or the last non-daemon thread ending. Java says none of this directly, so when no stack shows
 * it the cause is {@code unknown}.
 *
 * @param kind        {@code signal}, {@code exit}, {@code end} or {@code unknown}, as the report names it
 * @param signal      e.g. {@code SIGTERM}, for a signal
 * @param thread      the thread that started the shutdown
 * @param callerStack for {@code exit}: the stack below {@code System.exit} or {@code Runtime.exit}, caller first
 */
record ShutdownCause(String kind, Optional<String> signal, Optional<Thread> thread,
        List<StackTraceElement> callerStack) {

    static final ShutdownCause UNKNOWN = new ShutdownCause("unknown", Optional.empty(), Optional.empty(), List.of());

    private static final Pattern SIGNAL_HANDLER = Pattern.compile("(SIG[A-Z0-9]+) handler");

    static ShutdownCause of(Map<Thread, StackTraceElement[]> stacks) {
        for (Map.Entry<Thread, StackTraceElement[]> entry : stacks.entrySet()) {
            StackTraceElement[] stack = entry.getValue();
            if (Arrays.stream(stack).anyMatch(frame -> is(frame, "java.lang.Shutdown", "runHooks"))) {
                return of(entry.getKey(), stack);
            }
        }
        return UNKNOWN;
    }

    private static ShutdownCause of(Thread thread, StackTraceElement[] stack) {
        int exit = -1;
        for (int i = 0; i < stack.length; i++) {
            if (is(stack[i], "java.lang.Runtime", "exit") || is(stack[i], "java.lang.System", "exit")) {
                exit = i; // the deepest of them: System.exit calls Runtime.exit
            }
        }
        if (exit >= 0) {
            return new ShutdownCause("exit", Optional.empty(), Optional.of(thread),
                    List.of(Arrays.copyOfRange(stack, exit + 1, stack.length)));
        }
        Matcher handler = SIGNAL_HANDLER.matcher(thread.getName());
        if (handler.matches()
                && Arrays.stream(stack).anyMatch(frame -> frame.getClassName().startsWith("java.lang.Terminator"))) {
            return new ShutdownCause("signal", Optional.of(handler.group(1)), Optional.of(thread), List.of());
        }
        if (Arrays.stream(stack).anyMatch(frame -> is(frame, "java.lang.Shutdown", "shutdown"))) {
            return new ShutdownCause("end", Optional.empty(), Optional.of(thread), List.of());
        }
        return new ShutdownCause("unknown", Optional.empty(), Optional.of(thread), List.of());
    }

    private static boolean is(StackTraceElement frame, String className, String method) {
        return frame.getClassName().equals(className) && frame.getMethodName().equals(method);
    }

    /**
     * What ends the JVM, in the words of the console line and the report.
     *
     * @param exitingTest the running test whose thread called {@code System.exit}, if it was one
     */
    String describe(Optional<String> exitingTest) {
        return switch (kind) {
            case "signal" -> signal.orElseThrow() + " received";
            case "exit" -> "System.exit called " + exitingTest.map(test -> "by " + test)
                    .orElseGet(() -> "on thread \"" + thread.map(Thread::getName).orElse("?") + "\"")
                    + callerStack.stream().findFirst().filter(frame -> frame.getFileName() != null)
                            .map(frame -> " at " + frame.getFileName() + ":" + frame.getLineNumber()).orElse("");
            case "end" -> "its last non-daemon thread ended";
            default -> "System.exit or a signal";
        };
    }
}
