package samples.demo;

import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.reaper.Reaper;
import samples.Expected;
import samples.LaunchWith;

/**
 * The run watchdog: the last line of defence, for a hang that no per-test timeout catches in time (here
 * a generous 10-minute timeout, as a slow integration suite might have). With
 *
 * <pre>
 * reaper.run.stall = 2 s
 * </pre>
 *
 * <p>when no test has finished for 2 s while tests run, the watchdog prints {@code Reaper: run watchdog: ...}
 * lines naming each running test and how long it has run, writes a thread dump and the report (a
 * {@code watchdog} event in {@code reaper-<pid>.json} under {@code reaper.report.dir}), then ends the run
 * gracefully: each running test through its ladder, failing with the budget named, and every test not
 * started yet skipped as "not run". Only when a running test cannot be freed, as this {@code synchronized}
 * deadlock in thread isolation, does it end the JVM with {@code Runtime.halt(124)}: the build fails in
 * seconds and says which test hung, instead of being cancelled at CI's job timeout with no result at all.
 * {@code reaper.run.timeout} does the same for a budget on the whole run.
 *
 * <p>Expected: the first test passes; the second is halted by the run watchdog: the JVM exits with
 * status 124, a {@code Reaper: run watchdog} line names it, and so does the report. It ends the JVM it
 * runs in, so the samples run it in a JVM of its own ({@code ownJvm}) with a temporary
 * {@code reaper.report.dir}.
 */
@Reaper(timeout = "10 m")
@TestMethodOrder(MethodOrderer.MethodName.class)
@LaunchWith(ownJvm = true, configuration = "reaper.run.stall=2 s")
class WatchdogDemo {

    @Test
    @Expected("passes")
    void a_finishesQuickly() {
    }

    @Test
    @Expected("halted by the run watchdog")
    void b_waitsForAReplyThatNeverComes() throws InterruptedException {
        Object request = new Object();
        Object reply = new Object();
        CountDownLatch bothHeld = new CountDownLatch(2);
        Thread server = new Thread(() -> exchange(reply, request, bothHeld), "server");
        server.setDaemon(true);
        server.start();
        exchange(request, reply, bothHeld);
    }

    private static void exchange(Object mine, Object theirs, CountDownLatch bothHeld) {
        synchronized (mine) {
            bothHeld.countDown();
            try {
                bothHeld.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            synchronized (theirs) { // each side holds what the other waits for: no rung in the JVM ends it
                throw new AssertionError("unreachable");
            }
        }
    }
}
