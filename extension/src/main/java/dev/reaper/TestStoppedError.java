package dev.reaper;

/**
 * Thrown inside a test that Reaper is stopping: by {@link Deadline#checkpoint()} once a stop was
 * requested, and delivered asynchronously into a hung thread by the {@link Rung#STOP stop} rung.
 *
 * <p>It is an {@link Error} so that the usual {@code catch (Exception e)} retry loop lets it through,
 * and it is Reaper's own type rather than {@link ThreadDeath}, which some code catches on purpose.
 * Code that must catch {@link Throwable} should rethrow it:
 *
 * <pre>{@code
 * try {
 *     pollQueue();
 * } catch (TestStoppedError stop) {
 *     throw stop;
 * } catch (Throwable anythingElse) {
 *     log(anythingElse);
 * }
 * }</pre>
 *
 * <p>Users never see it as a test's result: the test fails with a {@link HungTestException} that
 * names the rung which ended it.
 */
public final class TestStoppedError extends Error {

    private static final long serialVersionUID = 1L;

    /**
     * @param message why the test is being stopped
     */
    public TestStoppedError(String message) {
        super(message);
    }
}
