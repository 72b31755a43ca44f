package dev.reaper.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.reaper.HungTestException;
import dev.reaper.Reaper;
import dev.reaper.testing.Hangs;
import dev.reaper.testing.Kit;

/** Annotation attributes: precedence, and bad values failing the test with a message that names them. */
class AnnotationConfigTest {

    @Reaper(timeout = "5 m", grace = "100 ms")
    static class MethodOverridesClass {

        @Test
        @Reaper(timeout = "200 ms")
        void hangs() throws InterruptedException {
            Hangs.sleepForever();
        }

        @Nested
        @Reaper(timeout = "300 ms")
        class Inner {

            @Test
            void hangsToo() throws InterruptedException {
                Hangs.sleepForever();
            }
        }
    }

    static class BadValues {

        @Test
        @Reaper(timeout = "soon")
        void badTimeout() {
        }

        @Test
        @Reaper(grace = "0 ms")
        void badGrace() {
        }

        @Test
        @Reaper(lifecycleTimeout = "-1 s")
        void badLifecycleTimeout() {
        }

    }

    @Reaper
    static class TimeoutOnALifecycleMethod {

        @BeforeEach
        @Reaper(timeout = "1 s")
        void setUp() {
        }

        @Test
        void test() {
        }
    }

    static class BadAllowLeaks {

        @Test
        @Reaper(allowLeaks = {"pool-*", " "})
        void blankPattern() {
        }
    }

    @Reaper
    static class AllowLeaksOnALifecycleMethod {

        @BeforeEach
        @Reaper(allowLeaks = "server-*")
        void setUp() {
        }

        @Test
        void test() {
        }
    }

    @Test
    void aBlankAllowLeaksPatternFailsTheTestNamingIt() {
        Kit kit = Kit.run(BadAllowLeaks.class);

        assertThat(kit.failure("blankPattern()")).isInstanceOf(InvalidConfigurationException.class).hasMessage(
                "Invalid Reaper setting: @Reaper(allowLeaks) on BadAllowLeaks.blankPattern() = \"pool-*, \"; expected a"
                        + " comma-separated list of thread-name patterns (* matches any characters, ? one; a process"
                        + " matches by its command line), e.g. \"grpc-default-executor-*, OkHttp *\"");
    }

    @Test
    void allowLeaksOnALifecycleMethodConflicts() {
        Kit kit = Kit.run(AllowLeaksOnALifecycleMethod.class);

        assertThat(kit.failure("test()")).hasMessage("Invalid Reaper setting: @Reaper(allowLeaks) on"
                + " AllowLeaksOnALifecycleMethod.setUp() = [server-*]: allowLeaks applies to test classes and test"
                + " methods, not to lifecycle methods (threads started in @BeforeAll belong to the class: annotate"
                + " the class)");
    }

    @Reaper
    static class Passing {
        @Test
        void passes() {
        }
    }

    @Test
    void closestAnnotationWinsPerAttribute() {
        Kit kit = Kit.run(MethodOverridesClass.class);

        HungTestException hung = kit.hung("hangs()");
        assertThat(hung.timeout()).hasMillis(200);
        assertThat(kit.hung("hangsToo()").timeout()).hasMillis(300);
    }

    @Test
    void badAttributeValuesFailTheTestNamingThem() {
        Kit kit = Kit.run(BadValues.class);

        assertThat(kit.failure("badTimeout()")).isInstanceOf(InvalidConfigurationException.class).hasMessage(
                "Invalid Reaper setting: @Reaper(timeout) on BadValues.badTimeout() = \"soon\"; expected a positive"
                        + " duration: <number> [ns|μs|ms|s|m|h|d], seconds when no unit, e.g. \"500 ms\", \"5 s\", \"2 m\"");
        assertThat(kit.failure("badGrace()")).hasMessageStartingWith(
                "Invalid Reaper setting: @Reaper(grace) on BadValues.badGrace() = \"0 ms\"; expected a positive duration");
        assertThat(kit.failure("badLifecycleTimeout()")).hasMessageStartingWith(
                "Invalid Reaper setting: @Reaper(lifecycleTimeout) on BadValues.badLifecycleTimeout() = \"-1 s\"");
    }

    @Test
    void aTimeoutOnALifecycleMethodConflicts() {
        Kit kit = Kit.run(TimeoutOnALifecycleMethod.class);

        assertThat(kit.failure("test()")).hasMessage("Invalid Reaper setting: @Reaper(timeout) on"
                + " TimeoutOnALifecycleMethod.setUp() = \"1 s\": a lifecycle method takes lifecycleTimeout, not timeout");
    }

    @Test
    void badConfigurationParameterFailsTheTestNamingTheKey() {
        Kit kit = Kit.run(Passing.class, "reaper.grace", "a little");

        assertThat(kit.failure("passes()")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(
                        "Invalid Reaper setting: reaper.grace = \"a little\"; expected a positive duration");
    }

    @Test
    void disabledModeRunsTestsUnguarded() {
        Kit kit = Kit.run(DisabledProbe.class, "reaper.mode", "disabled");

        kit.assertSuccessful("runsOnTheCallersThread(Deadline)");
    }

    @Reaper(timeout = "1 ms")
    static class DisabledProbe {

        @Test
        void runsOnTheCallersThread(dev.reaper.Deadline deadline) throws InterruptedException {
            Thread.sleep(50); // far past the 1 ms timeout: only passes when Reaper is off
            assertThat(Thread.currentThread().getName()).doesNotStartWith("reaper");
            assertThat(deadline.isStopRequested()).isFalse();
        }
    }
}
