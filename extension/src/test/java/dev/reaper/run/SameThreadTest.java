package dev.reaper.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.MockedStatic;
import org.mockito.junit.jupiter.MockitoExtension;

import dev.reaper.Deadline;
import dev.reaper.Reaper;
import dev.reaper.ReaperExtension;
import dev.reaper.Rung;
import dev.reaper.testing.Kit;

/**
 * The constructor, the lifecycle methods and the test run on the thread JUnit runs them on, as without
 * Reaper: whatever extension callbacks bind to that thread is there, threads the test starts are what
 * they would be, and the interrupt status does not carry from one test to the next.
 */
class SameThreadTest {

    static final List<Thread> seen = new CopyOnWriteArrayList<>();
    static final AtomicReference<ThreadGroup> startedGroup = new AtomicReference<>();

    @ExtendWith(ReaperExtension.class)
    static class RecordsThreads {

        RecordsThreads() {
            seen.add(Thread.currentThread());
        }

        @BeforeAll
        static void beforeAll() {
            seen.add(Thread.currentThread());
        }

        @BeforeEach
        void beforeEach() {
            seen.add(Thread.currentThread());
        }

        @Test
        void test() throws InterruptedException {
            seen.add(Thread.currentThread());
            Thread started = new Thread(() -> {});
            seen.add(started);
            startedGroup.set(started.getThreadGroup());
            started.start();
            started.join();
        }

        @AfterEach
        void afterEach() {
            seen.add(Thread.currentThread());
        }

        @AfterAll
        static void afterAll() {
            seen.add(Thread.currentThread());
        }
    }

    @Test
    void everyInvocationRunsOnJUnitsThreadAsWithoutReaper() {
        for (String mode : List.of("disabled", "enabled")) {
            seen.clear();
            Kit.run(RecordsThreads.class, "reaper.mode", mode).assertSuccessful("test()");

            assertThat(seen).as(mode).hasSize(7);
            Thread started = seen.remove(4);
            assertThat(seen).as(mode).allSatisfy(thread -> assertThat(thread).isSameAs(Thread.currentThread()));
            assertThat(started.isDaemon()).as("a thread the test starts, reaper.mode=" + mode)
                    .isEqualTo(Thread.currentThread().isDaemon());
            assertThat(startedGroup.get()).isSameAs(Thread.currentThread().getThreadGroup());
        }
    }

    @Reaper
    @ExtendWith(MockitoExtension.class)
    static class StaticMockFromBeforeEach {

        @Mock
        Supplier<String> supplier;

        MockedStatic<UUID> uuids;

        @BeforeEach
        void mockUuids() {
            uuids = mockStatic(UUID.class);
            uuids.when(UUID::randomUUID).thenReturn(new UUID(0, 42));
        }

        @AfterEach
        void closeMock() {
            uuids.close();
        }

        @Test
        void seesTheStaticMock() {
            assertThat(UUID.randomUUID()).isEqualTo(new UUID(0, 42));
        }

        @Test
        void seesMockitoExtensionMocks() {
            when(supplier.get()).thenReturn("mocked");
            assertThat(supplier.get()).isEqualTo("mocked");
        }
    }

    @Test
    void staticMockCreatedInBeforeEachIsActiveInTheTest() {
        Kit.run(StaticMockFromBeforeEach.class).assertSuccessful("seesTheStaticMock()")
                .assertSuccessful("seesMockitoExtensionMocks()");
    }

    static final AtomicInteger startedInterrupted = new AtomicInteger();

    @Reaper
    static class LeavesItsInterruptFlagSet {

        @RepeatedTest(500)
        void restoresTheInterruptAndReturns() {
            if (Thread.currentThread().isInterrupted()) {
                startedInterrupted.incrementAndGet();
            }
            Thread.currentThread().interrupt(); // as after catching InterruptedException
        }
    }

    @Test
    void noTestStartsInterrupted() {
        startedInterrupted.set(0);
        Kit kit = Kit.run(LeavesItsInterruptFlagSet.class);

        assertThat(kit.results().testEvents().succeeded().count()).isEqualTo(500);
        assertThat(startedInterrupted).hasValue(0);
    }

