package dev.reaper.internal.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import dev.reaper.ReaperExtension;

/**
 * The {@code ReaperExtension}s registered with {@code @RegisterExtension}. JUnit registers an extension
 * class declared with {@code @ExtendWith} (or found by autodetection) once, but a registered instance
 * beside it as well, and each would guard the same invocation; so exactly one acts: the innermost
 * registered instance (the test instance's field first, then static fields from the test class outwards),
 * else the one JUnit created.
 */
public final class Registrations {

    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            return AnnotationSupport.findAnnotatedFields(type, RegisterExtension.class,
                    field -> field.getType().isAssignableFrom(ReaperExtension.class), HierarchyTraversalMode.BOTTOM_UP);
        }
    };

    private Registrations() {
    }

    /** The instance that acts for {@code context}; empty when no registered one is to be seen. */
    public static Optional<ReaperExtension> innermost(ExtensionContext context) {
        boolean innermostClass = true;
        for (ExtensionContext current = context; current != null; current = current.getParent().orElse(null)) {
            if (!(current.getElement().orElse(null) instanceof Class<?> type)) {
                continue;
            }
            List<Field> fields = FIELDS.get(type);
            if (!fields.isEmpty()) {
                // Instance fields only of the test instance itself, whose class is the innermost class context.
                Object instance = innermostClass ? context.getTestInstance().filter(type::isInstance).orElse(null)
                        : null;
                Optional<ReaperExtension> found = read(fields, instance, false).or(() -> read(fields, null, true));
                if (found.isPresent()) {
                    return found;
                }
            }
            innermostClass = false;
        }
        return Optional.empty();
    }

    /**
     * Whether {@code testClass} (or a superclass) declares a field of type {@code ReaperExtension} with
     * {@code @RegisterExtension}: seen at discovery, without initializing the class.
     */
    public static boolean declared(Class<?> testClass) {
        return FIELDS.get(testClass).stream().anyMatch(field -> field.getType() == ReaperExtension.class);
    }

    private static Optional<ReaperExtension> read(List<Field> fields, Object instance, boolean statics) {
        for (Field field : fields) {
            if (Modifier.isStatic(field.getModifiers()) != statics || (!statics && instance == null)) {
                continue;
            }
            Object value = ReflectionSupport.tryToReadFieldValue(field, instance).toOptional().orElse(null);
            if (value instanceof ReaperExtension registered) {
                return Optional.of(registered);
            }
        }
        return Optional.empty();
    }
}
