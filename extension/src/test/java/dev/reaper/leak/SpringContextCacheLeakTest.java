package dev.reaper.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import dev.reaper.LeakAction;
import dev.reaper.LeakedThreadsException;
import dev.reaper.Reaper;
import dev.reaper.testing.Kit;
import dev.reaper.testing.Leftovers;

/**
 * Spring's test context cache keeps the application context a test loads, with the threads it started,
 * for the test classes after it: those threads are no leak of the test that loaded the context first.
 * What a test starts itself beside a cached context still is. Real spring-test, real threads.
 */
class SpringContextCacheLeakTest {

    /** A context with a thread of its own, as an embedded server or a connection pool has. */
    @Configuration
    static class ContextWithAPoller {

        static volatile ConfigurableApplicationContext loaded;

        @Bean(destroyMethod = "shutdownNow")
        ExecutorService poller(ConfigurableApplicationContext context) {
            loaded = context;
            ExecutorService poller = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "context-poller");
                thread.setDaemon(true);
                return thread;
            });
            poller.submit(() -> {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException closed) {
                    // the context was closed
                }
            });
            return poller;
        }
    }

    @SpringJUnitConfig(ContextWithAPoller.class)
    @Reaper(leaks = LeakAction.FAIL)
    static class LoadsTheContext {

        @Autowired
        ExecutorService poller;

        @Test
        void first() {
            assertThat(poller.isShutdown()).isFalse();
        }

        @Test
        void second() {
            assertThat(poller.isShutdown()).isFalse();
        }
    }

    @SpringJUnitConfig(ContextWithAPoller.class)
    @Reaper(leaks = LeakAction.FAIL)
    static class ReusesTheContextAndLeaks {

        @Autowired
        ExecutorService poller;

        @Test
        void leaks() {
            Leftovers.sleeper("own-leak", true);
        }
    }

    @AfterEach
    void endWhatTheFixturesLeft() {
        Leftovers.cleanUp();
    }

    @AfterAll
    static void closeTheCachedContext() {
        if (ContextWithAPoller.loaded != null) {
            ContextWithAPoller.loaded.close();
        }
    }

    @Test
    void theThreadsOfAContextSpringCachesAreNotALeakOfTheTestThatLoadedIt() {
        Kit kit = Kit.run(LoadsTheContext.class);

        kit.assertSuccessful("first").assertSuccessful("second");
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).contains("context-poller");
    }

    @Test
    void whatATestStartsBesideACachedContextIsStillItsLeak() {
        Kit.run(LoadsTheContext.class).assertSuccessful("first");

        Kit kit = Kit.run(ReusesTheContextAndLeaks.class);

        assertThat(kit.failure("leaks")).isInstanceOf(LeakedThreadsException.class)
                .hasMessageContaining("own-leak").hasMessageNotContaining("context-poller");
    }
}
