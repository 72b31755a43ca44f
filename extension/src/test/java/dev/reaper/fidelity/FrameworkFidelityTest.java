package dev.reaper.fidelity;

import org.junit.jupiter.api.Test;

/**
 * Fidelity against real frameworks: each fixture passes with Reaper off, so it must pass with Reaper
 * on, in thread isolation (drop-in, by autodetection) and in fork isolation. Each fixture relies on
 * state an extension callback binds to the thread that runs the test (a transaction, a security
 * context, the MDC, a static mock, a thread-local, the context class loader), so these fail whenever
 * the test body runs on another thread than JUnit's callbacks.
 */
class FrameworkFidelityTest {

    @Test
    void springTransactionalTestsRollBackAndRunInTheirTransaction() {
        Fidelity.assertPassesInEverySetup(FidelityFixtures.SpringTransactional.class);
    }

    @Test
    void springSecurityContextSetByAnExtensionIsSeenByTheTest() {
        Fidelity.assertPassesInEverySetup(FidelityFixtures.SpringSecurityContext.class);
    }

    @Test
    void logbackMdcFlowsFromCallbacksToTheTestAndBack() {
        Fidelity.assertPassesInEverySetup(FidelityFixtures.LogbackMdc.class);
    }

    @Test
    void mockitoStaticMockFieldOpenedByTheExtensionIsActiveInTheTest() {
        Fidelity.assertPassesInEverySetup(FidelityFixtures.MockitoStaticField.class);
    }

    @Test
    void threadLocalAndContextClassLoaderSetByAnExtensionAreSeenByTheTest() {
        Fidelity.assertPassesInEverySetup(FidelityFixtures.ThreadBoundState.class);
    }
}
