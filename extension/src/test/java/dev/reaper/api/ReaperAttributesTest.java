package dev.reaper.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.reaper.Isolation;
import dev.reaper.LeakAction;
import dev.reaper.LeakedThreadsException;
import dev.reaper.Reaper;
import dev.reaper.Rung;
import dev.reaper.ZombiePolicy;
import dev.reaper.internal.config.InvalidConfigurationException;
import dev.reaper.internal.util.WorkerJvm;
import dev.reaper.testing.ChildJvm;
import dev.reaper.testing.Hangs;
import dev.reaper.testing.Kit;
import dev.reaper.testing.Leftovers;

/**
 * The typed timeout ({@code value}, {@code unit}) and the per-annotation {@code ladder}, {@code zombies} and
 * {@code leaks}: each inherited method -> class -> configuration, and each bad combination failing the test
 * with a message naming the attributes and the accepted forms.
 */
class ReaperAttributesTest {

    @AfterEach
    void endWhatTheFixturesLeft() {
        Leftovers.cleanUp();
    }

    @Reaper(value = 250, unit = TimeUnit.MILLISECONDS, grace = "200 ms")
    static class TypedTimeouts {

        @Test
        void inheritsTheClassValue() throws InterruptedException {
            Hangs.sleepForever();
        }

        @Test
        @Reaper(timeout = "300 ms")
        void textOnTheMethodWins() throws InterruptedException {
            Hangs.sleepForever();
        }
    }

    @Reaper(1)
    static class BareValue {

        @Test
        void hangs() throws InterruptedException {
            Hangs.sleepForever();
        }
    }

    @Test
    void aNumberAndAUnitSetTheTimeoutAndTextOnACloserAnnotationWins() {
        Kit kit = Kit.run(TypedTimeouts.class, "reaper.timeout.default", "1 m");

        assertThat(kit.hung("inheritsTheClassValue()").timeout()).hasMillis(250);
        assertThat(kit.hung("inheritsTheClassValue()")).hasMessageContaining("exceeded its timeout of 250 ms");
        assertThat(kit.hung("textOnTheMethodWins()").timeout()).hasMillis(300);
    }

    @Test
    void aBareNumberIsSeconds() {
        Kit kit = Kit.run(BareValue.class, "reaper.grace", "200 ms");

        assertThat(kit.hung("hangs()").timeout()).hasSeconds(1);
    }

    static class BadTypedTimeouts {

        @Test
        @Reaper(value = 10, timeout = "10 s")
        void both() {
        }

        @Test
        @Reaper(value = 0)
        void zero() {
        }

        @Test
        @Reaper(unit = TimeUnit.MILLISECONDS)
        void unitAlone() {
        }
    }

    @Reaper
    static class ValueOnALifecycleMethod {

        @BeforeEach
        @Reaper(5)
        void setUp() {
        }

        @Test
        void test() {
        }
    }

    @Test
    void contradictoryTimeoutsFailTheTestNamingTheAttributesAndTheAcceptedForms() {
        Kit kit = Kit.run(BadTypedTimeouts.class);

        assertThat(kit.failure("both()")).isInstanceOf(InvalidConfigurationException.class).hasMessage(
                "Invalid Reaper setting: @Reaper(value, timeout) on BadTypedTimeouts.both(): both set (value = 10,"
                        + " timeout = \"10 s\"); set one: @Reaper(10) or @Reaper(value = 500, unit = MILLISECONDS)"
                        + " for a number and a unit, or @Reaper(timeout = \"10 s\") for JUnit's duration syntax");
        assertThat(kit.failure("zero()")).hasMessage("Invalid Reaper setting: @Reaper(value) on"
                + " BadTypedTimeouts.zero() = \"0\"; expected a positive number of units (unit, SECONDS unless set):"
                + " @Reaper(10) or @Reaper(value = 500, unit = MILLISECONDS) for a number and a unit, or"
                + " @Reaper(timeout = \"10 s\") for JUnit's duration syntax");
        assertThat(kit.failure("unitAlone()")).hasMessage("Invalid Reaper setting: @Reaper(unit) on"
                + " BadTypedTimeouts.unitAlone() = MILLISECONDS without value: unit is the unit of value, e.g."
                + " @Reaper(value = 500, unit = MILLISECONDS); timeout takes its unit in the text, e.g."
                + " @Reaper(timeout = \"500 ms\")");
    }

    @Test
    void aValueOnALifecycleMethodConflicts() {
        Kit kit = Kit.run(ValueOnALifecycleMethod.class);

        assertThat(kit.failure("test()")).hasMessage("Invalid Reaper setting: @Reaper(value) on"
                + " ValueOnALifecycleMethod.setUp() = 5: a lifecycle method takes lifecycleTimeout, not value");
    }

    @Reaper(timeout = "200 ms", grace = "200 ms", ladder = {Rung.STOP, Rung.KILL})
    static class OwnLadder {

        @Test
        void interruptibleButTheLadderHasNoInterrupt() throws InterruptedException {
            Hangs.sleepForever();
        }

        @Test
        @Reaper(ladder = Rung.INTERRUPT)
        void theMethodsLadderWins() throws InterruptedException {
            Hangs.sleepForever();
        }
    }

    @Test
    void theAnnotationsLadderIsClimbedInsteadOfTheConfiguredOne() {
        Kit kit = Kit.run(OwnLadder.class, "reaper.ladder", "interrupt, flag");

        assertThat(kit.hung("interruptibleButTheLadderHasNoInterrupt()").stoppedBy()).contains(Rung.STOP);
        assertThat(kit.hung("theMethodsLadderWins()").stoppedBy()).contains(Rung.INTERRUPT);
    }

