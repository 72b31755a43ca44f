package dev.reaper.internal.config;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import dev.reaper.Isolation;
import dev.reaper.Reaper;
import dev.reaper.Rung;

/**
 * Resolves the {@link Policy} of an invocation: the closest {@link Reaper} attribute wins (lifecycle
 * method, test method, class, enclosing classes), then the values of a {@code ReaperExtension} registered
 * with {@code @RegisterExtension}, then, for a test's timeout, the first matching entry of
 * {@code reaper.timeout.overrides}, then the {@link Settings}.
 */
public final class PolicyResolver {

    /** Stands for no bound at all; far below what would overflow {@code System.nanoTime()} arithmetic. */
    public static final Duration NO_BOUND = Duration.ofDays(3650);

    private final Settings settings;
    private final Map<AnnotatedElement, ReaperAnnotation> annotations = new ConcurrentHashMap<>();

    public PolicyResolver(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * A test method, test template invocation, test factory or dynamic test; empty when it is opted out
     * ({@code @Reaper(enabled = false)} on it or around it).
     *
     * @param registered the values of the {@code ReaperExtension} that guards it
     */
    public Optional<Policy> forTest(ExtensionContext context, Registered registered) {
        List<ReaperAnnotation> chain = chain(context, null, registered);
        if (optedOut(chain)) {
            return Optional.empty();
        }
        return Optional.of(policy(chain, first(chain, ReaperAnnotation::timeout).or(() -> overridden(context))
                .orElse(settings.testTimeout())));
    }

    /** A lifecycle method or a constructor of a test class; empty when it is opted out. */
    public Optional<Policy> forLifecycle(ExtensionContext context, Executable executable, Registered registered) {
        List<ReaperAnnotation> chain = chain(context, executable, registered);
        if (optedOut(chain)) {
            return Optional.empty();
        }
        return Optional.of(policy(chain, first(chain, ReaperAnnotation::lifecycleTimeout)
                .orElse(settings.lifecycleTimeout())));
    }

    /** Whether the class or test of {@code context} is opted out: {@code @Reaper(enabled = false)} on it or above. */
    public boolean isOptedOut(ExtensionContext context) {
        return optedOut(chain(context, null, Registered.NONE));
    }

    /**
     * How long a fork worker may run a test (or, when {@code test} is false, a class's lifecycle) with no
     * deadline armed before the test JVM acts: its timeout by the annotations on {@code elements} (closest
     * first: method, class, enclosing classes), the overrides or the settings, and its ladder's graces; for a
     * test opted out of Reaper, which the worker runs unguarded, {@link #NO_BOUND}.
     */
    public Duration unguarded(List<AnnotatedElement> elements, String className, Optional<String> methodName,
            boolean test) {
        List<ReaperAnnotation> chain = chainOf(elements);
        if (optedOut(chain)) {
            return NO_BOUND;
        }
        Duration timeout = test ? first(chain, ReaperAnnotation::timeout)
                .or(() -> settings.timeoutOverrides().timeoutOf(className, methodName)).orElse(settings.testTimeout())
                : first(chain, ReaperAnnotation::lifecycleTimeout).orElse(settings.lifecycleTimeout());
        Duration grace = first(chain, ReaperAnnotation::grace).orElse(settings.grace());
        return EscalationBudget.withWholeLadder(timeout, grace, first(chain, ReaperAnnotation::ladder)
                .orElse(settings.ladder()));
    }

    /** The ladder the annotations on {@code elements} (closest first) or the settings give. */
    public List<Rung> ladder(List<AnnotatedElement> elements) {
        return first(chainOf(elements), ReaperAnnotation::ladder).orElse(settings.ladder());
    }

    /** The annotations on {@code elements}, closest first; an invalid one counts as absent (the extension reports it). */
    private List<ReaperAnnotation> chainOf(List<AnnotatedElement> elements) {
        List<ReaperAnnotation> chain = new ArrayList<>();
        for (AnnotatedElement element : elements) {
            try {
                chain.add(annotation(element, false));
            } catch (InvalidConfigurationException reportedByTheExtension) {
                chain.add(ReaperAnnotation.ABSENT);
            }
        }
        return chain;
    }

    /** A dynamic test is named by its test factory: the closest context with a method, then with a class. */
    private Optional<Duration> overridden(ExtensionContext context) {
        Optional<Method> method = Optional.empty();
        Optional<Class<?>> testClass = Optional.empty();
        for (ExtensionContext current = context; current != null && testClass.isEmpty();
                current = current.getParent().orElse(null)) {
            method = method.or(current::getTestMethod);
            testClass = current.getTestClass();
        }
        Optional<String> methodName = method.map(Method::getName);
        return testClass.flatMap(type -> settings.timeoutOverrides().timeoutOf(type.getName(), methodName));
    }

    private Policy policy(List<ReaperAnnotation> chain, Duration timeout) {
        Duration grace = first(chain, ReaperAnnotation::grace).orElse(settings.grace());
        Isolation isolation = first(chain, ReaperAnnotation::isolation).orElse(settings.isolation());
        return new Policy(timeout, grace, first(chain, ReaperAnnotation::ladder).orElse(settings.ladder()),
                first(chain, ReaperAnnotation::zombies).orElse(settings.zombies()), isolation,
                LeakPolicy.of(settings.leaks(), first(chain, ReaperAnnotation::leaks), allowedLeaks(chain)));
    }

    /** Unlike the other attributes, an opt-out holds for everything below it: a method cannot opt back in. */
    private static boolean optedOut(List<ReaperAnnotation> chain) {
        for (ReaperAnnotation annotation : chain) {
            if (annotation.optedOut()) {
                return true;
            }
        }
        return false;
    }

    /** Unlike the other attributes, exemptions add up: a class's and its method's both apply to the method. */
    private static List<String> allowedLeaks(List<ReaperAnnotation> chain) {
        return chain.stream().flatMap(annotation -> annotation.allowLeaks().stream()).distinct().toList();
    }

    /**
     * Closest first: the lifecycle method (if any), then the context's elements up to the engine, then a
     * programmatic registration's values.
     */
    private List<ReaperAnnotation> chain(ExtensionContext context, Executable lifecycle, Registered registered) {
        List<ReaperAnnotation> chain = new ArrayList<>(5);
        if (lifecycle instanceof Method method) {
            chain.add(annotation(method, true));
        }
        for (ExtensionContext current = context; current != null; current = current.getParent().orElse(null)) {
            current.getElement().ifPresent(element -> chain.add(annotation(element, false)));
        }
        if (registered != Registered.NONE) {
            chain.add(registered.values());
        }
        return chain;
    }

    private ReaperAnnotation annotation(AnnotatedElement element, boolean lifecycleMethod) {
        ReaperAnnotation cached = annotations.get(element);
        if (cached != null) {
            return cached;
        }
        // Parsed outside computeIfAbsent so that a bad value throws on every use instead of being cached.
        ReaperAnnotation parsed = AnnotationSupport.findAnnotation(element, Reaper.class)
                .map(reaper -> ReaperAnnotation.parse(reaper, element, lifecycleMethod))
                .orElse(ReaperAnnotation.ABSENT);
        annotations.put(element, parsed);
        return parsed;
    }

    private static <T> Optional<T> first(List<ReaperAnnotation> chain,
            Function<ReaperAnnotation, Optional<T>> attribute) {
        for (ReaperAnnotation annotation : chain) {
            Optional<T> value = attribute.apply(annotation);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }
}
