package dev.reaper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method under Reaper, which stops it when it hangs.
 *
 * <pre>{@code
 * @Reaper(timeout = "10 s", grace = "500 ms")
 * class CheckoutTest {
 *
 *     @Test
 *     void pays() { ... }                      // stopped 10 s in, if it hangs
 *
 *     @Test
 *     @Reaper(timeout = "1 m")
 *     void settlesTheMonth() { ... }           // a method annotation overrides the class's
 * }
 * }</pre>
 *
 * <p>Every attribute left empty is inherited: from a method to its class, from a {@code @Nested} class
 * to its enclosing class, then from the configuration parameters ({@code reaper.timeout.overrides} by
 * class and method name, then {@code reaper.timeout.default}; {@code reaper.timeout.lifecycle.default},
 * {@code reaper.grace}, {@code reaper.isolation.default}), then from Reaper's defaults. Durations use
 * JUnit's syntax: {@code "500 ms"}, {@code "5 s"}, {@code "2 m"}; a bare number means seconds.
 *
 * <p>On a lifecycle method ({@code @BeforeEach}, {@code @AfterEach}, {@code @BeforeAll},
 * {@code @AfterAll}) only {@link #lifecycleTimeout()} and {@link #grace()} apply; the others are
 * rejected there, as they describe a test.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ReaperExtension.class)
public @interface Reaper {

    /** Deadline of each test method, test template invocation, test factory and dynamic test. */
    String timeout() default "";

    /** Deadline of each lifecycle method and of the test class constructor. */
    String lifecycleTimeout() default "";

    /** Time each rung of the ladder is given before the next one is tried. */
    String grace() default "";

    /** Where the tests run; {@link Isolation#INFERRED} inherits. */
    Isolation isolation() default Isolation.INFERRED;

    /**
     * Threads (by name) and processes (by command line) the test may leave running without a leak
     * report: patterns where {@code *} matches any characters and {@code ?} one, e.g.
     * {@code @Reaper(allowLeaks = {"shared-server-*", "*embedded-db*"})}; {@code "*"} allows everything.
     * Unlike the other attributes these add up: a class's exemptions apply to its methods, and to the
     * threads its {@code @BeforeAll} methods start. Not allowed on lifecycle methods.
     */
    String[] allowLeaks() default {};
}
