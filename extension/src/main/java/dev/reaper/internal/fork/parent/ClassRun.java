package dev.reaper.internal.fork.parent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

import dev.reaper.HungTestException;
import dev.reaper.Rung;
import dev.reaper.WorkerExitedException;
import dev.reaper.internal.config.Settings;
import dev.reaper.internal.fork.channel.Message;
import dev.reaper.internal.process.ProcessTree;
import dev.reaper.internal.process.RemoteThreadDump;
import dev.reaper.internal.run.RunBudget;
import dev.reaper.internal.run.TimeoutMessage;
import dev.reaper.internal.util.ApiAccess;

/**
 * One launcher run in one worker, seen from the test JVM: sends the request, passes every event on as
 * it comes, watches the deadlines the worker arms, and ends when the worker says it is done, or with
 * the process rung when the worker is past help.
 */
final class ClassRun {

    enum End { REUSABLE, RETIRED, ABANDONED, GONE }

    /** How often a run looks at the run budget while it waits for the worker. */
    private static final long BUDGET_CHECK_NANOS = Duration.ofMillis(100).toNanos();

    private final Worker worker;
    private final Settings settings;
    private final ForkRunner.Events events;
    private final ClassLoader loader;
    private final Deque<String> running = new ArrayDeque<>();

    private End end = End.GONE;
    private String retiring;
    private String armed;
    private Duration armedTimeout;
    private List<Rung> armedLadder;
    private boolean killable;
    private long armedDeadlineNanos;
    private long killAtNanos;

    private final RunBudget budget;

    /** @param budget the run's: once exhausted, the worker's test ends */
    ClassRun(Worker worker, Settings settings, ForkRunner.Events events, ClassLoader loader, RunBudget budget) {
        this.budget = budget;
        this.worker = worker;
        this.settings = settings;
        this.events = events;
        this.loader = loader;
    }

    End end() {
        return end;
    }

    ForkRunner.Outcome run(List<String> selectors, Map<String, String> configuration) throws InterruptedException {
        unguarded();
        try {
            worker.sendChangedSystemProperties();
            worker.send(new Message.Run(selectors.get(0), selectors, configuration));
        } catch (IOException gone) {
            return exited();
        }
        while (true) {
            Object next = worker.poll(Math.min(killAtNanos, System.nanoTime() + BUDGET_CHECK_NANOS));
            if (next == null) {
                Optional<String> exhausted = budget.exhaustedReason();
                if (exhausted.isPresent()) {
                    return budgetSpent(exhausted.get());
                }
                if (System.nanoTime() - killAtNanos >= 0) {
                    return expired();
                }
                continue;
            }
            if (next instanceof Worker.ChannelClosed) {
                return exited();
            }
            if (next instanceof Message.Done) {
                end = retiring == null ? End.REUSABLE : End.RETIRED;
                return new ForkRunner.Outcome.Completed();
            }
            ForkRunner.Outcome lost = handle((Message) next);
            if (lost != null) {
                return lost;
            }
        }
    }

    private ForkRunner.Outcome handle(Message message) {
        if (message instanceof Message.Output output) {
            (output.stderr() ? System.err : System.out).print(output.text());
        } else if (message instanceof Message.Started started) {
            running.push(started.uniqueId());
            events.started(started.uniqueId());
            if (armed == null) {
                unguarded();
            }
        } else if (message instanceof Message.Armed armedNow) {
            long now = System.nanoTime();
            armed = armedNow.uniqueId();
            armedTimeout = Duration.ofMillis(armedNow.timeoutMillis());
            killable = armedNow.killable();
            armedLadder = armedNow.ladder();
            armedDeadlineNanos = now + armedTimeout.toNanos();
            killAtNanos = KillBound.afterArmed(armedDeadlineNanos, armedNow.escalationMillis());
        } else if (message instanceof Message.Disarmed) {
            armed = null;
            unguarded();
        } else if (message instanceof Message.Finished finished) {
            Throwable thrown = finished.throwable() == null ? null : finished.throwable().rebuild(loader);
            if (thrown instanceof HungTestException hung && hung.isZombie()) {
                return zombie(finished.uniqueId(), hung);
            }
            running.remove(finished.uniqueId());
            events.finished(finished.uniqueId(), result(finished.status(), thrown));
        } else if (message instanceof Message.Skipped skipped) {
            events.skipped(skipped.uniqueId(), skipped.reason());
        } else if (message instanceof Message.Dynamic dynamic) {
            events.registered(registration(dynamic));
        } else if (message instanceof Message.ReportEntry entry) {
            events.reportEntry(entry.uniqueId(), entry.entries());
        } else if (message instanceof Message.Retire retire) {
            retiring = retire.reason();
            System.err.println("Reaper: retiring worker JVM " + worker.pid() + ": " + retire.reason());
        }
        return null;
    }

    /**
     * No deadline armed in the worker (JUnit's own work, extension callbacks): as long as a test may take, with its
     * ladder.
     */
    private void unguarded() {
        killAtNanos = System.nanoTime() + unguardedBound().toNanos();
    }

    private Duration unguardedBound() {
        return KillBound.unguarded(events.unguarded(Optional.ofNullable(running.peek())), settings.leaks().linger());
    }

