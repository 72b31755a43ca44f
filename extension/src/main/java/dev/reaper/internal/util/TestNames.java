package dev.reaper.internal.util;

import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Names tests the way a person looks for them: {@code CheckoutTest.pays()},
 * {@code CheckoutTest.Refunds.partial()}, {@code CheckoutTest.amounts(int) > [2] 5},
 * {@code CheckoutTest.cases() > case 3}.
 */
public final class TestNames {

    private TestNames() {
    }

    /** The test (or class) a context stands for. */
    public static String of(ExtensionContext context) {
        Deque<String> below = new ArrayDeque<>();
        for (ExtensionContext current = context; current.getParent().isPresent(); current = current.getParent().get()) {
            Optional<Class<?>> type = current.getElement().filter(Class.class::isInstance).map(Class.class::cast);
            if (type.isPresent()) {
                return className(type.get()) + (below.isEmpty() ? "" : "." + String.join(" > ", below));
            }
            below.addFirst(current.getDisplayName());
        }
        return String.join(" > ", below);
    }

    /** One invocation, e.g. {@code @BeforeEach setUp() of CheckoutTest.pays()}. */
    public static String of(ExtensionContext context, InvocationKind kind, Executable executable) {
        String test = of(context);
        if (!kind.isLifecycle()) {
            return test;
        }
        String member = executable instanceof Method method ? method.getName() + "()" : "";
        return kind.lifecycleLabel() + (member.isEmpty() ? "" : " " + member) + " of " + test;
    }

    private static String className(Class<?> type) {
        String name = type.getName();
        return name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
    }
}
