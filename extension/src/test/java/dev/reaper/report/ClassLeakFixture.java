package dev.reaper.report;

import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.reaper.Reaper;

/**
 * Run in a child JVM by {@link GitHubActionsTest} with {@code reaper.leaks=fail}: both tests pass, but
 * the thread {@code @BeforeAll} started is still running after {@code @AfterAll}, a class-level leak.
 */
@Reaper(timeout = "30 s")
public class ClassLeakFixture {

    @BeforeAll
    static void startsAServer() {
        Thread server = new Thread(() -> {
            while (true) {
                LockSupport.park(); // the class's leaked thread: never stopped in @AfterAll
            }
        }, "class-level server");
        server.setDaemon(true); // the child JVM still ends
        server.start();
    }

    @AfterAll
    static void forgetsToStopIt() {
    }

    @Test
    void first() {
    }

    @Test
    void second() {
    }
}
