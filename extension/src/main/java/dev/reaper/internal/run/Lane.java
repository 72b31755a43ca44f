package dev.reaper.internal.run;

/**
 * The deadlines of one test (or of one class, for its class-level lifecycle methods), kept in its
 * {@link org.junit.jupiter.api.extension.ExtensionContext.Store}. JUnit resolves a method's parameters
 * right before it intercepts the method, so a {@code Deadline} parameter is the deadline of the
 * invocation that comes next.
 */
final class Lane {

    private TestDeadline next;

    /** For a parameter: the deadline of the coming invocation. */
    synchronized TestDeadline next() {
        if (next == null) {
            next = new TestDeadline();
        }
        return next;
    }

    /** For an invocation: the deadline a parameter already holds, or a new one. */
    synchronized TestDeadline take() {
        TestDeadline deadline = next;
        next = null;
        return deadline == null ? new TestDeadline() : deadline;
    }
}
