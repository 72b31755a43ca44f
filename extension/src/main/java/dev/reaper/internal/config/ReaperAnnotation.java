package dev.reaper.internal.config;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.reaper.Isolation;
import dev.reaper.LeakAction;
import dev.reaper.Reaper;
import dev.reaper.Rung;
import dev.reaper.ZombiePolicy;

/**
 * One {@link Reaper} annotation (or a programmatic registration's values), parsed and validated as a
 * whole, so that a bad value is reported even when a closer annotation overrides it.
 *
 * @param optedOut {@code @Reaper(enabled = false)}
 */
record ReaperAnnotation(Optional<Duration> timeout, Optional<Duration> lifecycleTimeout, Optional<Duration> grace,
        Optional<Isolation> isolation, Optional<List<Rung>> ladder, Optional<ZombiePolicy> zombies,
        Optional<LeakAction> leaks, List<String> allowLeaks, boolean optedOut) {

    static final ReaperAnnotation ABSENT = new ReaperAnnotation(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), false);

    private static final String TIMEOUT_FORMS = "@Reaper(10) or @Reaper(value = 500, unit = MILLISECONDS) for a"
            + " number and a unit, or @Reaper(timeout = \"10 s\") for JUnit's duration syntax";

    static ReaperAnnotation parse(Reaper reaper, AnnotatedElement element, boolean lifecycleMethod) {
        String where = " on " + describe(element);
        if (!reaper.enabled()) {
            return optedOut(reaper, where);
        }
        boolean hasValue = reaper.value() != -1;
        if (hasValue && !reaper.timeout().isEmpty()) {
            throw new InvalidConfigurationException("@Reaper(value, timeout)" + where + ": both set (value = "
                    + reaper.value() + ", timeout = \"" + reaper.timeout() + "\"); set one: " + TIMEOUT_FORMS);
        }
        if (hasValue && reaper.value() <= 0) {
            throw new InvalidConfigurationException("@Reaper(value)" + where, String.valueOf(reaper.value()),
                    "a positive number of units (unit, SECONDS unless set): " + TIMEOUT_FORMS);
        }
        if (!hasValue && reaper.unit() != TimeUnit.SECONDS) {
            throw new InvalidConfigurationException("@Reaper(unit)" + where + " = " + reaper.unit()
                    + " without value: unit is the unit of value, e.g. @Reaper(value = 500, unit = MILLISECONDS);"
                    + " timeout takes its unit in the text, e.g. @Reaper(timeout = \"500 ms\")");
        }
        if (lifecycleMethod && (hasValue || !reaper.timeout().isEmpty())) {
            String attribute = hasValue ? "value" : "timeout";
            throw new InvalidConfigurationException("@Reaper(" + attribute + ")" + where + " = "
                    + (hasValue ? String.valueOf(reaper.value()) : "\"" + reaper.timeout() + "\"")
                    + ": a lifecycle method takes lifecycleTimeout, not " + attribute);
        }
        if (lifecycleMethod && reaper.isolation() != Isolation.INFERRED) {
            throw new InvalidConfigurationException("@Reaper(isolation)" + where + " = " + reaper.isolation()
                    + ": isolation applies to test classes and test methods, not to lifecycle methods");
        }
        if (lifecycleMethod && reaper.leaks() != LeakAction.INFERRED) {
            throw new InvalidConfigurationException("@Reaper(leaks)" + where + " = " + reaper.leaks()
                    + ": leaks applies to test classes and test methods, not to lifecycle methods"
                    + " (threads started in @BeforeAll belong to the class: annotate the class)");
        }
        if (lifecycleMethod && reaper.allowLeaks().length > 0) {
            throw new InvalidConfigurationException("@Reaper(allowLeaks)" + where + " = " + List.of(reaper.allowLeaks())
                    + ": allowLeaks applies to test classes and test methods, not to lifecycle methods"
                    + " (threads started in @BeforeAll belong to the class: annotate the class)");
        }
        Optional<Duration> timeout = hasValue ? Optional.of(typed("@Reaper(value)" + where, reaper.value(),
                reaper.unit())) : duration("@Reaper(timeout)" + where, reaper.timeout());
        return new ReaperAnnotation(
                timeout,
                duration("@Reaper(lifecycleTimeout)" + where, reaper.lifecycleTimeout()),
                duration("@Reaper(grace)" + where, reaper.grace()),
                reaper.isolation() == Isolation.INFERRED ? Optional.empty() : Optional.of(reaper.isolation()),
                ladder("@Reaper(ladder)" + where, reaper.ladder()),
                reaper.zombies() == ZombiePolicy.INFERRED ? Optional.empty() : Optional.of(reaper.zombies()),
                reaper.leaks() == LeakAction.INFERRED ? Optional.empty() : Optional.of(reaper.leaks()),
                allowLeaks("@Reaper(allowLeaks)" + where, reaper.allowLeaks()),
                false);
    }

    /** {@code enabled = false} and nothing else: whatever else it set would be silently ignored. */
    private static ReaperAnnotation optedOut(Reaper reaper, String where) {
        List<String> alsoSet = new ArrayList<>();
        if (reaper.value() != -1) {
            alsoSet.add("value");
        }
        if (reaper.unit() != TimeUnit.SECONDS) {
            alsoSet.add("unit");
        }
        addIf(alsoSet, "timeout", !reaper.timeout().isEmpty());
        addIf(alsoSet, "lifecycleTimeout", !reaper.lifecycleTimeout().isEmpty());
        addIf(alsoSet, "grace", !reaper.grace().isEmpty());
        addIf(alsoSet, "isolation", reaper.isolation() != Isolation.INFERRED);
        addIf(alsoSet, "ladder", reaper.ladder().length > 0);
        addIf(alsoSet, "zombies", reaper.zombies() != ZombiePolicy.INFERRED);
        addIf(alsoSet, "leaks", reaper.leaks() != LeakAction.INFERRED);
        addIf(alsoSet, "allowLeaks", reaper.allowLeaks().length > 0);
        if (!alsoSet.isEmpty()) {
            throw new InvalidConfigurationException("@Reaper(enabled = false)" + where + " also sets "
                    + String.join(", ", alsoSet) + ": a test opted out of Reaper runs as without it, so these would"
                    + " be ignored; remove them, or enabled = false");
        }
        return new ReaperAnnotation(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), true);
    }

    private static void addIf(List<String> names, String name, boolean set) {
        if (set) {
            names.add(name);
        }
    }

    private static Duration typed(String source, long value, TimeUnit unit) {
        try {
            return Duration.of(value, unit.toChronoUnit());
        } catch (ArithmeticException tooLong) {
            throw new InvalidConfigurationException(source, value + " " + unit, "a duration Java can represent");
        }
    }

    /** In the ladder's order, without repeats, as {@code reaper.ladder}. */
    static Optional<List<Rung>> ladder(String source, Rung[] rungs) {
        if (rungs.length == 0) {
            return Optional.empty();
        }
        for (int i = 1; i < rungs.length; i++) {
            if (rungs[i - 1].compareTo(rungs[i]) >= 0) {
                throw new InvalidConfigurationException(source, Arrays.toString(rungs), "rungs in the ladder's order"
                        + " without repeats, a subset of " + Arrays.toString(Rung.values())
                        + ", e.g. {INTERRUPT, STOP, KILL}");
            }
        }
        return Optional.of(List.of(rungs));
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
