package dev.reaper.internal.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.Function;

/**
 * What GitHub Actions shows without anyone opening a log: an {@code ::error} annotation at the line each
 * hung test was stuck at (a handful, then one pointer to the summary), and the Markdown summary appended
 * to {@code $GITHUB_STEP_SUMMARY}. Does nothing unless {@code GITHUB_ACTIONS=true}.
 */
final class GitHubActions {

    /** GitHub shows about ten annotations per step; more would hide the rest of the build's. */
    static final int MAX_ANNOTATIONS = 5;

    /** What one JVM may add to the step summary. */
    static final int SUMMARY_BUDGET = 128 * 1024;

    /**
     * How large the step summary may grow through Reaper, whatever each JVM's budget: GitHub drops a step's
     * whole summary past 1 MiB, a step may run many JVMs (Surefire with {@code reuseForks=false}), and the
     * step's other tools may want some of it.
     */
    static final int STEP_BUDGET = 768 * 1024;

    private final boolean enabled;
    private final Path stepSummary;
    private final PrintStream out;
    private int annotations;
    private long summaryBytes;
    private boolean summaryFull;

    GitHubActions(Function<String, String> environment, PrintStream out) {
        this.enabled = "true".equals(environment.apply("GITHUB_ACTIONS"));
        this.stepSummary = path(environment.apply("GITHUB_STEP_SUMMARY"));
        this.out = out;
    }

    private static Path path(String value) {
        try {
            return value == null || value.isBlank() ? null : Paths.get(value);
        } catch (InvalidPathException unusable) {
            return null; // annotations still work; a report must never fail a test
        }
    }

    static GitHubActions fromEnvironment() {
        // GitHub reads workflow commands from standard error too, and only that one reaches the log
        // unbuffered from a Surefire fork (see DirectStderr).
        return new GitHubActions(System::getenv, DirectStderr.stream());
    }

    static GitHubActions disabled() {
        return new GitHubActions(name -> null, DirectStderr.stream());
    }

    boolean enabled() {
        return enabled;
    }

    /**
     * An {@code ::error} for a hung test, the watchdog or a shutdown; after {@link #MAX_ANNOTATIONS}, one
     * notice. Printed outside the lock: a console that blocks must not hold up the step summary.
     */
    void annotate(Map<String, Object> event, String title, String summaryFile) {
        if (!enabled) {
            return;
        }
        int number;
        synchronized (this) {
            number = ++annotations;
        }
        if (number > MAX_ANNOTATIONS) {
            if (number == MAX_ANNOTATIONS + 1) {
                print("::notice title=" + property("Reaper: more hung tests") + "::"
                        + data("More hung tests than annotations; all of them are in " + summaryFile));
            }
            return;
        }
        StringBuilder command = new StringBuilder("::error ");
        if (event.get("sourceFrame") instanceof Map<?, ?> frame && frame.get("path") != null) {
            command.append("file=").append(property(String.valueOf(frame.get("path"))))
                    .append(",line=").append(frame.get("line")).append(',');
        }
        command.append("title=").append(property(title)).append("::")
                .append(data(String.valueOf(event.get("message"))));
        print(command.toString());
    }

    /**
     * Appends Markdown to the step summary, when the step has one, while this JVM has added less than
     * {@link #SUMMARY_BUDGET} and the file is below {@link #STEP_BUDGET}; then one line says where the rest
     * is. One write under a lock of the file: the JVMs of a step append to the same file.
     */
    void appendSummary(String markdown, String rest) throws IOException {
        appendSummary(markdown, rest, TimeLimit.NONE);
    }

    /** @param limit how long to wait for another JVM's append */
    synchronized void appendSummary(String markdown, String rest, TimeLimit limit) throws IOException {
        if (!enabled || stepSummary == null || summaryFull) {
            return;
        }
        byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
        try (FileChannel file = FileChannel.open(stepSummary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND); FileLock lock = limit.acquire(file)) {
            if (summaryBytes + bytes.length > SUMMARY_BUDGET || file.size() + bytes.length > STEP_BUDGET) {
                summaryFull = true;
                bytes = ("More than fits GitHub's step summary: " + rest + "\n\n").getBytes(StandardCharsets.UTF_8);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                file.write(buffer);
            }
            summaryBytes += bytes.length;
        }
    }

    private void print(String command) {
        // A line of its own: GitHub only reads a workflow command at the start of a line. One write, so
        // that no other line can come between the break and the command.
        out.print(System.lineSeparator() + command + System.lineSeparator());
        out.flush();
    }

    /** Workflow command escaping of a message. */
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Workflow command escaping of a property value (file, title). */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
