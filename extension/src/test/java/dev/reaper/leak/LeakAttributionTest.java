package dev.reaper.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.reaper.LeakedThreadsException;
import dev.reaper.Reaper;
import dev.reaper.testing.Kit;
import dev.reaper.testing.Leftovers;

/**
 * Who is blamed: the test whose thread started the leak (also when tests run in parallel), the class
 * for what its {@code @BeforeAll} started or what no single test can be blamed for, never a test for
 * what was running before it began; and who is not: threads that end within the linger, ignored
 * names, allowed ones.
 */
class LeakAttributionTest {

    static final String[] PARALLEL = {
            "reaper.leaks", "fail",
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "2"};

    /** Both tests of a parallel fixture wait here, so that each runs while the other does. */
    static volatile CountDownLatch bothRunning;

    /** The clean test of a parallel fixture waits here until its neighbour has leaked. */
    static volatile CountDownLatch leakCreated;

    /** A group that belongs to no test: threads created in it are outside the test's own group. */
    static volatile ThreadGroup outside;

    @AfterEach
    void endWhatTheFixturesLeft() {
        Leftovers.cleanUp();
    }

    static void meetTheOtherTest() throws InterruptedException {
        bothRunning.countDown();
        assertThat(bothRunning.await(20, TimeUnit.SECONDS)).as("both tests running at once").isTrue();
    }

    @Reaper
    static class ConcurrentPair {

        @Test
        void leaks() throws InterruptedException {
            meetTheOtherTest();
            Leftovers.sleeper("parallel-leak", true);
            leakCreated.countDown();
        }

        @Test
        void isClean() throws InterruptedException {
            meetTheOtherTest();
            // The neighbour's leak is created while this test runs.
            assertThat(leakCreated.await(20, TimeUnit.SECONDS)).as("the neighbour leaked").isTrue();
        }
    }

    @Test
    void underParallelExecutionALeakIsTheClasssNotANeighbouringTests() {
        bothRunning = new CountDownLatch(2);
        leakCreated = new CountDownLatch(1);
        Kit kit = Kit.run(ConcurrentPair.class, PARALLEL);

        kit.assertSuccessful("leaks()").assertSuccessful("isClean()");
        LeakedThreadsException failure = LeakActionsTest.leakFailure(kit, "ConcurrentPair");
        assertThat(failure.test()).isEqualTo("LeakAttributionTest.ConcurrentPair");
        assertThat(failure.threads()).singleElement()
                .satisfies(thread -> assertThat(thread.threadName()).isEqualTo("parallel-leak"));
        assertThat(failure.getMessage()).contains("(created while it ran)");
    }

    @Reaper
    static class LeaksOutsideItsGroup {

        @Test
        void leaks() {
            Leftovers.sleeperIn(outside, "outside-leak");
        }

        @Test
        void passes() {
        }
    }

    @Test
    void runningAloneAThreadCreatedInAnotherGroupIsBlamedOnTheTest() {
        outside = Thread.currentThread().getThreadGroup();
        Kit kit = Kit.run(LeaksOutsideItsGroup.class, "reaper.leaks", "fail");

        LeakedThreadsException failure = LeakActionsTest.leakFailure(kit, "leaks()");
        assertThat(failure.threads()).singleElement()
                .satisfies(thread -> assertThat(thread.threadName()).isEqualTo("outside-leak"));
        assertThat(failure.getMessage()).contains("(created while it ran)");
        kit.assertSuccessful("passes()").assertSuccessful("LeaksOutsideItsGroup");
    }

    static volatile Thread startedBefore;

    @Reaper
    static class MeetsAThreadStartedBefore {

        @Test
        void seesIt() {
            assertThat(startedBefore.isAlive()).isTrue();
        }
    }

    @Test
    void aThreadStartedBeforeTheTestIsNeverBlamedOnIt() {
        startedBefore = Leftovers.sleeper("started-before", true);
        Kit kit = Kit.run(MeetsAThreadStartedBefore.class, "reaper.leaks", "fail");

        kit.assertSuccessful("seesIt()").assertSuccessful("MeetsAThreadStartedBefore");
        assertThat(LeakEntries.all(kit)).isEmpty();
    }

    @Reaper
    static class StopsItsClassServer {

        static Thread server;

        @BeforeAll
        static void startServer() {
            server = Leftovers.sleeper("class-server", true);
        }

        @AfterAll
        static void stopServer() {
            server.interrupt();
        }

        @Test
        void one() {
            assertThat(server.isAlive()).isTrue();
        }

        @Test
        void two() {
            assertThat(server.isAlive()).isTrue();
        }
    }

    @Test
    void aThreadStartedInBeforeAllAndStoppedInAfterAllIsNobodysLeak() {
        Kit kit = Kit.run(StopsItsClassServer.class, "reaper.leaks", "fail");

        kit.assertSuccessful("one()").assertSuccessful("two()").assertSuccessful("StopsItsClassServer");
        assertThat(LeakEntries.all(kit)).isEmpty();
    }

