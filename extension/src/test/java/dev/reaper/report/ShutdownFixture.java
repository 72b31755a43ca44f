package dev.reaper.report;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.reaper.Reaper;
import dev.reaper.testing.Hangs;

/** Run in child JVMs by {@link ShutdownReportTest}: each class is run on its own. */
public class ShutdownFixture {

    /** A test passes, then one sleeps until the JVM is sent a signal. */
    @Reaper(timeout = "1 h")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    public static class Sleeps {

        @Test
        @Order(1)
        void passes() {
        }

        @Test
        @Order(2)
        void sleeps() {
            System.out.println("SLEEPING");
            System.out.flush();
            Hangs.sleepSwallowingInterrupts();
        }
    }

    /** A test passes, then one ends the JVM, in thread isolation (the default). */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    public static class Exits {

        @Test
        @Order(1)
        void passes() {
        }

        @Test
        @Order(2)
        void exits() {
            System.exit(1); // the exit line
        }
    }

    /** Every test passes; the JVM ends normally. */
    public static class Passes {

        @Test
        void passes() {
        }

        @Test
        void passesToo() {
        }
    }
}
