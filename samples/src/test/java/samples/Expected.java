package samples;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a sample test ends, as the README documents it. {@link SampleRun} checks every sample against
 * it, so {@code mvn verify} proves the documentation.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Expected {

    /**
     * {@code "passes"}, {@code "passes, leak reported"}, {@code "stopped by interrupt"}, {@code "stopped by flag"},
     * {@code "stopped by stop"}, {@code "stopped by kill"}, {@code "zombie, JVM halted"}, {@code "worker exited"},
     * {@code "fails, leak left running"}, {@code "fails, leak stopped by <rung>"} or
     * {@code "halted by the run watchdog"}.
     */
    String value();
}