    static class BadLadder {

        @Test
        @Reaper(ladder = {Rung.STOP, Rung.INTERRUPT})
        void outOfOrder() {
        }
    }

    @Test
    void aLadderOutOfOrderFailsTheTestNamingIt() {
        Kit kit = Kit.run(BadLadder.class);

        assertThat(kit.failure("outOfOrder()")).hasMessage("Invalid Reaper setting: @Reaper(ladder) on"
                + " BadLadder.outOfOrder() = \"[STOP, INTERRUPT]\"; expected rungs in the ladder's order without"
                + " repeats, a subset of [INTERRUPT, FLAG, STOP, KILL], e.g. {INTERRUPT, STOP, KILL}");
    }

    /** The watched test first: the class is watched when the unwatched one leaks. */
    @Reaper(leaks = LeakAction.FAIL)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ClassFailsOnLeaks {

        @Test
        @Order(1)
        void leaks() {
            Leftovers.sleeper("fails-its-test", true);
        }

        @Test
        @Order(2)
        @Reaper(leaks = LeakAction.OFF)
        void mayLeak() {
            Leftovers.sleeper("allowed-by-its-method", true);
        }
    }

    @Test
    void theAnnotationsLeakActionWinsOverTheConfiguredOneAndAMethodsOverItsClass() {
        Kit kit = Kit.run(ClassFailsOnLeaks.class, "reaper.leaks", "warn");

        assertThat(kit.failure("leaks()")).isInstanceOf(LeakedThreadsException.class)
                .hasMessageStartingWith("ReaperAttributesTest.ClassFailsOnLeaks.leaks() left 1 thread running")
                .hasMessageContaining("\"fails-its-test\"");
        kit.assertSuccessful("mayLeak()");
        kit.assertSuccessful("ClassFailsOnLeaks"); // what mayLeak() left is its own, not its class's
    }

    @Reaper
    static class LeaksOnALifecycleMethod {

        @BeforeEach
        @Reaper(leaks = LeakAction.OFF)
        void setUp() {
        }

        @Test
        void test() {
        }
    }

    @Test
    void leaksOnALifecycleMethodConflicts() {
        Kit kit = Kit.run(LeaksOnALifecycleMethod.class);

        assertThat(kit.failure("test()")).hasMessage("Invalid Reaper setting: @Reaper(leaks) on"
                + " LeaksOnALifecycleMethod.setUp() = OFF: leaks applies to test classes and test methods, not to"
                + " lifecycle methods (threads started in @BeforeAll belong to the class: annotate the class)");
    }

    /** Run in a child JVM: the zombie holds JUnit's thread there for good. */
    @Reaper(timeout = "300 ms", grace = "100 ms", zombies = ZombiePolicy.CONTINUE)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    public static class ZombieThatContinues {

        @Test
        @Order(1)
        void cannotBeStopped() {
            Hangs.spinCatchingEverything();
        }
    }

    @Test
    void theAnnotationsZombiePolicyWinsOverTheConfiguredOne() throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(List.of(), ZombieThatContinues.class,
                "reaper.zombies=halt", "reaper.run.stall=3 s");

        assertThat(outcome.output())
                .contains("Reaper: ReaperAttributesTest.ZombieThatContinues.cannotBeStopped() could not be stopped;"
                        + " it holds JUnit's thread \"")
                .contains("(reaper.zombies=continue)")
                .doesNotContain("halting the JVM with status 70");
        assertThat(outcome.exitCode()).as("ended by the run watchdog, not by the zombie policy").isEqualTo(124);
    }

    /** The worker reads the annotations itself: the same attributes hold there. */
    @Reaper(isolation = Isolation.FORK, value = 200, unit = TimeUnit.MILLISECONDS, grace = "200 ms", ladder = {
            Rung.STOP, Rung.KILL}, leaks = LeakAction.FAIL)
    static class ForkedWithAttributes {

        @Test
        void interruptibleButTheLadderHasNoInterrupt() throws InterruptedException {
            assertThat(WorkerJvm.isWorker()).isTrue();
            Hangs.sleepForever();
        }

        @Test
        void leaks() {
            Leftovers.shortLived("left-in-the-worker", 5_000); // outlives the linger, then ends by itself
        }
    }

    @Test
    void aForkedClassKeepsItsAttributesInTheWorker() {
        Kit kit = Kit.run(ForkedWithAttributes.class, "reaper.ladder", "interrupt, kill", "reaper.leaks", "warn");

        assertThat(kit.hung("interruptibleButTheLadderHasNoInterrupt()").timeout()).hasMillis(200);
        assertThat(kit.hung("interruptibleButTheLadderHasNoInterrupt()").stoppedBy()).contains(Rung.STOP);
        assertThat(kit.failure("leaks()")).isInstanceOf(LeakedThreadsException.class)
                .hasMessageContaining("\"left-in-the-worker\"");
    }

    static class OptedOutAndMore {

        @Test
        @Reaper(enabled = false, timeout = "1 s", leaks = LeakAction.FAIL)
        void contradicts() {
        }
    }

    @Test
    void anOptOutWithOtherAttributesFailsNamingThem() {
        Kit kit = Kit.run(OptedOutAndMore.class);

        assertThat(kit.failure("contradicts()")).hasMessage("Invalid Reaper setting: @Reaper(enabled = false) on"
                + " OptedOutAndMore.contradicts() also sets timeout, leaks: a test opted out of Reaper runs as without"
                + " it, so these would be ignored; remove them, or enabled = false");
    }
}
