package dev.reaper.internal.fork.parent;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.reaper.internal.process.OperatingSystem;

/**
 * Explains why a worker JVM ended in the middle of a test, from what the parent can see: the exit
 * code and the end of the worker's standard error.
 *
 * <p>On Unix the JDK reports a process ended by signal N as exit code 128 + N ({@code destroyForcibly()}
 * gives 137), the shell's convention. A program can also call {@code System.exit(137)}; the sentence
 * says "likely" for that reason.
 */
final class ExitCause {

    /** Lines of standard error quoted at most. */
    static final int TAIL_LINES = 20;

    private static final String OOM = "java.lang.OutOfMemoryError";

    private ExitCause() {
    }

    /**
     * @param stderrTail the last lines the worker wrote to standard error; may be null or empty. Better with
     *                   the end of standard output too: the JVM prints its own last words there
     *                   ("Terminating due to java.lang.OutOfMemoryError", the crash banner naming hs_err_pid*.log)
     * @return e.g. {@code Worker JVM (pid 4711) exited with code 137: killed (SIGKILL), e.g. by kill -9 ...},
     *         followed by the last lines of standard error when there are any
     */
    static String describe(long pid, int exitCode, String stderrTail) {
        List<String> lines = lines(stderrTail);
        // The cause is looked for in all of it (an OutOfMemoryError's stack trace can be long), few lines are quoted.
        List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        StringBuilder text = new StringBuilder("Worker JVM (pid ").append(pid).append(") exited with code ")
                .append(exitCode).append(": ").append(cause(pid, exitCode, lines)).append('.');
        if (!tail.isEmpty()) {
            text.append("\nLast lines of its output:");
            tail.forEach(line -> text.append("\n    ").append(line));
        }
        return text.toString();
    }

    private static String cause(long pid, int exitCode, List<String> stderr) {
        Optional<String> oom = stderr.stream().filter(line -> line.contains(OOM)).findFirst();
        if (!OperatingSystem.WINDOWS && exitCode > 128 && exitCode < 128 + 65) {
            String signal = signal(exitCode - 128, pid, stderr);
            // The kernel's OOM killer leaves no Java message; a Java OOM before a crash does.
            return oom.map(line -> signal + "; it ran out of memory before: " + oomKind(line)).orElse(signal);
        }
        if (oom.isPresent()) {
            String kind = oomKind(oom.get());
            return oom.get().contains("Terminating due to")
                    ? "out of memory (" + kind + "), ended by -XX:+ExitOnOutOfMemoryError"
                    : "out of memory (" + kind + ")";
        }
        if (stderr.stream().anyMatch(line -> line.contains("Could not create the Java Virtual Machine")
                || line.contains("Error occurred during initialization of VM")
                || line.contains("Could not find or load main class"))) {
            return "the worker JVM failed to start (see its error output below)";
        }
        if (exitCode == 0) {
            return "System.exit(0) called by the test or code it ran";
        }
        return "System.exit(" + exitCode + ") or Runtime.halt(" + exitCode + ") called by the test or code it ran"
                + (exitCode == 1 ? ", or an uncaught exception ended the worker" : "")
                + (exitCode == 3
                        ? ", or -XX:+ExitOnOutOfMemoryError (it exits with 3 and says so on standard output)" : "");
    }

    private static String signal(int signal, long pid, List<String> stderr) {
        switch (signal) {
            case 9:
                return "killed (SIGKILL), e.g. by kill -9, a timeout of the build or CI, or the kernel's OOM killer"
                        + " (check dmesg)";
            case 6:
                return "aborted (SIGABRT): a native crash of the JVM, see " + hsErrFile(pid, stderr);
            case 15:
                return "terminated (SIGTERM), e.g. by kill, the build tool, or a shutdown of the machine or container";
            case 11:
                return "crashed (SIGSEGV) in native code, see " + hsErrFile(pid, stderr);
            case 2:
                return "interrupted (SIGINT), e.g. by Ctrl-C";
            case 1:
                return "hung up (SIGHUP): the terminal or session that started the build closed";
            default:
                return "killed by signal " + signal;
        }
    }

    /** The JVM's crash handler names its report on standard error; otherwise its default name. */
    private static String hsErrFile(long pid, List<String> stderr) {
        for (int i = 0; i < stderr.size(); i++) {
            if (stderr.get(i).contains("An error report file with more information is saved as")) {
                String sameLine = stderr.get(i).replaceFirst(".*saved as:?", "").trim();
                String next = i + 1 < stderr.size() ? stderr.get(i + 1).replaceFirst("^#", "").trim() : "";
                String path = sameLine.isEmpty() ? next : sameLine;
                if (!path.isEmpty()) {
                    return path;
                }
            }
        }
        return "hs_err_pid" + pid + ".log in the worker's working directory";
    }

    /** "java.lang.OutOfMemoryError: Java heap space" out of whatever line carries it. */
    private static String oomKind(String line) {
        return line.substring(line.indexOf(OOM)).trim();
    }

    private static List<String> lines(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\R"));
    }
}