    /** The worker's own ladder gave up: kill it when the test may be killed, else leave it be. */
    private ForkRunner.Outcome zombie(String uniqueId, HungTestException hung) {
        if (killable) {
            return new ForkRunner.Outcome.Lost(Optional.of(uniqueId), ProcessRung.kill(worker,
                    events.describe(uniqueId), armedTimeout, armedLadder, armedDeadlineNanos, hung));
        }
        end = End.ABANDONED;
        System.err.println("Reaper: worker JVM " + worker.pid() + " holds " + events.describe(uniqueId)
                + ", which could not be stopped; without the kill rung it is retired, not killed");
        return new ForkRunner.Outcome.Lost(Optional.of(uniqueId), hung);
    }

    private ForkRunner.Outcome expired() {
        Optional<String> current = Optional.ofNullable(armed != null ? armed : running.peek());
        String test = current.map(events::describe).orElse("the worker JVM (pid " + worker.pid() + ")");
        if (armed != null && !killable) {
            end = End.ABANDONED;
            return new ForkRunner.Outcome.Lost(current, unkillable(test));
        }
        Duration timeout = armed != null ? armedTimeout : unguardedBound();
        long deadline = armed != null ? armedDeadlineNanos : killAtNanos - timeout.toNanos();
        return new ForkRunner.Outcome.Lost(current,
                ProcessRung.kill(worker, test, timeout, armed != null ? armedLadder : events.ladder(current), deadline,
                        null));
    }

    /**
     * The run budget ran out while the worker ran: its evidence is filed already and the run is to end
     * now, so the worker is killed at once, rather than after its ladder.
     */
    private ForkRunner.Outcome budgetSpent(String reason) {
        Optional<String> current = Optional.ofNullable(armed != null ? armed : running.peek());
        String test = current.map(events::describe).orElse("the worker JVM (pid " + worker.pid() + ")");
        List<String> killed = ProcessTree.kill(worker.handle(), Duration.ofSeconds(5));
        worker.discard();
        String message = test + " was ended by the run budget: " + reason + "; its worker JVM (pid " + worker.pid()
                + ") was killed" + (killed.size() > 1 ? " with its " + (killed.size() - 1) + " child process(es)" : "");
        HungTestException failure = ApiAccess.get().hungTest(message, test,
                armed != null ? armedTimeout : Duration.ZERO,
                Rung.KILL, false, Duration.ZERO, "(the run watchdog's report holds the thread dump)", null);
        failure.setStackTrace(new StackTraceElement[0]);
        return new ForkRunner.Outcome.Lost(current, failure);
    }

    private HungTestException unkillable(String test) {
        RemoteThreadDump.Result dump = RemoteThreadDump.capture(worker.pid(), Duration.ofSeconds(10));
        String threadDump = dump.dump().orElse("No thread dump of the worker: " + dump.failure());
        String deadlock = ProcessRung.deadlockSection(threadDump);
        Duration overrun = Duration.ofNanos(Math.max(0, System.nanoTime() - armedDeadlineNanos));
        String message = TimeoutMessage.exceeded(test, armedTimeout)
                + " and could not be stopped: the worker JVM did not end it within its ladder ("
                + ProcessRung.rungs(armedLadder) + "), which has no kill rung (or the test's isolation is"
                + " thread), so the worker (pid " + worker.pid() + ") is retired, not killed"
                + (deadlock == null ? "" : "\n" + deadlock);
        HungTestException failure = ApiAccess.get().hungTest(message, test, armedTimeout, null, true, overrun,
                threadDump, deadlock);
        failure.setStackTrace(ProcessRung.hungStack(threadDump));
        return failure;
    }

    private ForkRunner.Outcome exited() {
        int code = worker.exitCode();
        worker.discard();
        Optional<String> current = Optional.ofNullable(running.peek());
        String what = current.map(uniqueId -> "running " + events.describe(uniqueId) + " exited during the test")
                .orElse("exited between tests");
        return new ForkRunner.Outcome.Lost(current, ApiAccess.get().workerExited("The worker JVM " + what + ": "
                + ExitCause.describe(worker.pid(), code, worker.stderrTail())));
    }

    private static TestExecutionResult result(Message.Status status, Throwable thrown) {
        return switch (status) {
            case SUCCESSFUL -> TestExecutionResult.successful();
            case ABORTED, SKIPPED -> TestExecutionResult.aborted(thrown);
            case FAILED -> TestExecutionResult.failed(thrown);
        };
    }

    private static ForkRunner.Registration registration(Message.Dynamic dynamic) {
        return new ForkRunner.Registration(dynamic.uniqueId(), dynamic.parentId(), dynamic.displayName(),
                dynamic.legacyName(), TestDescriptor.Type.valueOf(dynamic.type()), source(dynamic.source()),
                dynamic.tags().stream().filter(TestTag::isValid).map(TestTag::create).collect(Collectors.toSet()));
    }

    private static Optional<TestSource> source(String encoded) {
        if (encoded.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = encoded.split("	", -1);
        if (parts[0].equals("M") && parts.length == 4) {
            return Optional.of(MethodSource.from(parts[1], parts[2], parts[3].isEmpty() ? null : parts[3]));
        }
        if (parts[0].equals("C") && parts.length == 2) {
            return Optional.of(ClassSource.from(parts[1]));
        }
        byte[] serialized = Base64.getDecoder().decode(encoded);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized))) {
            return Optional.of((TestSource) in.readObject());
        } catch (IOException | ClassNotFoundException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
