package dev.reaper.internal.fork.parent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.reaper.HungTestException;
import dev.reaper.Rung;
import dev.reaper.internal.config.Policy;
import dev.reaper.internal.process.ProcessTree;
import dev.reaper.internal.process.RemoteThreadDump;
import dev.reaper.internal.run.TimeoutMessage;
import dev.reaper.internal.util.ApiAccess;
import dev.reaper.internal.util.Durations;

/**
 * The last rung in fork isolation: the worker JVM could not end the test itself. Dump its threads
 * from outside, snapshot its descendant processes, kill them deepest first and the worker last, and
 * fail the test with rung {@code kill}. The next test gets a fresh worker.
 */
final class ProcessRung {

    private static final Duration DUMP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final Pattern FRAME = Pattern.compile("^\\s+at (?:[^\\s/]+/)*([\\w$.]+)\\.([\\w$<>]+)\\((.*)\\)$");

    private ProcessRung() {
    }

    /**
     * @param workerReport the worker's own failure when its ladder gave up on a zombie, else null (the
     *                     worker itself stopped answering)
     */
    static HungTestException kill(Worker worker, String test, Policy policy, long deadlineNanos,
            HungTestException workerReport) {
        return kill(worker, test, policy.timeout(), policy.ladder(), deadlineNanos, workerReport);
    }

    static HungTestException kill(Worker worker, String test, Duration timeout, List<Rung> ladder, long deadlineNanos,
            HungTestException workerReport) {
        System.err.println("Reaper: " + TimeoutMessage.exceeded(test, timeout) + "; killing its worker JVM (pid "
                + worker.pid() + ") ...");
        RemoteThreadDump.Result dump = workerReport == null ? RemoteThreadDump.capture(worker.pid(), DUMP_TIMEOUT)
                : null;
        List<String> killed = ProcessTree.kill(worker.handle(), KILL_WAIT);
        worker.discard();
        Duration overrun = Duration.ofNanos(Math.max(0, System.nanoTime() - deadlineNanos));
        System.err.println("Reaper: " + test + " ended by kill, " + format(overrun) + " after its deadline");

        String threadDump = workerReport != null ? workerReport.threadDump()
                : dump.dump().orElse("No thread dump of the worker: " + dump.failure());
        String deadlock = workerReport != null ? workerReport.deadlock().orElse(null) : deadlockSection(threadDump);
        StringBuilder message = new StringBuilder()
                .append(TimeoutMessage.exceeded(test, timeout))
                .append("; stopped by kill ").append(format(overrun)).append(" after the deadline: ")
                .append(workerReport != null ? "the worker JVM's own ladder (" + rungs(ladder) + ") could not stop it,"
                        : "the worker JVM did not end it within its ladder (" + rungs(ladder) + "),")
                .append(" so the worker (pid ").append(worker.pid()).append(") was killed");
        // ProcessTree lists the deepest first and the worker last.
        List<String> children = killed.isEmpty() ? killed : killed.subList(0, killed.size() - 1);
        message.append(children.isEmpty() ? "" : " with its " + children.size() + " child process(es):");
        children.forEach(process -> message.append("\n  killed ").append(process));
        if (deadlock != null) {
            message.append('\n').append(deadlock);
        }
        if (dump != null && dump.dump().isPresent()) {
            message.append("\n(thread dump of the worker by ").append(dump.method()).append(" in threadDump())");
        }
        HungTestException failure = ApiAccess.get().hungTest(message.toString(), test, timeout, Rung.KILL, false,
                overrun, threadDump, deadlock);
        if (workerReport != null) {
            failure.setStackTrace(workerReport.getStackTrace());
            for (Throwable snapshot : workerReport.getSuppressed()) {
                failure.addSuppressed(snapshot);
            }
        } else {
            failure.setStackTrace(hungStack(threadDump));
        }
        return failure;
    }

    /**
     * Where the test hung: the frames of the worker's main thread, which runs JUnit and so the test, from the text
     * dump.
     */
    static StackTraceElement[] hungStack(String dump) {
        return framesOf(dump, "\"main\"");
    }

    private static StackTraceElement[] framesOf(String dump, String header) {
        int at = dump.indexOf(header);
        if (at < 0) {
            return new StackTraceElement[0];
        }
        List<StackTraceElement> frames = new ArrayList<>();
        for (String line : dump.substring(at).lines().skip(1).toList()) {
            if (line.isBlank()) {
                break;
            }
            Matcher frame = FRAME.matcher(line);
            if (frame.matches()) {
                frames.add(element(frame.group(1), frame.group(2), frame.group(3)));
            }
        }
        return frames.toArray(StackTraceElement[]::new);
    }

    private static StackTraceElement element(String className, String method, String location) {
        int colon = location.lastIndexOf(':');
        if (colon > 0) {
            try {
                return new StackTraceElement(className, method, location.substring(0, colon),
                        Integer.parseInt(location.substring(colon + 1)));
            } catch (NumberFormatException notALine) {
                // fall through
            }
        }
        return new StackTraceElement(className, method, location.contains(".java") ? location : null,
                location.equals("Native Method") ? -2 : -1);
    }

    /** HotSpot's own deadlock report, as jcmd Thread.print prints it. */
    static String deadlockSection(String dump) {
        int start = dump.indexOf("Found one Java-level deadlock");
        if (start < 0) {
            return null;
        }
        int end = dump.indexOf("Found ", start + 10);
        end = end < 0 ? dump.length() : dump.indexOf('\n', end) < 0 ? dump.length() : dump.indexOf('\n', end);
        return dump.substring(start, end).strip();
    }

    static String rungs(List<Rung> ladder) {
        return ladder.stream().filter(rung -> rung != Rung.KILL).map(Rung::configName)
                .collect(Collectors.joining(", "));
    }

    private static String format(Duration duration) {
        return Durations.format(duration);
    }
}
