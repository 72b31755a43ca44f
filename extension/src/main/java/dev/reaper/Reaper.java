package dev.reaper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method under Reaper, which stops it when it hangs.
 *
 * <pre>{@code
 * @Reaper(10)                                  // 10 s per test; or @Reaper(timeout = "10 s")
 * class CheckoutTest {
 *
 *     @Test
 *     void pays() { ... }                      // stopped 10 s in, if it hangs
 *
 *     @Test
 *     @Reaper(value = 1, unit = TimeUnit.MINUTES, leaks = LeakAction.FAIL)
 *     void settlesTheMonth() { ... }           // a method annotation overrides the class's
 *
 *     @Test
 *     @Reaper(enabled = false)
 *     void measuresThroughput() { ... }        // runs exactly as without Reaper
 * }
 * }</pre>
 *
 * <p>Every attribute left unset is inherited: from a method to its class, from a {@code @Nested} class
 * to its enclosing class, then from a {@link ReaperExtension#builder() ReaperExtension registered with
 * {@code @RegisterExtension}}, then from the configuration parameters ({@code reaper.timeout.overrides}
 * by class and method name, then {@code reaper.timeout.default}; {@code reaper.timeout.lifecycle.default},
 * {@code reaper.grace}, {@code reaper.isolation.default}, {@code reaper.ladder}, {@code reaper.zombies},
 * {@code reaper.leaks}), then from Reaper's defaults. Durations given as text use JUnit's syntax:
 * {@code "500 ms"}, {@code "5 s"}, {@code "2 m"}; a bare number means seconds. A bad value or a
 * contradictory combination fails each test it applies to, with a message naming the attributes.
 *
 * <p>On a lifecycle method ({@code @BeforeEach}, {@code @AfterEach}, {@code @BeforeAll},
 * {@code @AfterAll}) {@link #lifecycleTimeout()}, {@link #grace()}, {@link #ladder()},
 * {@link #zombies()} and {@link #enabled()} apply; the others are rejected there, as they describe a
 * test.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ReaperExtension.class)
public @interface Reaper {

    /**
     * Deadline of each test method, test template invocation, test factory and dynamic test, in
     * {@link #unit()}s, as JUnit's {@code @Timeout}: {@code @Reaper(10)} is 10 seconds,
     * {@code @Reaper(value = 500, unit = TimeUnit.MILLISECONDS)} half a second. A positive number;
     * {@code -1} (unset) inherits. Not together with {@link #timeout()}.
     */
    long value() default -1;

    /** The unit of {@link #value()}; only together with it. */
    TimeUnit unit() default TimeUnit.SECONDS;

    /**
     * Deadline of each test method, test template invocation, test factory and dynamic test, in JUnit's
     * duration syntax, e.g. {@code "10 s"}. Not together with {@link #value()}.
     */
    String timeout() default "";

    /** Deadline of each lifecycle method and of the test class constructor, e.g. {@code "30 s"}. */
    String lifecycleTimeout() default "";

    /**
     * Time each rung of the ladder is given before the next one is tried, e.g. {@code "500 ms"}. Text
     * only: a number would need a unit of its own beside {@link #unit()}, for a setting that is rarely
     * changed per class.
     */
    String grace() default "";

    /** Where the tests run; {@link Isolation#INFERRED} inherits. */
    Isolation isolation() default Isolation.INFERRED;

    /**
     * The rungs to climb once the deadline has passed, in the ladder's order and without repeats, as
     * {@code reaper.ladder}, e.g. {@code @Reaper(ladder = {Rung.INTERRUPT, Rung.KILL})}; empty inherits.
     */
    Rung[] ladder() default {};

    /**
     * What follows when a test cannot be stopped, as {@code reaper.zombies}; {@link ZombiePolicy#INFERRED}
     * inherits.
     */
    ZombiePolicy zombies() default ZombiePolicy.INFERRED;

    /**
     * What Reaper does about threads and processes the test leaves running, as {@code reaper.leaks};
     * {@link LeakAction#INFERRED} inherits. Not allowed on lifecycle methods.
     */
    LeakAction leaks() default LeakAction.INFERRED;

    /**
     * Threads (by name) and processes (by command line) the test may leave running without a leak
     * report: patterns where {@code *} matches any characters and {@code ?} one, e.g.
     * {@code @Reaper(allowLeaks = {"shared-server-*", "*embedded-db*"})}; {@code "*"} allows everything.
     * Unlike the other attributes these add up: a class's exemptions apply to its methods, and to the
     * threads its {@code @BeforeAll} methods start. Not allowed on lifecycle methods.
     */
    String[] allowLeaks() default {};

    /**
     * {@code false} opts the class or method out of Reaper: it runs exactly as plain JUnit runs it, with
     * no deadline, no fork and no leak check, also when Reaper is switched on by extension autodetection
     * or {@code reaper.isolation.default = fork}. It holds for everything below it (a class's methods,
     * {@code @Nested} classes) and cannot be combined with other attributes. A method opted out inside
     * a fork-isolated class still runs in the worker JVM with its class, unguarded.
     */
    boolean enabled() default true;
}
