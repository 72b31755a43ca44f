package dev.reaper.internal.fork.parent;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

import dev.reaper.HungTestException;
import dev.reaper.WorkerExitedException;
import dev.reaper.internal.config.EscalationBudget;
import dev.reaper.internal.config.Policy;
import dev.reaper.internal.fork.channel.Message;
import dev.reaper.internal.fork.channel.ThrowableData;
import dev.reaper.internal.util.ApiAccess;

/**
 * One test run in a worker, seen from the parent's JUnit thread: sends the request, relays output
 * and report entries as they come, watches the worker's deadlines, and ends with the test's result,
 * or with the process rung when the worker is past help.
 */
final class ForkedRun {

    private final Worker worker;
    private final String uniqueId;
    private final Policy policy;
    private final ExtensionContext context;
    private final String description;
    private final ClassLoader testLoader;

    private Message.Finished result;
    /** Only once the worker said Done for this very request is it free for another; never after an exception. */
    private boolean reusable;
    private Throwable containerFailure;
    private long killAtNanos;
    private long armedDeadlineNanos;

    ForkedRun(Worker worker, String uniqueId, Policy policy, ExtensionContext context, String description) {
        this.worker = worker;
        this.uniqueId = uniqueId;
        this.policy = policy;
        this.context = context;
        this.description = description;
        this.testLoader = testClassLoader(context);
    }

    /** A dynamic test's context has no test class of its own; its factory's has. */
    private static ClassLoader testClassLoader(ExtensionContext context) {
        for (ExtensionContext current = context; current != null; current = current.getParent().orElse(null)) {
            if (current.getTestClass().isPresent()) {
                return current.getTestClass().get().getClassLoader();
            }
        }
        return Thread.currentThread().getContextClassLoader();
    }

    /** Whether the worker can take another test afterwards: not after it was killed, exited or asked to retire. */
    boolean reusable() {
        return reusable;
    }

    /** Returns when the test passed; throws its failure otherwise. */
    void run(Map<String, String> configuration) throws Throwable {
        long start = System.nanoTime();
        armedDeadlineNanos = start + policy.timeout().toNanos();
        killAtNanos = start + unguardedBound();
        worker.sendChangedSystemProperties();
        worker.send(new Message.Run(uniqueId, configuration));
        while (true) {
            Object next = worker.poll(killAtNanos);
            if (next == null) {
                reusable = false;
                throw ProcessRung.kill(worker, description, policy, armedDeadlineNanos, null);
            }
            if (next instanceof Worker.ChannelClosed) {
                reusable = false;
                exited();
                return;
            }
            if (next instanceof Message.Done done) {
                if (!done.requestedUniqueId().equals(uniqueId)) {
                    continue; // not ours: cannot happen with one request per worker at a time, but never mix them
                }
                reusable = true;
                finish();
                return;
            }
            handle((Message) next);
        }
    }

    /**
     * The bound while no Reaper deadline is armed in the worker (starting the test, JUnit's own work,
     * extension callbacks): as long as a test may take, with its ladder.
     */
    private long unguardedBound() {
        // The worker's leak scan after the test may take its linger and two graces per leaked thread it stops.
        return KillBound.unguarded(EscalationBudget.withWholeLadder(policy.timeout(), policy.grace(), policy.ladder()),
                policy.leaks().linger()).toNanos();
    }

    private void handle(Message message) throws HungTestException {
        if (message instanceof Message.Output output) {
            (output.stderr() ? System.err : System.out).print(output.text());
        } else if (message instanceof Message.ReportEntry entry) {
            context.publishReportEntry(entry.entries());
        } else if (message instanceof Message.Armed armed) {
            long now = System.nanoTime();
            armedDeadlineNanos = now + Duration.ofMillis(armed.timeoutMillis()).toNanos();
            killAtNanos = KillBound.afterArmed(armedDeadlineNanos, armed.escalationMillis());
        } else if (message instanceof Message.Retire retiring) {
            reusable = false;
            System.err.println("Reaper: retiring worker JVM " + worker.pid() + " after " + description + ": "
                    + retiring.reason());
        } else if (message instanceof Message.Disarmed) {
            killAtNanos = System.nanoTime() + unguardedBound();
        } else if (message instanceof Message.Skipped skipped) {
            handle(new Message.Finished(skipped.uniqueId(), "", Message.Status.SKIPPED, ThrowableData.of(
                    new TestAbortedException("skipped in the worker JVM: " + skipped.reason()))));
        } else if (message instanceof Message.Finished finished) {
            Throwable thrown = finished.throwable() == null ? null : finished.throwable().rebuild(testLoader);
            if (thrown instanceof HungTestException hung && hung.isZombie()) {
                // The worker's own ladder gave up (on the test or on its class's lifecycle): it is poisoned.
                reusable = false;
                throw ProcessRung.kill(worker, description, policy, armedDeadlineNanos, hung);
            }
            if (finished.uniqueId().equals(uniqueId)) {
                result = finished;
            } else if (finished.status() != Message.Status.SUCCESSFUL && uniqueId.startsWith(finished.uniqueId())
                    && containerFailure == null) {
                // Its class failed or was aborted in the worker: @BeforeAll (an assumption there aborts the
                // class), a class initializer, @AfterAll, a class-level leak. The parent skipped those here.
                containerFailure = thrown != null ? thrown
                        : new TestAbortedException(finished.displayName() + " was skipped in the worker JVM");
            }
        }
    }

    private void finish() throws Throwable {
        if (result == null) {
            if (containerFailure != null) {
                throw containerFailure;
            }
            throw ApiAccess.get().workerExited("The worker JVM (pid " + worker.pid() + ") did not run " + description
                    + ": JUnit did not find it there by its unique ID " + uniqueId);
        }
        Throwable thrown = result.throwable() == null ? null : result.throwable().rebuild(testLoader);
        if (containerFailure != null) {
            // The class failed after the test (@AfterAll): the parent skipped it, so the test carries it.
            if (thrown == null) {
                throw containerFailure;
            }
            thrown.addSuppressed(containerFailure);
        }
        switch (result.status()) {
            case SUCCESSFUL:
                return;
            case SKIPPED:
                throw thrown != null ? thrown : new TestAbortedException("skipped in the worker JVM");
            default:
                throw thrown != null ? thrown : new AssertionError(description + " failed in the worker JVM");
        }
    }

    private void exited() throws Throwable {
        int code = worker.exitCode();
        worker.discard();
        if (result != null && result.status() == Message.Status.SUCCESSFUL) {
            // It ran to the end and passed; the worker died after (an @AfterAll calling System.exit).
            System.err.println("Reaper: the worker JVM exited after " + description + " passed: "
                    + ExitCause.describe(worker.pid(), code, worker.stderrTail()));
            return;
        }
        throw ApiAccess.get().workerExited("The worker JVM running " + description + " exited during the test: "
                + ExitCause.describe(worker.pid(), code, worker.stderrTail()));
    }
}
