package dev.reaper.internal.leak;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * How many application contexts Spring's TestContext framework has loaded into its context cache, as
 * seen from a test class that Spring's extension runs ({@code @SpringJUnitConfig}, {@code @SpringBootTest} and
 * the other annotations that carry {@code @ExtendWith(SpringExtension.class)}, on it or an enclosing class). The cache keeps each context for the test classes after the one that loaded
 * it, and with it the threads the context started (an embedded server's, a connection pool's): those
 * threads are the cache's, not a leak of the test that happened to load the context first.
 *
 * <p>Read by reflection, so that Spring is never needed: for other classes, without spring-test, or with a
 * version whose cache cannot be read, the count is unknown and nothing is exempted.
 */
final class SpringContexts {

    static final long UNKNOWN = -1;

    private static final String DELEGATE =
            "org.springframework.test.context.cache.DefaultCacheAwareContextLoaderDelegate";
    private static final String CACHE = "org.springframework.test.context.cache.ContextCache";
    private static final String EXTENSION = "org.springframework.test.context.junit.jupiter.SpringExtension";

    private record Probe(Object cache, Method misses) {

        static final Probe NONE = new Probe(null, null);
    }

    /** Per test class: its class loader decides which Spring, if any, it sees. */
    private static final ClassValue<Probe> PROBES = new ClassValue<>() {
        @Override
        protected Probe computeValue(Class<?> testClass) {
            return runBySpring(testClass) ? probe(testClass.getClassLoader()) : Probe.NONE;
        }
    };

    private SpringContexts() {
    }

    /** The contexts loaded so far (the cache's misses), or {@link #UNKNOWN}. */
    static long loaded(Class<?> testClass) {
        if (testClass == null) {
            return UNKNOWN;
        }
        Probe probe = PROBES.get(testClass);
        if (probe.cache() == null) {
            return UNKNOWN;
        }
        try {
            return ((Number) probe.misses().invoke(probe.cache())).longValue();
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            return UNKNOWN;
        }
    }

    private static boolean runBySpring(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            boolean extended = AnnotationSupport.findRepeatableAnnotations(type, ExtendWith.class).stream()
                    .flatMap(extendWith -> Arrays.stream(extendWith.value()))
                    .anyMatch(extension -> extension.getName().equals(EXTENSION));
            if (extended) {
                return true;
            }
        }
        return false;
    }

    private static Probe probe(ClassLoader loader) {
        try {
            Class<?> delegate = Class.forName(DELEGATE, true, loader);
            Field field = delegate.getDeclaredField("defaultContextCache");
            field.setAccessible(true);
            Object cache = field.get(null);
            Method misses = Class.forName(CACHE, false, loader).getMethod("getMissCount");
            return cache == null ? Probe.NONE : new Probe(cache, misses);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException noSpring) {
            return Probe.NONE;
        }
    }
}
