package dev.reaper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.reaper.Reaper;
import dev.reaper.internal.config.InvalidConfigurationException;
import dev.reaper.testing.Kit;

/**
 * {@code reaper.timeout.overrides} end to end: unannotated classes (Reaper switched on by configuration
 * alone) get their test timeout from the first matching entry, after annotations and before
 * {@code reaper.timeout.default}.
 */
class TimeoutOverridesAcceptanceTest {

    private static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

    static class SleepyFixture {

        @Test
        void sleeps() throws InterruptedException {
            Thread.sleep(2_000);
        }

        @Nested
        class Inner {

            @Test
            void sleepsToo() throws InterruptedException {
                Thread.sleep(2_000);
            }
        }
    }

    @Reaper(timeout = "200 ms")
    static class AnnotatedSleepyFixture {

        @Test
        void sleeps() throws InterruptedException {
            Thread.sleep(2_000);
        }

        @Test
        @Reaper(timeout = "250 ms")
        void sleepsAnnotated() throws InterruptedException {
            Thread.sleep(2_000);
        }
    }

    static class MethodsFixture {

        @Test
        void slow() throws InterruptedException {
            Thread.sleep(2_000);
        }

        @Test
        void other() throws InterruptedException {
            Thread.sleep(600);
        }

        @ParameterizedTest(name = "variant {0}")
        @ValueSource(ints = {1, 2})
        void variants(int variant) throws InterruptedException {
            Thread.sleep(2_000);
        }

        @TestFactory
        Stream<DynamicTest> cases() {
            return IntStream.of(1, 2).mapToObj(number -> DynamicTest.dynamicTest("case " + number,
                    () -> Thread.sleep(2_000)));
        }
    }

    static class SlowSetUpFixture {

        @BeforeEach
        void setUp() throws InterruptedException {
            Thread.sleep(600);
        }

        @Test
        void quick() {
        }
    }

    @Test
    void aMatchingClassGetsTheOverridesTimeoutOverTheDefault() {
        Kit kit = Kit.run(SleepyFixture.class, AUTODETECTION, "true",
                "reaper.timeout.default", "1 m", "reaper.timeout.overrides", "*Sleepy* = 300 ms");

        assertThat(kit.hung("sleeps()")).hasMessageContaining("exceeded its timeout of 300 ms");
        // A @Nested class is covered by the pattern of the class around it.
        assertThat(kit.hung("sleepsToo()")).hasMessageContaining("exceeded its timeout of 300 ms");
    }

    @Test
    void annotationsWinOverOverrides() {
        Kit kit = Kit.run(AnnotatedSleepyFixture.class, "reaper.timeout.default", "1 m",
                "reaper.timeout.overrides", "*Sleepy* = 1 m");

        assertThat(kit.hung("sleeps()").timeout()).hasMillis(200);
        assertThat(kit.hung("sleepsAnnotated()").timeout()).hasMillis(250);
    }

    @Test
    void aMethodPatternAffectsOnlyThatMethodInEveryInvocation() {
        Kit kit = Kit.run(MethodsFixture.class, AUTODETECTION, "true", "reaper.timeout.default", "1 m",
                "reaper.timeout.overrides", "MethodsFixture#slow = 300 ms, MethodsFixture#variants = 300 ms,"
                        + " MethodsFixture#cases = 300 ms, MethodsFixture = 400 ms");

        assertThat(kit.hung("slow()")).hasMessageContaining("exceeded its timeout of 300 ms");
        assertThat(kit.hung("variant 1").timeout()).hasMillis(300);
        assertThat(kit.hung("variant 2").timeout()).hasMillis(300);
        assertThat(kit.hung("case 1").timeout()).hasMillis(300);
        assertThat(kit.hung("case 2").timeout()).hasMillis(300);
        // The class entry comes after the method entries: the first match wins.
        assertThat(kit.hung("other()").timeout()).hasMillis(400);
    }

    @Test
    void aMethodPatternLeavesTheClassesOtherMethodsAlone() {
        Kit kit = Kit.run(
                List.of(selectMethod(MethodsFixture.class, "slow"), selectMethod(MethodsFixture.class, "other")),
                AUTODETECTION, "true", "reaper.timeout.default", "1 m",
                "reaper.timeout.overrides", "MethodsFixture#slow = 300 ms");

        assertThat(kit.hung("slow()").timeout()).hasMillis(300);
        kit.assertSuccessful("other()");
    }

    @Test
    void lifecycleMethodsKeepTheLifecycleTimeout() {
        Kit kit = Kit.run(SlowSetUpFixture.class, AUTODETECTION, "true", "reaper.timeout.default", "1 m",
                "reaper.timeout.overrides", "SlowSetUpFixture = 300 ms");

        kit.assertSuccessful("quick()");
    }

    @Test
    void aBadEntryFailsTheTestNamingIt() {
        Kit kit = Kit.run(SlowSetUpFixture.class, AUTODETECTION, "true",
                "reaper.timeout.overrides", "*IT = 10 m, SlowSetUpFixture 300 ms");

        assertThat(kit.failure("quick()")).isInstanceOf(InvalidConfigurationException.class).hasMessageStartingWith(
                "Invalid Reaper setting: reaper.timeout.overrides = \"SlowSetUpFixture 300 ms\"; expected entries"
                        + " <class pattern>[#<method>] = <duration>");
    }
}
