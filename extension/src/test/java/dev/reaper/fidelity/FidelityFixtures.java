package dev.reaper.fidelity;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mockito.Mock;
import org.mockito.MockedStatic;
import org.mockito.junit.jupiter.MockitoExtension;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.test.context.transaction.AfterTransaction;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.read.ListAppender;

/**
 * Test classes as users write them with real frameworks that bind state to the thread running the
 * test: none knows Reaper. {@link FrameworkFidelityTest} runs each with Reaper off and on.
 */
final class FidelityFixtures {

    private FidelityFixtures() {
    }

    // --- Spring: @Transactional test methods, rolled back after each test -------------------------

    /** An in-memory H2 database of its own per application context (so per run: see the fixture). */
    @Configuration
    @EnableTransactionManagement
    static class JdbcConfig {

        @Bean(destroyMethod = "shutdown")
        EmbeddedDatabase dataSource() {
            return new EmbeddedDatabaseBuilder().generateUniqueName(true).setType(EmbeddedDatabaseType.H2).build();
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("create table item (name varchar(40) not null)");
            return jdbc;
        }
    }

    /**
     * Spring's TransactionalTestExecutionListener begins a transaction before each test (in
     * SpringExtension's beforeEach callback, bound to that thread) and rolls it back after it, so
     * each test sees only its own row. Run on another thread, the test's insert commits on its own
     * connection: the second test sees two rows. The context is closed after the class, so each run
     * gets a new database.
     */
    @SpringJUnitConfig(JdbcConfig.class)
    @Transactional
    @DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class SpringTransactional {

        @Autowired
        JdbcTemplate jdbc;

        @Test
        void a_insertsInTheTestTransaction() {
            insertAndSeeOnlyThatRow("a");
        }

        @Test
        void b_doesNotSeeTheRowOfTheTestBefore() {
            insertAndSeeOnlyThatRow("b");
        }

        private void insertAndSeeOnlyThatRow(String name) {
            jdbc.update("insert into item (name) values (?)", name);
            assertAll(
                    () -> assertTrue(TransactionSynchronizationManager.isActualTransactionActive(),
                            "the test runs in the transaction Spring began for it"),
                    () -> assertEquals(List.of(name), jdbc.queryForList("select name from item", String.class),
                            "the rows in item: only this test's (the earlier test's was rolled back)"));
        }

        @AfterTransaction
        void theInsertWasRolledBack() {
            assertEquals(0, jdbc.queryForObject("select count(*) from item", Integer.class),
                    "rows in item after the test's transaction was rolled back");
        }
    }

    // --- Spring Security: the SecurityContextHolder set by an extension ---------------------------

    /** Signs a user in before each test, as a security test extension does; checks and clears after. */
    static class SignsInAlice implements BeforeEachCallback, AfterEachCallback {

        @Override
        public void beforeEach(ExtensionContext context) {
            assertNull(SecurityContextHolder.getContext().getAuthentication(), "no one is signed in before");
            SecurityContextHolder.getContext()
                    .setAuthentication(new TestingAuthenticationToken("alice", "n/a", "ROLE_USER"));
        }

