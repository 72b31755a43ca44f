package dev.reaper.internal.config;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.reaper.Isolation;
import dev.reaper.Reaper;

/**
 * One {@link Reaper} annotation, parsed and validated as a whole, so that a bad value is reported even
 * when a closer annotation overrides it.
 */
record ReaperAnnotation(Optional<Duration> timeout, Optional<Duration> lifecycleTimeout, Optional<Duration> grace,
        Optional<Isolation> isolation,
        List<String> allowLeaks) {

    static final ReaperAnnotation ABSENT = new ReaperAnnotation(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(),
            List.of());

    static ReaperAnnotation parse(Reaper reaper, AnnotatedElement element, boolean lifecycleMethod) {
        String where = " on " + describe(element);
        if (lifecycleMethod && !reaper.timeout().isEmpty()) {
            throw new InvalidConfigurationException("@Reaper(timeout)" + where + " = \"" + reaper.timeout()
                    + "\": a lifecycle method takes lifecycleTimeout, not timeout");
        }
        if (lifecycleMethod && reaper.isolation() != Isolation.INFERRED) {
            throw new InvalidConfigurationException("@Reaper(isolation)" + where + " = " + reaper.isolation()
                    + ": isolation applies to test classes and test methods, not to lifecycle methods");
        }
        if (lifecycleMethod && reaper.allowLeaks().length > 0) {
            throw new InvalidConfigurationException("@Reaper(allowLeaks)" + where + " = " + List.of(reaper.allowLeaks())
                    + ": allowLeaks applies to test classes and test methods, not to lifecycle methods"
                    + " (threads started in @BeforeAll belong to the class: annotate the class)");
        }
        return new ReaperAnnotation(
                duration("@Reaper(timeout)" + where, reaper.timeout()),
                duration("@Reaper(lifecycleTimeout)" + where, reaper.lifecycleTimeout()),
                duration("@Reaper(grace)" + where, reaper.grace()),
                reaper.isolation() == Isolation.INFERRED ? Optional.empty() : Optional.of(reaper.isolation()),
                allowLeaks("@Reaper(allowLeaks)" + where, reaper.allowLeaks()));
    }

    private static List<String> allowLeaks(String source, String[] patterns) {
        return Settings.namePatterns(source, String.join(",", patterns), List.of(patterns));
    }

    private static Optional<Duration> duration(String source, String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(Settings.duration(source, value));
    }

    static String describe(AnnotatedElement element) {
        if (element instanceof Method method) {
            return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
        }
        if (element instanceof Executable executable) {
            return "constructor of " + executable.getDeclaringClass().getSimpleName();
        }
        return element instanceof Class<?> type ? type.getName() : String.valueOf(element);
    }
}