    @Reaper
    static class LeavesItsClassServer {

        @BeforeAll
        static void startServer() {
            Leftovers.sleeper("class-leak", true);
        }

        @Test
        void one() {
        }

        @Test
        void two() {
        }
    }

    @Test
    void aThreadStartedInBeforeAllAndLeftRunningIsTheClasssLeak() {
        Kit kit = Kit.run(LeavesItsClassServer.class, "reaper.leaks", "fail");

        kit.assertSuccessful("one()").assertSuccessful("two()");
        LeakedThreadsException failure = LeakActionsTest.leakFailure(kit, "LeavesItsClassServer");
        assertThat(failure.test()).isEqualTo("LeakAttributionTest.LeavesItsClassServer");
        assertThat(failure.threads()).singleElement()
                .satisfies(thread -> assertThat(thread.threadName()).isEqualTo("class-leak"));
        assertThat(failure.getMessage()).contains("(created while it ran)");
    }

    @Reaper
    static class DynamicLeak {

        @TestFactory
        Stream<DynamicTest> cases() {
            return Stream.of(
                    dynamicTest("clean case", () -> {}),
                    dynamicTest("leaky case", () -> Leftovers.sleeper("dynamic-leak", true)));
        }
    }

    @Test
    void aDynamicTestsLeakIsReportedOnItsFactoryNamingIt() {
        Kit kit = Kit.run(DynamicLeak.class, "reaper.leaks", "fail");

        kit.assertSuccessful("clean case").assertSuccessful("leaky case");
        LeakedThreadsException failure = LeakActionsTest.leakFailure(kit, "cases()");
        assertThat(failure.threads()).singleElement()
                .satisfies(thread -> assertThat(thread.threadName()).isEqualTo("dynamic-leak"));
        assertThat(failure.getMessage())
                .contains("(created while LeakAttributionTest.DynamicLeak.cases() > leaky case ran)");
    }

    @Reaper
    static class EndsWithinTheLinger {

        @Test
        void leavesAThreadThatEndsSoon() {
            Leftovers.shortLived("ends-soon", 300);
        }
    }

    @Test
    void aThreadThatEndsWithinTheLingerIsNotReported() {
        Kit kit = Kit.run(EndsWithinTheLinger.class, "reaper.leaks", "fail", "reaper.leaks.linger", "20 s");

        kit.assertSuccessful("leavesAThreadThatEndsSoon()");
        assertThat(LeakEntries.all(kit)).isEmpty();
        assertThat(kit.elapsed("leavesAThreadThatEndsSoon()")).as("waits only until it ended, not the whole linger")
                .isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aThreadThatOutlivesTheLingerIsReported() {
        Kit kit = Kit.run(EndsWithinTheLinger.class, "reaper.leaks", "fail", "reaper.leaks.linger", "50 ms");

        LeakedThreadsException failure = LeakActionsTest.leakFailure(kit, "leavesAThreadThatEndsSoon()");
        assertThat(failure.threads()).singleElement()
                .satisfies(thread -> assertThat(thread.threadName()).isEqualTo("ends-soon"));
    }

    @Reaper
    static class IgnoredAndAllowed {

        @Test
        void leavesAnIgnoredAndAReportedThread() {
            Leftovers.sleeper("ignored-worker", true);
            Leftovers.sleeper("reported-worker", true);
        }

        @Test
        @Reaper(allowLeaks = "allowed-*")
        void leavesAnAllowedThread() {
            Leftovers.sleeper("allowed-worker", true);
        }
    }

    @Test
    void theIgnoreListAndTheAnnotationExemptionWork() {
        Kit kit = Kit.run(IgnoredAndAllowed.class, "reaper.leaks", "fail", "reaper.leaks.ignore", "ignored-*, other-?");

        LeakedThreadsException failure = LeakActionsTest.leakFailure(kit, "leavesAnIgnoredAndAReportedThread()");
        assertThat(failure.threads()).singleElement()
                .satisfies(thread -> assertThat(thread.threadName()).isEqualTo("reported-worker"));
        kit.assertSuccessful("leavesAnAllowedThread()");
        kit.assertSuccessful("IgnoredAndAllowed");
    }

    @Reaper(allowLeaks = "class-allowed-*")
    static class ClassAllows {

        @BeforeAll
        static void startServer() {
            Leftovers.sleeper("class-allowed-server", true);
        }

        @Test
        void leaves() {
            Leftovers.sleeper("class-allowed-worker", true);
        }
    }

    @Test
    void aClassExemptionCoversItsTestsAndItsBeforeAll() {
        Kit kit = Kit.run(ClassAllows.class, "reaper.leaks", "fail");

        kit.assertSuccessful("leaves()").assertSuccessful("ClassAllows");
        assertThat(LeakEntries.all(kit)).isEmpty();
    }
}
