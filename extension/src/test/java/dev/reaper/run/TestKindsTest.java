package dev.reaper.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

import dev.reaper.HungTestException;
import dev.reaper.Reaper;
import dev.reaper.Rung;
import dev.reaper.testing.Bounds;
import dev.reaper.testing.Hangs;
import dev.reaper.testing.Kit;

/** Every kind of test JUnit runs is guarded: templates, dynamic tests, nested classes, parallel tests. */
class TestKindsTest {

    static final Duration TIMEOUT = Duration.ofMillis(300);
    static final Duration GRACE = Duration.ofMillis(200);

    @Reaper(timeout = "300 ms", grace = "200 ms")
    static class Templates {

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3})
        void amounts(int amount) {
            if (amount == 2) {
                Hangs.busySpin();
            }
        }

        @RepeatedTest(3)
        void repeated(RepetitionInfo repetition) throws InterruptedException {
            if (repetition.getCurrentRepetition() == 3) {
                Hangs.sleepForever();
            }
        }
    }

    @Reaper(timeout = "300 ms", grace = "200 ms")
    static class Dynamic {

        @TestFactory
        Stream<DynamicTest> cases() {
            return Stream.of(
                    DynamicTest.dynamicTest("case 1", () -> {
                    }),
                    DynamicTest.dynamicTest("case 2", Hangs::sleepSwallowingInterrupts),
                    DynamicTest.dynamicTest("case 3", () -> {
                    }));
        }
    }

    @Reaper(timeout = "300 ms", grace = "200 ms")
    static class Outer {

        @Test
        void outerPasses() {
        }

        @Nested
        class Inner {

            @Test
            void innerHangs() {
                Hangs.busySpin();
            }

            @Test
            void innerPasses() {
            }
        }
    }

    @Reaper(timeout = "500 ms", grace = "200 ms")
    @Execution(ExecutionMode.CONCURRENT)
    static class ConcurrentHangs {

        @Test
        void spins1() {
            Hangs.busySpin();
        }

        @Test
        void spins2() {
            Hangs.busySpin();
        }

        @Test
        void sleeps3() {
            Hangs.sleepSwallowingInterrupts();
        }

        @Test
        void sleeps4() throws InterruptedException {
            Hangs.sleepForever();
        }
    }

    @Test
    void oneHungParameterizedInvocation() {
        Kit kit = Kit.run(Templates.class);

        kit.assertSuccessful("[1]").assertSuccessful("[3]");
        HungTestException hung = kit.hung("[2]");
        assertThat(hung.getMessage()).startsWith("TestKindsTest.Templates.amounts(int) > [2] ").contains(" exceeded");
        assertThat(hung.stoppedBy()).contains(Rung.STOP);
        assertThat(kit.elapsed("[2]")).isLessThan(Bounds.within(TIMEOUT, GRACE, 3));
        kit.assertSuccessful("repetition 1 of 3").assertSuccessful("repetition 2 of 3");
        assertThat(kit.hung("repetition 3 of 3").stoppedBy()).contains(Rung.INTERRUPT);
    }

    @Test
    void oneHungDynamicTest() {
        Kit kit = Kit.run(Dynamic.class);
        Thread hungThread = Hangs.lastHungThread;

        kit.assertSuccessful("case 1").assertSuccessful("case 3");
        HungTestException hung = kit.hung("case 2");
        assertThat(hung.getMessage())
                .startsWith("TestKindsTest.Dynamic.cases() > case 2 exceeded its timeout of 300 ms");
        assertThat(hung.stoppedBy()).contains(Rung.STOP);
        assertThat(kit.elapsed("case 2")).isLessThan(Bounds.within(TIMEOUT, GRACE, 3));
        kit.assertSuccessful("cases()");
        assertThat(hungThread).as("JUnit's own thread, given back").isSameAs(Thread.currentThread());
    }

    @Test
    void hungNestedTest() {
        Kit kit = Kit.run(Outer.class);

        HungTestException hung = kit.hung("innerHangs()");
        assertThat(hung.getMessage())
                .startsWith("TestKindsTest.Outer.Inner.innerHangs() exceeded its timeout of 300 ms");
        assertThat(kit.elapsed("innerHangs()")).isLessThan(Bounds.within(TIMEOUT, GRACE, 3));
        kit.assertSuccessful("innerPasses()").assertSuccessful("outerPasses()");
    }

    @Test
    void concurrentHangsAllEndWithinTheirBounds() {
        Kit kit = Kit.run(ConcurrentHangs.class,
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

        List<String> tests = List.of("spins1()", "spins2()", "sleeps3()", "sleeps4()");
        for (String test : tests) {
            assertThat(kit.hung(test).isZombie()).isFalse();
            assertThat(kit.elapsed(test)).isLessThan(Bounds.within(Duration.ofMillis(500), GRACE, 3));
        }
        // They hung at the same time: each started before any of them finished.
        Instant lastStart = tests.stream().map(test -> kit.started(test).orElseThrow().getTimestamp())
                .max(Instant::compareTo).orElseThrow();
        Instant firstFinish = kit.events(event -> event.getType() == EventType.FINISHED
                && tests.contains(event.getTestDescriptor().getDisplayName())).stream()
                .map(Event::getTimestamp).min(Instant::compareTo).orElseThrow();
        assertThat(lastStart).isBefore(firstFinish);
    }
}
