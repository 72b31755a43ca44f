package dev.reaper.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.reaper.Reaper;
import dev.reaper.testing.ChildJvm;

/**
 * {@code reaper.zombies} decides what follows a test that could not be stopped. Tested in child JVMs:
 * a zombie is JVM-wide, and {@code halt} ends the JVM.
 */
class ZombiePolicyTest {

    @Reaper(timeout = "300 ms", grace = "100 ms")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    public static class CatchAllThenMore {

        static volatile long sink;

        @Test
        void a_cannotBeStopped() {
            while (true) {
                try {
                    while (true) {
                        sink++;
                    }
                } catch (Throwable swallowed) {
                    // a catch-all loop: every interrupt and stop is swallowed
                }
            }
        }

        @Test
        void b_later() {
        }

        @Test
        void c_later() {
        }
    }

    @Test
    void continueRunsTheRemainingTests() throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(List.of(), CatchAllThenMore.class, "reaper.zombies=continue");

        assertThat(outcome.output())
                .contains("RESULT a_cannotBeStopped() FAILED HungTestException: ZombiePolicyTest.CatchAllThenMore"
                        + ".a_cannotBeStopped() exceeded its timeout of 300 ms; it could not be stopped")
                .contains("RESULT b_later() SUCCESSFUL", "RESULT c_later() SUCCESSFUL", "LAUNCHER DONE");
        assertThat(outcome.exitCode()).isZero();
    }

    @Test
    void failRemainingFailsLaterTestsFastSayingWhy() throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(List.of(), CatchAllThenMore.class, "reaper.zombies=fail-remaining");

        assertThat(outcome.output())
                .contains("RESULT a_cannotBeStopped() FAILED HungTestException")
                .contains("RESULT b_later() FAILED ZombieException: Reaper did not run ZombiePolicyTest"
                        + ".CatchAllThenMore.b_later(): ZombiePolicyTest.CatchAllThenMore.a_cannotBeStopped() could not"
                        + " be stopped and is still running on thread \"reaper: ZombiePolicyTest.CatchAllThenMore"
                        + ".a_cannotBeStopped()\"")
                .contains("(reaper.zombies=fail-remaining)")
                .contains("RESULT c_later() FAILED ZombieException", "LAUNCHER DONE");
    }

    @Test
    void haltReportsTheZombieThenEndsTheJvm() throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(List.of(), CatchAllThenMore.class, "reaper.zombies=halt");

        assertThat(outcome.exitCode()).isEqualTo(70);
        assertThat(outcome.output())
                .contains("RESULT a_cannotBeStopped() FAILED HungTestException")
                .contains("Reaper: halting the JVM with status 70 because 1 test(s) could not be stopped"
                        + " (reaper.zombies=halt): [ZombiePolicyTest.CatchAllThenMore.a_cannotBeStopped()]")
                .doesNotContain("RESULT b_later()", "LAUNCHER DONE");
    }
}
