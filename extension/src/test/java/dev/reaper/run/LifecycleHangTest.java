package dev.reaper.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;

import dev.reaper.HungTestException;
import dev.reaper.Reaper;
import dev.reaper.Rung;
import dev.reaper.testing.Bounds;
import dev.reaper.testing.Hangs;
import dev.reaper.testing.Kit;

/** Hangs outside the test method: lifecycle methods, the constructor, a static initializer. */
class LifecycleHangTest {

    static final Duration TIMEOUT = Duration.ofMillis(300);
    static final Duration GRACE = Duration.ofMillis(200);

    @Reaper(lifecycleTimeout = "300 ms", grace = "200 ms")
    static class HangsInBeforeEach {

        @BeforeEach
        void setUp(TestInfo test) {
            if (test.getDisplayName().startsWith("hangs")) {
                Hangs.busySpin();
            }
        }

        @Test
        void hangs() {
        }

        @Test
        void passes() {
        }
    }

    @Reaper(lifecycleTimeout = "300 ms", grace = "200 ms")
    static class HangsInAfterEach {

        @AfterEach
        void tearDown(TestInfo test) throws InterruptedException {
            if (test.getDisplayName().startsWith("hangs")) {
                Hangs.sleepForever();
            }
        }

        @Test
        void hangs() {
        }

        @Test
        void passes() {
        }
    }

    @Reaper(lifecycleTimeout = "300 ms", grace = "200 ms")
    static class HangsInBeforeAll {

        static final AtomicInteger afterAllRuns = new AtomicInteger();

        @BeforeAll
        static void startServer() {
            Hangs.sleepSwallowingInterrupts();
        }

        @AfterAll
        static void stopServer() {
            afterAllRuns.incrementAndGet();
        }

        @Test
        void neverRuns() {
        }
    }

    @Reaper(lifecycleTimeout = "300 ms", grace = "200 ms")
    static class HangsInAfterAll {

        @AfterAll
        static void stopServer() {
            Hangs.busySpin();
        }

        @Test
        void passes() {
        }
    }

    @Reaper(lifecycleTimeout = "300 ms", grace = "200 ms")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class HangsInConstructor {

        static final AtomicInteger instances = new AtomicInteger();

        HangsInConstructor() {
            if (instances.incrementAndGet() == 1) {
                Hangs.busySpin();
            }
        }

        @Test
        void a_hangs() {
        }

        @Test
        void b_passes() {
        }
    }

    @Reaper(lifecycleTimeout = "300 ms", grace = "200 ms")
    static class HangsInStaticInitializer {

        static {
            Hangs.busySpin();
        }

        @Test
        void hangs() {
        }
    }

    static class Passing {

        @Test
        void passes() {
        }
    }

    @Test
    void beforeEach() {
        Kit kit = Kit.run(HangsInBeforeEach.class);
        Thread hungThread = Hangs.lastHungThread;

        HungTestException hung = kit.hung("hangs()");
        assertThat(hung.getMessage()).startsWith("@BeforeEach setUp() of LifecycleHangTest.HangsInBeforeEach.hangs()"
                + " exceeded its timeout of 300 ms; stopped by stop");
        assertThat(kit.elapsed("hangs()")).isLessThan(Bounds.within(TIMEOUT, GRACE, 3));
        kit.assertSuccessful("passes()");
        assertThat(hungThread).as("JUnit's own thread, given back").isSameAs(Thread.currentThread());
    }

    @Test
    void afterEach() {
        Kit kit = Kit.run(HangsInAfterEach.class);

        HungTestException hung = kit.hung("hangs()");
        assertThat(hung.getMessage()).startsWith("@AfterEach tearDown() of LifecycleHangTest.HangsInAfterEach.hangs()");
        assertThat(hung.stoppedBy()).contains(Rung.INTERRUPT);
        kit.assertSuccessful("passes()");
    }

    @Test
    void beforeAllFailsTheClassAndTheRunGoesOn() {
        Kit kit = Kit.run(List.of(selectClass(HangsInBeforeAll.class), selectClass(Passing.class)));

        HungTestException hung = kit.hung("HangsInBeforeAll");
        assertThat(hung.getMessage()).startsWith("@BeforeAll startServer() of LifecycleHangTest.HangsInBeforeAll");
        assertThat(hung.stoppedBy()).contains(Rung.STOP);
        assertThat(HangsInBeforeAll.afterAllRuns).as("@AfterAll still runs").hasValue(1);
        assertThat(kit.elapsed("HangsInBeforeAll")).isLessThan(Bounds.within(TIMEOUT, GRACE, 3));
        kit.assertSuccessful("passes()");
    }

    @Test
    void afterAll() {
        Kit kit = Kit.run(HangsInAfterAll.class);

        kit.assertSuccessful("passes()");
        assertThat(kit.hung("HangsInAfterAll").getMessage())
                .startsWith("@AfterAll stopServer() of LifecycleHangTest.HangsInAfterAll");
    }

    @Test
    void constructor() {
        Kit kit = Kit.run(HangsInConstructor.class);

        HungTestException hung = kit.hung("a_hangs()");
        assertThat(hung.getMessage()).startsWith("constructor of LifecycleHangTest.HangsInConstructor.a_hangs()");
        assertThat(hung.stoppedBy()).contains(Rung.STOP);
        kit.assertSuccessful("b_passes()");
    }

    @Test
    void staticInitializer() {
        Kit kit = Kit.run(HangsInStaticInitializer.class);
        Thread hungThread = Hangs.lastHungThread;

        HungTestException hung = kit.hung("hangs()");
        assertThat(hung.getStackTrace()[0].getMethodName()).isIn("busySpin", "<clinit>");
        assertThat(hung.getStackTrace()).extracting(StackTraceElement::getMethodName).contains("<clinit>");
        assertThat(hung.stoppedBy()).contains(Rung.STOP);
        assertThat(kit.elapsed("hangs()")).isLessThan(Bounds.within(TIMEOUT, GRACE, 3));
        assertThat(hungThread).as("JUnit's own thread, given back").isSameAs(Thread.currentThread());
    }
}
