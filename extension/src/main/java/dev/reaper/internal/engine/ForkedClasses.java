package dev.reaper.internal.engine;

import java.lang.reflect.AnnotatedElement;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.ConfigurationParameters;

import dev.reaper.Isolation;
import dev.reaper.Reaper;
import dev.reaper.ReaperExtension;
import dev.reaper.internal.config.InvalidConfigurationException;
import dev.reaper.internal.config.LauncherKeys;
import dev.reaper.internal.config.Registrations;
import dev.reaper.internal.config.Session;
import dev.reaper.internal.config.Settings;
import dev.reaper.internal.fork.parent.ForkIsolation;
import dev.reaper.internal.report.DirectStderr;
import dev.reaper.internal.util.WorkerJvm;

/**
 * Which test classes run in a fork worker: those Reaper guards (registered on the class, or by extension
 * autodetection) whose isolation is fork, by {@code @Reaper(isolation = FORK)} or
 * {@code reaper.isolation.default = fork}. A class with one fork-isolated method or {@code @Nested}
 * class runs in a worker as a whole: its {@code @BeforeAll} must run where its tests do. A class opted out
 * with {@code @Reaper(enabled = false)} never does; a method or {@code @Nested} class opted out inside a
 * fork-isolated class runs in the worker with it, unguarded.
 */
final class ForkedClasses {

    static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

    private static final Registrations<ReaperExtension> REGISTERED = new Registrations<>(ReaperExtension.class);

    private final Settings settings;
    private final boolean autodetection;

    private ForkedClasses(Settings settings, boolean autodetection) {
        this.settings = settings;
        this.autodetection = autodetection;
    }

    /**
     * Empty in a worker (its classes run there), when Reaper is off, or when the configuration is bad: the
     * extension then fails each test with the key, the value and the accepted forms, as it always did.
     *
     * @param running whether the classes are about to run, when a stray {@code reaper.*} system property
     *                is told about (once per JVM), as the extension does for the classes it runs
     */
    static Optional<ForkedClasses> of(ConfigurationParameters parameters, LauncherKeys launcherKeys, boolean running) {
        if (WorkerJvm.isWorker()) {
            return Optional.empty();
        }
        Session session;
        try {
            session = running ? Session.read(parameters::get, launcherKeys, DirectStderr.stream())
                    : Session.quiet(parameters::get, launcherKeys);
        } catch (InvalidConfigurationException reportedByTheExtension) {
            return Optional.empty();
        }
        if (!session.isActive()) {
            return Optional.empty();
        }
        return Optional.of(new ForkedClasses(session.settings(),
                parameters.getBoolean(AUTODETECTION).orElse(false)));
    }

    Settings settings() {
        return settings;
    }

    /** Whether every class runs in a worker (autodetection and {@code reaper.isolation.default = fork}). */
    boolean forksEveryClass() {
        return autodetection && settings.isolation() == Isolation.FORK;
    }

    boolean isForked(Class<?> testClass) {
        if (optedOut(testClass)) {
            return false; // runs in the Jupiter engine, as plain JUnit runs it
        }
        boolean guarded = autodetection || registersReaper(testClass);
        // A fork-isolated method or @Nested class registers Reaper itself and takes its class along.
        return guarded && declared(testClass).orElse(settings.isolation()) == Isolation.FORK || forksInside(testClass);
    }

    private static boolean registersReaper(Class<?> testClass) {
        return AnnotationSupport.isAnnotated(testClass, Reaper.class)
                || AnnotationSupport.findRepeatableAnnotations(testClass, ExtendWith.class).stream()
                        .anyMatch(extendWith -> Arrays.asList(extendWith.value()).contains(ReaperExtension.class))
                || REGISTERED.declaredIn(testClass);
    }

    /** {@code @Reaper(enabled = false)}: for the class and everything in it. */
    private static boolean optedOut(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, Reaper.class).filter(reaper -> !reaper.enabled()).isPresent();
    }

    /** A method or {@code @Nested} class that asks for fork isolation itself. */
    private static boolean forksInside(Class<?> testClass) {
        boolean method = !ReflectionSupport.findMethods(testClass,
                candidate -> declared(candidate).filter(Isolation.FORK::equals).isPresent(),
                HierarchyTraversalMode.TOP_DOWN).isEmpty();
        return method || ReflectionSupport.findNestedClasses(testClass,
                nested -> AnnotationSupport.isAnnotated(nested, Nested.class) && !optedOut(nested)).stream()
                .anyMatch(nested -> declared(nested).filter(Isolation.FORK::equals).isPresent() || forksInside(nested));
    }

    private static Optional<Isolation> declared(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, Reaper.class).map(Reaper::isolation)
                .filter(isolation -> isolation != Isolation.INFERRED);
    }
}
