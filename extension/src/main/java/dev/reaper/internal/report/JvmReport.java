package dev.reaper.internal.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.reaper.internal.util.Json;

/**
 * One JVM's report files in the report directory: {@code reaper-<pid>.json}, replaced whole and atomically
 * at every event, so that a halt or a kill at any moment leaves a complete, parseable file; thread dumps
 * under {@code dumps/}; {@code reaper-<pid>.md} and {@code summary.md} (over every JVM that wrote to the
 * directory), rewritten when {@linkplain #summarize() asked}. Nothing is created before the first event.
 * Not thread-safe: {@link Reports} calls it under its one lock.
 */
final class JvmReport {

    static final String SUMMARY = "summary.md";

    private final Path dir;
    private final long pid;
    private final Map<String, Object> header = new LinkedHashMap<>();
    private final List<Map<String, Object>> events = new ArrayList<>();
    /** Each event as written to the JSON file: serialized once, not again at every later event. */
    private final List<String> written = new ArrayList<>();
    private boolean markdownBehind;
    private boolean filed;
    private int dumps;

    JvmReport(Path dir, long pid, String junitVersion) {
        this.dir = dir;
        this.pid = pid;
        header.put("format", 1);
        header.put("pid", pid);
        header.put("java", System.getProperty("java.version"));
        header.put("junit", junitVersion);
        header.put("workingDirectory", Path.of("").toAbsolutePath().toString());
        header.put("started", Instant.now().toString());
    }

    Path json() {
        return dir.resolve("reaper-" + pid + ".json");
    }

    /** Writes a thread dump; returns its path relative to the report directory, as events refer to it. */
    String dump(String test, String text) throws IOException {
        dumps++;
        String name = "dumps/" + pid + "-" + dumps + "-" + fileName(test) + ".txt";
        Path file = dir.resolve(name);
        Files.createDirectories(dir.resolve("dumps"));
        Files.write(file, text.getBytes(StandardCharsets.UTF_8)); // a lone surrogate becomes '?', never an error
        return name;
    }

    /**
     * Files the event in the JSON file. An event that could not be written stays in memory and is written
     * with the next one: a directory that comes back (a full disk cleared) loses nothing.
     *
     * @return whether this was the first event this JVM filed here
     */
    boolean add(Map<String, Object> event) throws IOException {
        written.add(Json.element(event));
        events.add(event);
        markdownBehind = true;
        Files.createDirectories(dir);
        replace(json(), Json.objectEndingInArray(header, "events", written));
        boolean first = !filed;
        filed = true;
        return first;
    }

    /** Rewrites an event filed here before, which its filer has since changed; false when it is not one of these. */
    boolean amend(Map<String, Object> event) throws IOException {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == event) {
                written.set(i, Json.element(event));
                markdownBehind = true;
                replace(json(), Json.objectEndingInArray(header, "events", written));
                return true;
            }
        }
        return false;
    }

    /**
     * Brings the Markdown files up to the JSON file. Not at every event: {@code summary.md} reads every
     * JVM's report under a lock they share, which a suite leaking in every test would pay per test.
     */
    void summarize() throws IOException {
        summarize(TimeLimit.NONE);
    }

    /** @param limit how long to wait for another JVM's rewrite of {@code summary.md} */
    void summarize(TimeLimit limit) throws IOException {
        if (!markdownBehind) {
            return;
        }
        replace(dir.resolve("reaper-" + pid + ".md"),
                Markdown.summary("Reaper report of JVM " + pid, List.of(new Markdown.Jvm(pid, events))));
        rewriteSummary(dir, limit);
        markdownBehind = false;
    }

    /** {@code summary.md} over every {@code reaper-*.json} of the directory, under a lock shared by the JVMs. */
    private static void rewriteSummary(Path dir, TimeLimit limit) throws IOException {
        Files.createDirectories(dir);
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = limit.acquire(lockFile)) {
            replace(dir.resolve(SUMMARY), summary(read(dir)));
        }
    }

    /** What {@code summary.md} says of these JVMs' reports. */
    static String summary(List<Markdown.Jvm> jvms) {
        return Markdown.summary("Reaper summary", jvms);
    }

    /** For the merge command, after the build: no JVM writes any more, and the directory may be read-only. */
    static void writeSummary(Path dir, String summary) throws IOException {
        replace(dir.resolve(SUMMARY), summary);
    }

    /** Every JVM report of a directory, oldest first; an unreadable file is named in the summary, not fatal. */
    @SuppressWarnings("unchecked")
    static List<Markdown.Jvm> read(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (var listing = Files.newDirectoryStream(dir, "reaper-*.json")) {
            listing.forEach(files::add);
        }
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Path file : files) {
            try {
                if (!(Json.parse(Files.readString(file, StandardCharsets.UTF_8)) instanceof Map<?, ?> document)
                        || !(document.get("events") instanceof List<?>)) {
                    throw new IllegalArgumentException("not a Reaper report (no \"events\" list)");
                }
                documents.add((Map<String, Object>) document);
            } catch (IOException | RuntimeException unreadable) {
                Map<String, Object> note = new LinkedHashMap<>();
                note.put("type", Events.UNREADABLE);
                note.put("test", String.valueOf(file.getFileName()));
                note.put("message", "could not be read: " + unreadable);
                documents.add(Map.of("pid", "?", "started", "", "events", List.of(note)));
            }
        }
        documents.sort(Comparator.comparing(document -> started(document.get("started"))));
        List<Markdown.Jvm> jvms = new ArrayList<>();
        for (Map<String, Object> document : documents) {
            jvms.add(new Markdown.Jvm(document.get("pid"), (List<Map<String, Object>>) document.get("events")));
        }
        return jvms;
    }

    /** {@code Instant.toString} drops zero fractions, so its strings do not sort as the instants do. */
    private static Instant started(Object started) {
        try {
            return Instant.parse(String.valueOf(started));
        } catch (DateTimeParseException unknown) {
            return Instant.MIN;
        }
    }

    private static void replace(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.write(temporary, text.getBytes(StandardCharsets.UTF_8));
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notHere) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String fileName(String test) {
        String name = test.replaceAll("[^A-Za-z0-9._-]+", "_");
        return name.length() > 80 ? name.substring(0, 80) : name;
    }
}
