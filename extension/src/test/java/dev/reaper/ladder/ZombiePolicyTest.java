package dev.reaper.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.reaper.Reaper;
import dev.reaper.testing.ChildJvm;
import dev.reaper.testing.Hangs;

/**
 * {@code reaper.zombies} decides what follows a test that could not be stopped, which holds the JUnit
 * thread it runs on. Tested in child JVMs: a zombie is JVM-wide, and the run cannot finish.
 */
class ZombiePolicyTest {

    /** The zombie, then a test that never gets JUnit's thread back. */
    @Reaper(timeout = "300 ms", grace = "100 ms")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    public static class CatchAllThenMore {

        @Test
        @Order(1)
        void cannotBeStopped() {
            Hangs.spinCatchingEverything();
        }

        @Test
        @Order(2)
        void later() {
        }
    }

    @Test
    void haltIsTheDefault() throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(List.of(), CatchAllThenMore.class);

        assertThat(outcome.exitCode()).isEqualTo(70);
        assertThat(outcome.output())
                .contains("Reaper: ZombiePolicyTest.CatchAllThenMore.cannotBeStopped() could not be stopped")
                .contains("Reaper: halting the JVM with status 70 because 1 test(s) could not be stopped"
                        + " (reaper.zombies=halt): [ZombiePolicyTest.CatchAllThenMore.cannotBeStopped()]")
                .doesNotContain("RESULT cannotBeStopped()", "RESULT later()", "LAUNCHER DONE");
    }

    @Test
    void continueLeavesTheRunToTheRunWatchdog() throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(List.of(), CatchAllThenMore.class,
                "reaper.zombies=continue", "reaper.run.stall=3 s");

        assertThat(outcome.output())
                .contains("Reaper: ZombiePolicyTest.CatchAllThenMore.cannotBeStopped() could not be stopped")
                .contains("the run watchdog (reaper.run.timeout, reaper.run.stall) or the build tool's timeout ends it")
                .contains("Reaper: run watchdog: no test finished for")
                .doesNotContain("halting the JVM with status 70", "RESULT later()", "LAUNCHER DONE");
        assertThat(outcome.exitCode()).isEqualTo(124);
    }
}
