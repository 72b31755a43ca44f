package dev.reaper.internal.run;

import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.opentest4j.TestAbortedException;

import dev.reaper.internal.util.InvocationKind;

/**
 * Keeps tests from starting once the run budget is exhausted: each is skipped with the reason, one by one,
 * so that build tools list every test of every class in their reports. A class that starts after the budget
 * ran out skips Reaper-guarded {@code @BeforeAll} and {@code @AfterAll} methods; a class that was running
 * when it ran out still gets its cleanup.
 */
public final class BudgetGate {

    private static final ConditionEvaluationResult ENABLED = ConditionEvaluationResult.enabled(
            "the run budget is not exhausted");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BudgetGate.class);
    private static final String STARTED_AFTER = "started after the run budget ran out";

    private final RunBudget budget;

    public BudgetGate(RunBudget budget) {
        this.budget = budget;
    }

    /** For every class and test: a volatile read while the budget lasts. */
    public ConditionEvaluationResult evaluate(ExtensionContext context) {
        Optional<String> notRun = budget.notRunReason();
        if (notRun.isEmpty() || context.getTestMethod().isEmpty()) {
            return ENABLED; // a class runs, so that each of its tests is reported as not run
        }
        return ConditionEvaluationResult.disabled(notRun.get());
    }

    /**
     * Before a guarded invocation: whether it was skipped ({@code @BeforeAll}, {@code @AfterAll} of a class
     * that started after the budget ran out).
     *
     * @throws TestAbortedException for a test (or its {@code @BeforeEach}) that got past the condition as
     *                              the budget ran out, or a dynamic test, for which JUnit asks no condition
     */
    public boolean skipped(Invocation<?> invocation, ExtensionContext context, InvocationKind kind) {
        Optional<String> notRun = budget.notRunReason();
        if (notRun.isEmpty()) {
            return false;
        }
        switch (kind) {
            case BEFORE_ALL -> {
                context.getStore(NAMESPACE).put(STARTED_AFTER, Boolean.TRUE);
                invocation.skip();
                return true;
            }
            case AFTER_ALL -> {
                if (Boolean.TRUE.equals(context.getStore(NAMESPACE).get(STARTED_AFTER))) {
                    invocation.skip();
                    return true;
                }
                return false;
            }
            case BEFORE_EACH, TEST, TEST_TEMPLATE, TEST_FACTORY, DYNAMIC_TEST ->
                throw new TestAbortedException(notRun.get());
            default -> {
                return false;
            }
        }
    }
}