    static final AtomicReference<Deadline> backgroundDeadline = new AtomicReference<>();
    static final CountDownLatch afterEachRan = new CountDownLatch(1);
    static final AtomicReference<Boolean> seenAfterAfterEach = new AtomicReference<>();
    static final AtomicReference<Boolean> stopRequestedInAfterEach = new AtomicReference<>();

    @Reaper(timeout = "200 ms", grace = "1 s")
    static class StoppedByTheFlag {

        @Test
        void pollsTheFlag(Deadline deadline) {
            Thread background = new Thread(() -> {
                Deadline mine = Deadline.current();
                backgroundDeadline.set(mine);
                try {
                    afterEachRan.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                seenAfterAfterEach.set(mine.isStopRequested());
            }, "background of pollsTheFlag");
            background.setDaemon(true);
            background.start();
            while (true) {
                deadline.checkpoint();
                Thread.onSpinWait();
            }
        }

        @AfterEach
        void afterEach(Deadline deadline) {
            stopRequestedInAfterEach.set(deadline.isStopRequested());
            afterEachRan.countDown();
        }
    }

    @Test
    void aRaisedStopFlagStaysRaisedForTheTestsThreads() throws InterruptedException {
        Kit kit = Kit.run(StoppedByTheFlag.class);

        assertThat(kit.hung("pollsTheFlag(Deadline)").stoppedBy()).contains(Rung.FLAG);
        assertThat(afterEachRan.getCount()).isZero();
        assertThat(stopRequestedInAfterEach.get()).as("@AfterEach has a deadline of its own, not stopped").isFalse();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seenAfterAfterEach.get() != null);
        assertThat(seenAfterAfterEach.get()).as("the background thread's flag once @AfterEach ran").isTrue();
        assertThat(backgroundDeadline.get().isStopRequested()).isTrue();
    }

    static final Map<String, Deadline> deadlines = new ConcurrentHashMap<>();

    @Reaper(timeout = "10 s")
    static class InjectsDeadline {

        @Test
        void deadlineOfTheTest(Deadline deadline) throws Exception {
            assertThat(deadline.remaining()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(10));
            assertThat(deadline.isStopRequested()).isFalse();
            deadline.checkpoint();
            assertThat(Deadline.current()).isSameAs(deadline);
            Thread child = new Thread(() -> deadlines.put("platform", Deadline.current()));
            child.start();
            child.join();
            deadlines.put("test", deadline);
            if (Runtime.version().feature() >= 21) {
                Method start = Thread.class.getMethod("startVirtualThread", Runnable.class);
                Thread virtual =
                        (Thread) start.invoke(null, (Runnable) () -> deadlines.put("virtual", Deadline.current()));
                virtual.join();
            }
        }
    }

    @Test
    void deadlineIsInjectedAndInheritedByPlatformThreads() {
        deadlines.clear();
        Kit.run(InjectsDeadline.class).assertSuccessful("deadlineOfTheTest(Deadline)");

        assertThat(deadlines.get("platform")).isSameAs(deadlines.get("test"));
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void virtualThreadsTheTestStartsSeeItsDeadline() {
        deadlines.clear();
        Kit.run(InjectsDeadline.class).assertSuccessful("deadlineOfTheTest(Deadline)");

        assertThat(deadlines.get("virtual")).isNotNull().isSameAs(deadlines.get("test"));
    }

    @Reaper
    static class StartsAHelper {

        @RepeatedTest(10_000)
        void startsAShortHelper() throws InterruptedException {
            Thread helper = new Thread(() -> {});
            helper.start();
            helper.join();
        }
    }

    @Test
    void threadGroupsDoNotPileUp() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        int before = root.activeGroupCount();

        Kit kit = Kit.run(StartsAHelper.class);

        assertThat(kit.results().testEvents().succeeded().count()).isEqualTo(10_000);
        assertThat(root.activeGroupCount()).isLessThanOrEqualTo(before + 2);
    }

    @Test
    void outsideATestTheDeadlineNeverStops() {
        assertThat(Deadline.current().isStopRequested()).isFalse();
        assertThat(Deadline.current().remaining()).isGreaterThan(Duration.ofDays(365));
    }

}
