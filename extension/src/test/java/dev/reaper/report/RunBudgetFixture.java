package dev.reaper.report;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.reaper.Reaper;
import dev.reaper.testing.Hangs;

/**
 * Run in child JVMs by {@link RunBudgetTest}, in this order: {@code A}, {@code B} or {@code B_Deadlocks}, then
 * {@code C}. Each test's own timeout is an hour: only the run budget ends the hang in time.
 */
public class RunBudgetFixture {

    /** Runs and passes before the budget runs out. */
    @Reaper(timeout = "1 h", grace = "500 ms")
    public static class A_Passes {

        @Test
        void passes() {
        }
    }

    /** Its second test hangs (interruptibly) until the budget ends it; its third never starts. */
    @Reaper(timeout = "1 h", grace = "500 ms")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    public static class B_Hangs {

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

        @AfterAll
        static void cleanUp() {
            System.out.println("B_Hangs CLEANED UP"); // a class that was running gets its cleanup
        }
    }

    /** Its second test is in a {@code synchronized} deadlock: no rung in the JVM can end it. */
    @Reaper(timeout = "1 h", grace = "500 ms")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    public static class B_Deadlocks {

        @Test
        void a_passes() {
        }

        @Test
        void b_deadlocks() {
            Hangs.monitorDeadlock();
        }

        @Test
        void c_notStarted() {
        }
    }

    /** Not started when the budget runs out. */
    @Reaper(timeout = "1 h", grace = "500 ms")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    public static class C_NotStarted {

        @BeforeAll
        static void setUp() {
            System.out.println("C_NotStarted SET UP"); // a class that starts after the budget ran out does not set up
        }

        @Test
        void a_notStarted() {
        }

        @Test
        void b_notStarted() {
        }
    }
}
