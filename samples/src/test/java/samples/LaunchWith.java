package samples;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How {@link SampleRun} launches a demo class, when it needs more than the annotations in its source.
 *
 * <p>Each demo class is its own launcher run, as if it were its own build: its configuration parameters
 * are the ones a build would give in Surefire's {@code configurationParameters} (or
 * {@code junit-platform.properties}), and they reach only this class's run. A demo class without this
 * annotation runs with nothing but {@code reaper.mode=enabled}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LaunchWith {

    /** {@code key=value} configuration parameters for this class's launcher run, e.g. {@code "reaper.leaks=fail"}. */
    String[] configuration() default {};

    /**
     * Whether the class runs in a JVM of its own (same JDK and class path), for samples that end the JVM
     * they run in. Its tests that never report a result are checked as ended by the run watchdog.
     */
    boolean ownJvm() default false;
}
