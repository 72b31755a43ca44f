package dev.reaper.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.reaper.Reaper;
import dev.reaper.testing.ChildJvm;

/**
 * {@code reaper.mode=disabled_on_debug}, the default: in a JVM started with a debugger agent, tests run
 * unguarded, so a developer stepping through one does not have it killed.
 */
class DebugModeTest {

    @Reaper(timeout = "100 ms")
    public static class SlowerThanItsTimeout {

        @Test
        void takesLongerThanTheTimeout() throws InterruptedException {
            Thread.sleep(1_000);
        }
    }

    // A listening agent on an ephemeral loopback port; nothing connects to it.
    static final List<String> DEBUGGER =
            List.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0");

    @Test
    void debuggerDisablesReaperByDefault() throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(DEBUGGER, SlowerThanItsTimeout.class);

        assertThat(outcome.output()).contains("RESULT takesLongerThanTheTimeout() SUCCESSFUL");
    }

    @Test
    void enabledModeGuardsEvenUnderADebugger() throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(DEBUGGER, SlowerThanItsTimeout.class, "reaper.mode=enabled");

        assertThat(outcome.output()).contains("RESULT takesLongerThanTheTimeout() FAILED HungTestException");
    }

    @Test
    void withoutADebuggerTheDefaultGuards() throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(List.of(), SlowerThanItsTimeout.class);

        assertThat(outcome.output()).contains("RESULT takesLongerThanTheTimeout() FAILED HungTestException");
    }
}
