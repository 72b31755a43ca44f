package dev.reaper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reaper.Deadline;
import dev.reaper.HungTestException;
import dev.reaper.LeakAction;
import dev.reaper.LeakedThreadsException;
import dev.reaper.Reaper;
import dev.reaper.ReaperExtension;
import dev.reaper.Rung;
import dev.reaper.internal.util.WorkerJvm;
import dev.reaper.testing.Hangs;
import dev.reaper.testing.Kit;
import dev.reaper.testing.Leftovers;

/**
 * {@code ReaperExtension.builder()} with {@code @RegisterExtension}: its values apply below every
 * {@code @Reaper} and above the configuration, and exactly one ReaperExtension acts when JUnit has registered
 * another beside it ({@code @Reaper} on the class, autodetection).
 */
class ReaperExtensionBuilderTest {

    private static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

    @AfterEach
    void endWhatTheFixturesLeft() {
        Leftovers.cleanUp();
    }

    static class Registered {

        @RegisterExtension
        static final ReaperExtension REAPER = ReaperExtension.builder()
                .timeout(Duration.ofMillis(200))
                .grace(Duration.ofMillis(100))
                .ladder(Rung.STOP)
                .build();

        @Test
        void hangs() throws InterruptedException {
            Hangs.sleepForever();
        }

        @Test
        @Reaper(timeout = "300 ms")
        void annotated() throws InterruptedException {
            Hangs.sleepForever();
        }

