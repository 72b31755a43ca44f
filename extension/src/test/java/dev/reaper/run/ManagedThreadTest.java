package dev.reaper.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.MockedStatic;
import org.mockito.junit.jupiter.MockitoExtension;

import dev.reaper.Deadline;
import dev.reaper.Reaper;
import dev.reaper.ReaperExtension;
import dev.reaper.testing.Kit;

/**
 * The constructor, {@code @BeforeEach}, the test and {@code @AfterEach} of one test share one
 * Reaper-managed thread, so thread-locals (Mockito's static mocks among them) set up before the test
 * are there in it.
 */
class ManagedThreadTest {

    static final List<Thread> seen = new ArrayList<>();
    static final AtomicReference<Thread> classThread = new AtomicReference<>();
    static final AtomicReference<String> nameInTest = new AtomicReference<>();
    static final AtomicReference<ThreadGroup> groupInTest = new AtomicReference<>();

    @ExtendWith(ReaperExtension.class)
    static class RecordsThreads {

        RecordsThreads() {
            seen.add(Thread.currentThread());
        }

        @BeforeAll
        static void beforeAll() {
            classThread.set(Thread.currentThread());
        }

        @BeforeEach
        void beforeEach() {
            seen.add(Thread.currentThread());
        }

        @Test
        void test() {
            seen.add(Thread.currentThread());
            nameInTest.set(Thread.currentThread().getName());
            groupInTest.set(Thread.currentThread().getThreadGroup());
        }

        @AfterEach
        void afterEach() {
            seen.add(Thread.currentThread());
        }

        @AfterAll
        static void afterAll() {
            assertThat(Thread.currentThread()).isSameAs(classThread.get());
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

    @Reaper(timeout = "10 s")
    static class InjectsDeadline {

        @Test
        void deadlineOfTheTest(Deadline deadline) throws Exception {
            assertThat(deadline.remaining()).isPositive().isLessThanOrEqualTo(java.time.Duration.ofSeconds(10));
            assertThat(deadline.isStopRequested()).isFalse();
            deadline.checkpoint();
            assertThat(Deadline.current()).isSameAs(deadline);
            AtomicReference<Deadline> fromChild = new AtomicReference<>();
            Thread child = new Thread(() -> fromChild.set(Deadline.current()));
            child.start();
            child.join();
            assertThat(fromChild.get()).as("threads a test starts see its deadline").isSameAs(deadline);
        }
    }

    @Test
    void oneTestRunsOnOneManagedThread() {
        seen.clear();
        Kit.run(RecordsThreads.class).assertSuccessful("test()");

        assertThat(seen).hasSize(4);
        Thread thread = seen.get(0);
        assertThat(seen).allSatisfy(each -> assertThat(each).isSameAs(thread));
        assertThat(thread).isNotSameAs(Thread.currentThread());
        assertThat(thread.isDaemon()).isTrue();
        assertThat(nameInTest.get()).isEqualTo("reaper: ManagedThreadTest.RecordsThreads.test()");
        assertThat(groupInTest.get().getName()).startsWith("reaper-");
        assertThat(groupInTest.get()).isNotSameAs(Thread.currentThread().getThreadGroup());
        assertThat(classThread.get()).isNotSameAs(thread).isNotSameAs(Thread.currentThread());
    }

    @Test
    void staticMockCreatedInBeforeEachIsActiveInTheTest() {
        Kit kit = Kit.run(StaticMockFromBeforeEach.class);

        kit.assertSuccessful("seesTheStaticMock()").assertSuccessful("seesMockitoExtensionMocks()");
    }

    @Test
    void deadlineIsInjectedAndInherited() {
        Kit.run(InjectsDeadline.class).assertSuccessful("deadlineOfTheTest(Deadline)");
    }

    @Test
    void outsideATestTheDeadlineNeverStops() {
        assertThat(Deadline.current().isStopRequested()).isFalse();
        assertThat(Deadline.current().remaining()).isGreaterThan(java.time.Duration.ofDays(365));
    }
}
