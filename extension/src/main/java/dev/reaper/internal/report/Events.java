package dev.reaper.internal.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.reaper.HungTestException;
import dev.reaper.LeakedThreadsException;
import dev.reaper.Rung;

/**
 * The report's events as plain maps, in the order their keys are written: the JSON file, the Markdown
 * tables and the merge command all read the same shape, so there is one writer and no model to keep in
 * step with it.
 */
final class Events {

    static final String HUNG = "hung";
    static final String LEAK = "leak";
    static final String WATCHDOG = "watchdog";
    static final String WORKER_EXIT = "worker-exit";
    static final String NEAR_MISS = "near-miss";
    static final String SHUTDOWN = "shutdown";
    /** Not written by a JVM: the merge's row for a file in the directory it could not read as a report. */
    static final String UNREADABLE = "unreadable";

    private Events() {
    }

    static Map<String, Object> hung(String uniqueId, Optional<String> className, HungTestException hung,
            String isolation, Optional<StackTraceElement> sourceFrame, Optional<String> sourcePath) {
        Map<String, Object> event = start(HUNG);
        event.put("test", hung.test());
        event.put("uniqueId", uniqueId);
        event.put("className", className.orElse(null));
        event.put("isolation", isolation);
        event.put("timeoutMillis", hung.timeout().toMillis());
        event.put("overrunMillis", hung.overrun().toMillis());
        event.put("rung", hung.stoppedBy().map(Rung::configName).orElse(null));
        event.put("zombie", hung.isZombie());
        event.put("message", firstLine(hung.getMessage()));
        StackTraceElement[] stack = hung.getStackTrace();
        event.put("hangFrame", stack.length == 0 ? null : frame(stack[0], Optional.empty()));
        event.put("sourceFrame", sourceFrame.map(frame -> frame(frame, sourcePath)).orElse(null));
        event.put("deadlock", hung.deadlock().isPresent());
        return event;
    }

    static Map<String, Object> leak(String uniqueId, LeakedThreadsException leaked, String action) {
        Map<String, Object> event = start(LEAK);
        event.put("test", leaked.test());
        event.put("uniqueId", uniqueId);
        event.put("action", action);
        event.put("message", firstLine(leaked.getMessage()));
        List<Object> threads = new ArrayList<>();
        for (LeakedThreadsException.LeakedThread thread : leaked.threads()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", thread.threadName());
            entry.put("state", thread.state().map(Thread.State::name).orElse(null));
            entry.put("virtual", thread.isVirtual());
            StackTraceElement[] stack = thread.getStackTrace();
            entry.put("frame", stack.length == 0 ? null : stack[0].toString());
            entry.put("outcome", thread.outcome().orElse(null));
            threads.add(entry);
        }
        event.put("threads", threads);
        List<Object> processes = new ArrayList<>();
        for (LeakedThreadsException.LeakedProcess process : leaked.processes()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("pid", process.pid());
            entry.put("command", process.commandLine());
            entry.put("outcome", process.outcome());
            processes.add(entry);
        }
        event.put("processes", processes);
        return event;
    }

    /** Filed when it fires, {@code "outcome": "ending"}; {@link #watchdogEnded} says how the run ended. */
    static Map<String, Object> watchdog(String reason, String message, RunSnapshot run) {
        Map<String, Object> event = start(WATCHDOG);
        event.put("reason", reason);
        event.put("message", message);
        putRun(event, run);
        event.put("outcome", "ending");
        event.put("exitStatus", null);
        return event;
    }

    /** At most this many names of tests that did not run in an event; {@code notRunCount} has them all. */
    static final int NOT_RUN_NAMES = 1_000;

    /**
     * @param outcome    {@code graceful} (the run finished, the JVM was not halted) or {@code halted}
     * @param exitStatus the halt's, or null
     */
    static void watchdogEnded(Map<String, Object> event, String outcome, Integer exitStatus, String line,
            List<String> endedByBudget, List<String> notRun) {
        event.put("outcome", outcome);
        event.put("exitStatus", exitStatus);
        event.put("end", line);
        event.put("endedByBudget", List.copyOf(endedByBudget));
        event.put("notRun", List.copyOf(notRun.subList(0, Math.min(notRun.size(), NOT_RUN_NAMES))));
        event.put("notRunCount", notRun.size());
    }

    /**
     * @param cause      {@code signal}, {@code exit} (System.exit or Runtime.exit), {@code end} (the last
     *                   non-daemon thread ended) or {@code unknown}
     * @param callerFrame where {@code System.exit} was called, when it was
     */
    static Map<String, Object> shutdown(String cause, Optional<String> signal, Optional<String> thread,
            Optional<StackTraceElement> callerFrame, Optional<StackTraceElement> sourceFrame,
            Optional<String> sourcePath, String message, RunSnapshot run) {
        Map<String, Object> event = start(SHUTDOWN);
        event.put("cause", cause);
        event.put("signal", signal.orElse(null));
        event.put("thread", thread.orElse(null));
        event.put("calledFrom", callerFrame.map(frame -> frame(frame, Optional.empty())).orElse(null));
        event.put("sourceFrame", sourceFrame.map(frame -> frame(frame, sourcePath)).orElse(null));
        event.put("message", message);
        putRun(event, run);
        return event;
    }

    /**
     * The running tests with their times, and the tests of this JVM that had ended, by status, and by name
     * those whose classes were still running: the end of the JVM costs those classes their XML reports.
     */
    private static void putRun(Map<String, Object> event, RunSnapshot run) {
        List<Object> tests = new ArrayList<>();
        for (RunningTest test : run.running()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("test", test.name());
            entry.put("uniqueId", test.uniqueId());
            entry.put("runningMillis", test.running().toMillis());
            tests.add(entry);
        }
        event.put("running", tests);
        event.put("finishedTests", run.finishedTests());
        List<Object> ended = new ArrayList<>();
        for (FinishedTest test : run.endedInRunningClasses()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("test", test.name());
            entry.put("status", test.status());
            ended.add(entry);
        }
        event.put("finishedInRunningClasses", ended);
    }

    static Map<String, Object> workerExit(String uniqueId, String test, String message) {
        Map<String, Object> event = start(WORKER_EXIT);
        event.put("test", test);
        event.put("uniqueId", uniqueId);
        event.put("message", firstLine(message));
        return event;
    }

    static Map<String, Object> nearMiss(String uniqueId, String test, Duration took, Duration timeout) {
        Map<String, Object> event = start(NEAR_MISS);
        event.put("test", test);
        event.put("uniqueId", uniqueId);
        event.put("tookMillis", took.toMillis());
        event.put("timeoutMillis", timeout.toMillis());
        event.put("message", test + " passed, but took " + took.toMillis() + " ms of its " + timeout.toMillis()
                + " ms");
        return event;
    }

    private static Map<String, Object> start(String type) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("time", Instant.now().toString());
        return event;
    }

    private static Map<String, Object> frame(StackTraceElement frame, Optional<String> path) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("className", frame.getClassName());
        entry.put("method", frame.getMethodName());
        entry.put("file", frame.getFileName());
        entry.put("line", frame.getLineNumber());
        path.ifPresent(value -> entry.put("path", value));
        return entry;
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
