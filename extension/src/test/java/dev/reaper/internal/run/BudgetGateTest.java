package dev.reaper.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.mockito.Mockito;
import org.opentest4j.TestAbortedException;

import dev.reaper.internal.util.InvocationKind;

/**
 * Once the budget is exhausted no test starts: each is disabled with the reason, one by one; a class that
 * starts afterwards skips Reaper-guarded {@code @BeforeAll} and {@code @AfterAll}; a running class gets its
 * cleanup.
 */
class BudgetGateTest {

    private final RunBudget budget = new RunBudget(new DeadlineAlarm());
    private final BudgetGate gate = new BudgetGate(budget);

    @Test
    void whileTheBudgetLastsEverythingRuns() throws Exception {
        assertThat(gate.evaluate(test()).isDisabled()).isFalse();
        @SuppressWarnings("unchecked")
        Invocation<Void> invocation = mock(Invocation.class);
        assertThat(gate.skipped(invocation, test(), InvocationKind.TEST)).isFalse();
        assertThat(gate.skipped(invocation, classContext(new HashMap<>()), InvocationKind.BEFORE_ALL)).isFalse();
        verify(invocation, never()).skip();
    }

    @Test
    void onceExhaustedTestsAreDisabledWithTheReasonAndClassesStillRun() throws Exception {
        budget.exhaust("reaper.run.timeout of 45 m exhausted");

        assertThat(gate.evaluate(test()).isDisabled()).isTrue();
        assertThat(gate.evaluate(test()).getReason()).contains("not run: reaper.run.timeout of 45 m exhausted");
        assertThat(gate.evaluate(classContext(new HashMap<>())).isDisabled()).as("so each test is reported").isFalse();
    }

    @Test
    void aTestThatGotPastTheConditionOrADynamicTestIsAborted() throws Exception {
        budget.exhaust("reaper.run.stall of 10 m exhausted");

        for (InvocationKind kind : new InvocationKind[] {InvocationKind.TEST, InvocationKind.DYNAMIC_TEST,
                InvocationKind.BEFORE_EACH}) {
            assertThatThrownBy(() -> gate.skipped(mock(Invocation.class), test(), kind))
                    .isInstanceOf(TestAbortedException.class).hasMessage("not run: reaper.run.stall of 10 m exhausted");
        }
        assertThat(gate.skipped(mock(Invocation.class), test(), InvocationKind.AFTER_EACH)).as("cleanup runs")
                .isFalse();
    }

    @Test
    void aClassStartedAfterwardsSkipsItsSetUpAndCleanUpAndARunningClassCleansUp() throws Exception {
        Map<Object, Object> started = new HashMap<>();
        ExtensionContext startedBefore = classContext(new HashMap<>());
        ExtensionContext startedAfter = classContext(started);
        budget.exhaust("reaper.run.timeout of 45 m exhausted");
        @SuppressWarnings("unchecked")
        Invocation<Void> setUp = mock(Invocation.class);
        @SuppressWarnings("unchecked")
        Invocation<Void> cleanUp = mock(Invocation.class);
        @SuppressWarnings("unchecked")
        Invocation<Void> runningCleanUp = mock(Invocation.class);

        assertThat(gate.skipped(setUp, startedAfter, InvocationKind.BEFORE_ALL)).isTrue();
        assertThat(gate.skipped(cleanUp, startedAfter, InvocationKind.AFTER_ALL)).isTrue();
        assertThat(gate.skipped(runningCleanUp, startedBefore, InvocationKind.AFTER_ALL)).isFalse();

        verify(setUp).skip();
        verify(cleanUp).skip();
        verify(runningCleanUp, never()).skip();
    }

    private static ExtensionContext test() throws Exception {
        ExtensionContext context = mock(ExtensionContext.class);
        Method method = BudgetGateTest.class.getDeclaredMethod("test");
        when(context.getTestMethod()).thenReturn(Optional.of(method));
        return context;
    }

    /** A class's context whose store is {@code values}. */
    private static ExtensionContext classContext(Map<Object, Object> values) {
        ExtensionContext context = mock(ExtensionContext.class);
        when(context.getTestMethod()).thenReturn(Optional.empty());
        ExtensionContext.Store store = mock(ExtensionContext.Store.class);
        Mockito.doAnswer(call -> values.put(call.getArgument(0), call.getArgument(1))).when(store)
                .put(Mockito.any(), Mockito.any());
        when(store.get(Mockito.any())).thenAnswer(call -> values.get(call.getArgument(0)));
        when(context.getStore(Mockito.any())).thenReturn(store);
        return context;
    }
}