        @Test
        void passes(Deadline deadline) {
            assertThat(deadline.remaining()).isLessThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void itsValuesWinOverTheConfigurationAndAnAnnotationWinsOverThem() {
        Kit kit = Kit.run(Registered.class, "reaper.timeout.default", "1 m", "reaper.ladder", "interrupt");

        assertThat(kit.hung("hangs()").timeout()).hasMillis(200);
        assertThat(kit.hung("hangs()").stoppedBy()).as("its ladder, not the configured one").contains(Rung.STOP);
        assertThat(kit.hung("annotated()").timeout()).hasMillis(300);
        kit.assertSuccessful("passes(Deadline)");
    }

    @Test
    void withAutodetectionOnlyTheRegisteredOneActs() {
        Kit kit = Kit.run(Registered.class, AUTODETECTION, "true", "reaper.timeout.default", "100 ms",
                "reaper.ladder", "interrupt");

        // Both acting would stop it at 100 ms by interrupt, and fail the Deadline parameter (two resolvers).
        assertThat(kit.hung("hangs()").timeout()).hasMillis(200);
        assertThat(kit.hung("hangs()").stoppedBy()).contains(Rung.STOP);
        assertThat(kit.hung("hangs()").getCause()).isNotInstanceOf(HungTestException.class);
        kit.assertSuccessful("passes(Deadline)");
    }

    @Reaper(timeout = "300 ms", grace = "100 ms")
    static class AnnotatedAndRegistered {

        @RegisterExtension
        static final ReaperExtension REAPER = ReaperExtension.builder()
                .timeout(1, TimeUnit.MINUTES)
                .leaks(LeakAction.FAIL)
                .build();

        @Test
        void hangs(Deadline deadline) throws InterruptedException {
            Hangs.sleepForever();
        }

        @Test
        void leaks() {
            Leftovers.sleeper("left-under-a-registered-reaper", true);
        }

        @Nested
        class Inner {

            @RegisterExtension
            final ReaperExtension inner = ReaperExtension.builder().timeout(Duration.ofMillis(150)).build();

            @Test
            void hangsToo() throws InterruptedException {
                Hangs.sleepForever();
            }
        }
    }

    @Test
    void besideAnAnnotationOnlyTheRegisteredOneActsWithTheAnnotationWinning() {
        Kit kit = Kit.run(AnnotatedAndRegistered.class, "reaper.leaks", "warn");

        assertThat(kit.hung("hangs(Deadline)").timeout()).hasMillis(300);
        assertThat(kit.hung("hangs(Deadline)").getCause()).isNotInstanceOf(HungTestException.class);
        assertThat(kit.failure("leaks()")).isInstanceOf(LeakedThreadsException.class)
                .hasMessageContaining("\"left-under-a-registered-reaper\"");
        assertThat(kit.failure("leaks()").getSuppressed()).hasSize(1); // one thread, scanned once
        // The innermost registered one acts: the class annotation still wins over its values.
        assertThat(kit.hung("hangsToo()").timeout()).hasMillis(300);
    }

    static class InnermostWins {

        @RegisterExtension
        static final ReaperExtension OUTER = ReaperExtension.builder().timeout(Duration.ofMinutes(1)).build();

        @Nested
        class Inner {

            @RegisterExtension
            final ReaperExtension inner = ReaperExtension.builder().timeout(Duration.ofMillis(150))
                    .grace(Duration.ofMillis(100)).build();

            @Test
            void hangs() throws InterruptedException {
                Hangs.sleepForever();
            }
        }
    }

    @Test
    void ofTwoRegisteredOnesTheInnermostActs() {
        Kit kit = Kit.run(InnermostWins.class);

        assertThat(kit.hung("hangs()").timeout()).hasMillis(150);
        assertThat(kit.hung("hangs()").getCause()).isNotInstanceOf(HungTestException.class);
    }

    static class RegisteredOnTheInstance {

        @RegisterExtension
        final ReaperExtension reaper = ReaperExtension.builder().timeout(Duration.ofMillis(250))
                .grace(Duration.ofMillis(100)).build();

        @Test
        void hangs(Deadline deadline) throws InterruptedException {
            Hangs.sleepForever();
        }
    }

    @Test
    void anInstanceFieldActsForItsTestBesideAutodetection() {
        Kit kit = Kit.run(RegisteredOnTheInstance.class, AUTODETECTION, "true", "reaper.timeout.default", "100 ms");

        assertThat(kit.hung("hangs(Deadline)").timeout()).hasMillis(250);
        assertThat(kit.hung("hangs(Deadline)").getCause()).isNotInstanceOf(HungTestException.class);
    }

    static class RegisteredAndForked {

        @RegisterExtension
        static final ReaperExtension REAPER = ReaperExtension.builder()
                .timeout(Duration.ofMillis(250))
                .grace(Duration.ofMillis(100))
                .build();

        @Test
        void hangsInTheWorker() throws InterruptedException {
            assertThat(WorkerJvm.isWorker()).isTrue();
            Hangs.sleepForever();
        }
    }

    @Test
    void aForkedClassKeepsItsRegisteredValuesInTheWorker() {
        Kit kit = Kit.run(RegisteredAndForked.class, "reaper.isolation.default", "fork",
                "reaper.timeout.default", "1 m");

        assertThat(kit.hung("hangsInTheWorker()").timeout()).hasMillis(250);
        assertThat(kit.hung("hangsInTheWorker()").stoppedBy()).contains(Rung.INTERRUPT);
    }

    @Test
    void badValuesFailAtOnceNamingTheMethodAndTheAcceptedForms() {
        assertThatThrownBy(() -> ReaperExtension.builder().timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ReaperExtension.builder().timeout(PT0S): expected a positive duration, e.g."
                        + " Duration.ofSeconds(10)");
        assertThatThrownBy(() -> ReaperExtension.builder().ladder(Rung.STOP, Rung.INTERRUPT))
                .hasMessage("ReaperExtension.builder().ladder([STOP, INTERRUPT]): expected rungs in the ladder's"
                        + " order without repeats, a subset of [INTERRUPT, FLAG, STOP, KILL], e.g."
                        + " ladder(Rung.INTERRUPT, Rung.STOP, Rung.KILL)");
        assertThatThrownBy(() -> ReaperExtension.builder().allowLeaks("pool-*", " "))
                .hasMessageStartingWith("ReaperExtension.builder().allowLeaks([pool-*,  ]): expected thread-name"
                        + " patterns");
    }
}
