package dev.reaper;

import org.junit.platform.commons.JUnitException;

/**
 * The failure of a fork-isolated test during which its worker JVM exited: the test called
 * {@code System.exit} or {@code Runtime.halt}, the JVM crashed or ran out of memory, or something
 * outside killed it. The message names the test, the worker's process id, its exit code with the
 * likely cause, and the last lines the worker wrote to standard error. The run goes on: the class's
 * remaining tests run on a fresh worker.
 *
 * <pre>{@code
 * @Reaper(isolation = Isolation.FORK)
 * class ShutdownTest {
 *
 *     @Test
 *     void exitsTheJvm() {
 *         System.exit(3);   // WorkerExitedException: "... exited with code 3: System.exit(3) or Runtime.halt(3) ..."
 *     }
 * }
 * }</pre>
 */
public final class WorkerExitedException extends JUnitException {

    private static final long serialVersionUID = 1L;

    WorkerExitedException(String message) {
        super(message);
    }
}