        @Override
        public void afterEach(ExtensionContext context) {
            try {
                Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
                assertNotNull(authentication, "alice is still signed in after the test");
                assertEquals("alice", authentication.getName());
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }

    @ExtendWith(SignsInAlice.class)
    static class SpringSecurityContext {

        @Test
        void seesTheUserTheExtensionSignedIn() {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            assertNotNull(authentication, "SecurityContextHolder's authentication in the test");
            assertEquals("alice", authentication.getName());
            assertTrue(authentication.isAuthenticated());
            assertTrue(authentication.getAuthorities().stream().anyMatch(a -> "ROLE_USER".equals(a.getAuthority())));
        }
    }

    // --- SLF4J / Logback: the MDC in both directions, and on the test's log lines -----------------

    static final String MDC_LOGGER = "dev.reaper.fidelity.mdc";

    /** Whether the test body ran in this JVM (in fork isolation the callbacks run here and in the worker). */
    static volatile boolean mdcTestRan;

    /** Keeps each event with the MDC of the thread that logged it, as an asynchronous appender does. */
    static class CapturingAppender extends ListAppender<ILoggingEvent> {

        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    }

    /** Puts a request id into the MDC before each test; after it, expects what the test put and logged. */
    static class PutsARequestId implements BeforeEachCallback, AfterEachCallback {

        private static final ExtensionContext.Namespace NAMESPACE =
                ExtensionContext.Namespace.create(PutsARequestId.class);

        @Override
        public void beforeEach(ExtensionContext context) {
            assertNull(MDC.get("requestId"), "no request id left over");
            mdcTestRan = false;
            MDC.put("requestId", "req-42");
            Logger logger = (Logger) LoggerFactory.getLogger(MDC_LOGGER);
            CapturingAppender appender = new CapturingAppender();
            appender.start();
            logger.setLevel(Level.INFO);
            logger.setAdditive(false);
            logger.addAppender(appender);
            context.getStore(NAMESPACE).put("appender", appender);
        }

        @Override
        public void afterEach(ExtensionContext context) {
            CapturingAppender appender = context.getStore(NAMESPACE).get("appender", CapturingAppender.class);
            Logger logger = (Logger) LoggerFactory.getLogger(MDC_LOGGER);
            try {
                assertEquals("req-42", MDC.get("requestId"), "the request id after the test");
                if (mdcTestRan) { // not in the test JVM of a forked test: its body ran in the worker
                    assertAll(
                            () -> assertEquals("done", MDC.get("outcome"), "the MDC value the test put"),
                            () -> assertEquals(List.of("req-42"), appender.list.stream()
                                    .map(event -> event.getMDCPropertyMap().get("requestId")).toList(),
                                    "the request id on the test's log line"));
                }
            } finally {
                logger.detachAppender(appender);
                MDC.remove("requestId");
                MDC.remove("outcome");
            }
        }
    }

    @ExtendWith(PutsARequestId.class)
    static class LogbackMdc {

        @Test
        void seesAndSetsTheMdc() {
            mdcTestRan = true;
            // First what is checked after the test, so that a failure reports both directions.
            MDC.put("outcome", "done");
            LoggerFactory.getLogger(MDC_LOGGER).info("handled the request");
            assertInstanceOf(LogbackMDCAdapter.class, MDC.getMDCAdapter(), "Logback is SLF4J's MDC here");
            assertEquals("req-42", MDC.get("requestId"), "the request id the callback put before the test");
        }
    }

    // --- Mockito: a MockedStatic field opened by MockitoExtension ----------------------------------

    /** A final class with a static method: only the inline mock maker can stub it. */
    static final class Clock {

        private Clock() {
        }

        static String now() {
            return "the real time";
        }
    }

    /**
     * MockitoExtension opens the {@code @Mock MockedStatic} in its beforeEach callback; a static mock
     * is active on the thread that opened it only.
     */
    @ExtendWith(MockitoExtension.class)
    static class MockitoStaticField {

        @Mock
        MockedStatic<Clock> clock;

        @Test
        void stubsTheStaticMockTheExtensionOpened() {
            clock.when(Clock::now).thenReturn("noon");

            assertEquals("noon", Clock.now());
            clock.verify(Clock::now);
        }
    }

    // --- The JDK: a ThreadLocal and the context class loader set by an extension -------------------

    static final ThreadLocal<String> TENANT = new ThreadLocal<>();
    /** A class loader no thread has unless it was set on it. */
    static final ClassLoader PLUGIN_LOADER = new URLClassLoader("fidelity-plugins", new URL[0],
            FidelityFixtures.class.getClassLoader());

    /** Sets a thread-local and the context class loader before each test, and undoes both after. */
    static class BindsThreadState implements BeforeEachCallback, AfterEachCallback {

        private static final ExtensionContext.Namespace NAMESPACE =
                ExtensionContext.Namespace.create(BindsThreadState.class);

        @Override
        public void beforeEach(ExtensionContext context) {
            assertNull(TENANT.get(), "no tenant left over");
            TENANT.set("acme");
            context.getStore(NAMESPACE).put("loader", Thread.currentThread().getContextClassLoader());
            Thread.currentThread().setContextClassLoader(PLUGIN_LOADER);
        }

        @Override
        public void afterEach(ExtensionContext context) {
            TENANT.remove();
            Thread.currentThread().setContextClassLoader(context.getStore(NAMESPACE).get("loader", ClassLoader.class));
        }
    }

    @ExtendWith(BindsThreadState.class)
    static class ThreadBoundState {

        @Test
        void seesTheThreadLocal() {
            assertEquals("acme", TENANT.get(), "the thread-local the callback set before the test");
        }

        @Test
        void seesTheContextClassLoader() {
            assertSame(PLUGIN_LOADER, Thread.currentThread().getContextClassLoader(),
                    "the context class loader the callback set before the test");
        }
    }
}
