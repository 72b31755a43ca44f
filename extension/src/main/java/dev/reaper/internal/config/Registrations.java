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

/**
 * The instances of an extension type registered with {@code @RegisterExtension}. JUnit registers an
 * extension class declared with {@code @ExtendWith} (or found by autodetection) once, but a registered
 * instance beside it as well, and each would act on the same invocation; so the caller lets exactly one
 * act: the innermost registered instance (the test instance's own field first, then static fields from the
 * test class outwards), else the one JUnit created.
 *
 * @param <T> the extension type
 */
public final class Registrations<T> {

    private final Class<T> type;
    private final ClassValue<List<Field>> fields = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> testClass) {
            return AnnotationSupport.findAnnotatedFields(testClass, RegisterExtension.class,
                    field -> field.getType().isAssignableFrom(type), HierarchyTraversalMode.BOTTOM_UP);
        }
    };

    public Registrations(Class<T> type) {
        this.type = type;
    }

    /** The registered instance that acts for {@code context}; empty when none is to be seen. */
    public Optional<T> innermost(ExtensionContext context) {
        boolean innermostClass = true;
        for (ExtensionContext current = context; current != null; current = current.getParent().orElse(null)) {
            if (!(current.getElement().orElse(null) instanceof Class<?> testClass)) {
                continue;
            }
            List<Field> declared = fields.get(testClass);
            if (!declared.isEmpty()) {
                // Instance fields only of the test instance itself, whose class is the innermost class context.
                Object instance = innermostClass
                        ? context.getTestInstance().filter(testClass::isInstance).orElse(null) : null;
                Optional<T> found = read(declared, instance, false).or(() -> read(declared, null, true));
                if (found.isPresent()) {
                    return found;
                }
            }
            innermostClass = false;
        }
        return Optional.empty();
    }

    /**
     * Whether {@code testClass} (or a superclass) declares a field of exactly the extension type with
     * {@code @RegisterExtension}: seen at discovery, without initializing the class.
     */
    public boolean declaredIn(Class<?> testClass) {
        return fields.get(testClass).stream().anyMatch(field -> field.getType() == type);
    }

    private Optional<T> read(List<Field> declared, Object instance, boolean statics) {
        for (Field field : declared) {
            if (Modifier.isStatic(field.getModifiers()) != statics || (!statics && instance == null)) {
                continue;
            }
            Object value = ReflectionSupport.tryToReadFieldValue(field, instance).toOptional().orElse(null);
            if (type.isInstance(value)) {
                return Optional.of(type.cast(value));
            }
        }
        return Optional.empty();
    }
}
