package dev.reaper.report;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.reaper.Isolation;
import dev.reaper.Reaper;
import dev.reaper.testing.Hangs;

/** Run in child JVMs by {@link RunBudgetTest}: fork-isolated classes, {@code B} then {@code C}. */
public class ForkBudgetFixture {

    /** Its second test hangs in its worker until the budget ends it; its third never starts. */
    @Reaper(isolation = Isolation.FORK, timeout = "1 h", grace = "500 ms")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    public static class B_HangsInAWorker {

        @Test
        void a_passes() {
        }

        @Test
        void b_hangs() throws InterruptedException {
            Hangs.sleepForever();
        }

        @Test
        void c_notStarted() {
        }
    }

    @Reaper(isolation = Isolation.FORK, timeout = "1 h")
    public static class C_NotStartedInAWorker {

        @Test
        void notStarted() {
        }
    }
}
