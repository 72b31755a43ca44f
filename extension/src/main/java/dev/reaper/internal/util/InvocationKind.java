package dev.reaper.internal.util;

/** The invocations Reaper guards, and how a message names each. */
public enum InvocationKind {
    CONSTRUCTOR("constructor"),
    BEFORE_ALL("@BeforeAll"),
    BEFORE_EACH("@BeforeEach"),
    TEST(null),
    TEST_TEMPLATE(null),
    TEST_FACTORY(null),
    DYNAMIC_TEST(null),
    AFTER_EACH("@AfterEach"),
    AFTER_ALL("@AfterAll");

    private final String lifecycleLabel;

    InvocationKind(String lifecycleLabel) {
        this.lifecycleLabel = lifecycleLabel;
    }

    /** Lifecycle methods and constructors take the lifecycle timeout; the rest the test timeout. */
    public boolean isLifecycle() {
        return lifecycleLabel != null;
    }

    String lifecycleLabel() {
        return lifecycleLabel;
    }
}
