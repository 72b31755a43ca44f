package dev.reaper.internal.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The human summary of one or more JVMs' reports: a headline counting what happened, then one table row
 * per event, in the order the events happened in each JVM. Written from the same maps as the JSON.
 */
final class Markdown {

    private Markdown() {
    }

    /** A JVM's events, as read from or written to its JSON file. */
    record Jvm(Object pid, List<Map<String, Object>> events) {
    }

    /** With links to the thread dumps, for a file in the report directory. */
    static String summary(String title, List<Jvm> jvms) {
        return summary(title, jvms, true);
    }

    /** @param linkDumps false where a link relative to the report directory leads nowhere (GitHub's step summary) */
    static String summary(String title, List<Jvm> jvms, boolean linkDumps) {
        int hung = 0;
        int zombies = 0;
        int leaks = 0;
        int watchdogs = 0;
        int exits = 0;
        int nearMisses = 0;
        int shutdowns = 0;
        int unreadable = 0;
        for (Jvm jvm : jvms) {
            for (Map<String, Object> event : jvm.events()) {
                switch (String.valueOf(event.get("type"))) {
                    case Events.HUNG -> {
                        hung++;
                        if (Boolean.TRUE.equals(event.get("zombie"))) {
                            zombies++;
                        }
                    }
                    case Events.LEAK -> leaks++;
                    case Events.WATCHDOG -> watchdogs++;
                    case Events.WORKER_EXIT -> exits++;
                    case Events.NEAR_MISS -> nearMisses++;
                    case Events.SHUTDOWN -> shutdowns++;
                    case Events.UNREADABLE -> unreadable++;
                    default -> {
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder("## ").append(title).append("\n\n");
        List<String> counts = new ArrayList<>();
        count(counts, hung, "hung test", "hung tests");
        count(counts, zombies, "could not be stopped", "could not be stopped");
        count(counts, leaks, "test leaked threads or processes", "tests leaked threads or processes");
        count(counts, exits, "worker JVM exited during a test", "worker JVMs exited during a test");
        count(counts, watchdogs, "run watchdog fired", "run watchdogs fired");
        count(counts, nearMisses, "near miss (passed, but slow)", "near misses (passed, but slow)");
        count(counts, shutdowns, "JVM shut down while tests ran", "JVMs shut down while tests ran");
        count(counts, unreadable, "report could not be read", "reports could not be read");
        out.append(counts.isEmpty() ? "Nothing hung, leaked or stalled." : String.join(", ", counts) + ".")
                .append("\n\n");
        if (counts.isEmpty()) {
            return out.toString();
        }
        out.append("| What | Test | JVM | Details | Where |\n|---|---|---|---|---|\n");
        for (Jvm jvm : jvms) {
            for (Map<String, Object> event : jvm.events()) {
                out.append("| ").append(what(event))
                        .append(" | ").append(code(test(event)))
                        .append(" | ").append(jvm.pid())
                        .append(" | ").append(cell(details(event)))
                        .append(" | ").append(where(event, linkDumps))
                        .append(" |\n");
            }
        }
        return out.append('\n').toString();
    }

    private static void count(List<String> counts, int count, String one, String many) {
        if (count > 0) {
            counts.add(count + " " + (count == 1 ? one : many));
        }
    }

    private static String what(Map<String, Object> event) {
        Object type = event.get("type");
        if (Events.HUNG.equals(type)) {
            if (Boolean.TRUE.equals(event.get("zombie"))) {
                return "hung, not stopped";
            }
            return event.get("rung") == null ? "hung" : "hung, stopped by " + event.get("rung");
        }
        if (Events.LEAK.equals(type)) {
            return "leak (" + event.get("action")
                    + (Boolean.TRUE.equals(event.get("afterAll")) ? ", after @AfterAll" : "")
                    + ")";
        }
        if (Events.WATCHDOG.equals(type)) {
            Object outcome = event.get("outcome");
            // "ending" until the watchdog knows how the run ended: said only once it does.
            boolean ended = "graceful".equals(outcome) || "halted".equals(outcome);
            return "run watchdog (" + event.get("reason") + (ended ? ", " + outcome : "") + ")";
        }
        if (Events.NEAR_MISS.equals(type)) {
            return "near miss";
        }
        if (Events.SHUTDOWN.equals(type)) {
            return switch (String.valueOf(event.get("cause"))) {
                case "signal" -> "JVM shut down (" + event.get("signal") + ")";
                case "exit" -> "JVM shut down (System.exit)";
                case "end" -> "JVM shut down (last thread ended)";
                default -> "JVM shut down";
            };
        }
        return String.valueOf(type);
    }

    /** The event's message; for a leak, with the names of the threads and the commands of the processes. */
    private static String details(Map<String, Object> event) {
        String message = String.valueOf(event.get("message"));
        if (!Events.LEAK.equals(event.get("type"))) {
            return message;
        }
        List<String> what = new ArrayList<>();
        if (event.get("threads") instanceof List<?> threads) {
            for (Object thread : threads) {
                if (thread instanceof Map<?, ?> entry) {
                    what.add("thread \"" + entry.get("name") + "\"");
                }
            }
        }
        if (event.get("processes") instanceof List<?> processes) {
            for (Object process : processes) {
                if (process instanceof Map<?, ?> entry) {
                    String command = String.valueOf(entry.get("command"));
                    what.add("process " + entry.get("pid") + " "
                            + (command.length() > 80 ? command.substring(0, 77) + "..." : command));
                }
            }
        }
        int shown = Math.min(what.size(), 5);
        return what.isEmpty() ? message : message + ": " + String.join(", ", what.subList(0, shown))
                + (what.size() > shown ? ", " + (what.size() - shown) + " more" : "");
    }

    private static String test(Map<String, Object> event) {
        if (event.get("running") instanceof List<?> running) {
            List<String> names = new ArrayList<>();
            for (Object entry : running) {
                if (entry instanceof Map<?, ?> test) {
                    names.add(String.valueOf(test.get("test")));
                }
            }
            return String.join(", ", names);
        }
        return String.valueOf(event.get("test"));
    }

    private static String where(Map<String, Object> event, boolean linkDumps) {
        List<String> parts = new ArrayList<>(2);
        Object frame = event.get("sourceFrame") != null ? event.get("sourceFrame") : event.get("hangFrame");
        if (frame instanceof Map<?, ?> map && map.get("file") != null) {
            Object path = map.get("path");
            String line = String.valueOf(map.get("line"));
            // A native frame's line is -2: the file alone says more.
            parts.add(code((path != null ? path : map.get("file")) + (line.matches("[1-9][0-9]*") ? ":" + line : "")));
        }
        if (event.get("dump") != null) {
            String dump = String.valueOf(event.get("dump"));
            parts.add(linkDumps ? "[thread dump](" + dump + ")" : "thread dump " + code(dump));
        }
        return parts.isEmpty() ? "" : String.join(" ", parts);
    }

    /** Inside a code span HTML is shown as it is: only the table's own syntax needs escaping. */
    private static String code(String text) {
        return text.isEmpty() ? "" : "`" + row(text.replace("`", "'")) + "`";
    }

    /** Table cells end at a pipe or a line break; {@code List<String>} would be read as an HTML tag. */
    private static String cell(String text) {
        return row(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
    }

    private static String row(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
