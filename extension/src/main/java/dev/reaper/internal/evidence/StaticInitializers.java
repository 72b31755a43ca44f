package dev.reaper.internal.evidence;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The static initializers ({@code <clinit>} frames) on a thread's stack, and which of them are not the
 * test's own code. An error thrown into a thread inside a static initializer ends that initializer
 * with the error, and the JVM marks the class as failed for good: every later use of it in this JVM
 * throws {@link NoClassDefFoundError}. For the test's own classes that is the test's own failure; for
 * a library's class (a driver, a mock framework, logging) it breaks every test that comes after.
 */
public final class StaticInitializers {

    private static final String CLINIT = "<clinit>";

    private StaticInitializers() {
    }

    /** The classes whose static initializer is running on {@code stack}, outermost first, each once. */
    public static List<String> running(StackTraceElement[] stack) {
        List<String> classes = new ArrayList<>();
        for (int i = stack.length - 1; i >= 0; i--) { // a stack trace lists the innermost frame first
            StackTraceElement frame = stack[i];
            if (CLINIT.equals(frame.getMethodName()) && !classes.contains(frame.getClassName())) {
                classes.add(frame.getClassName());
            }
        }
        return classes;
    }

    /**
     * The classes whose static initializer is running on {@code stack} and that are not the test's own
     * code, outermost first. A class is the test's own when it is {@code testClass} or nested in it, or
     * when it comes from the same class path entry as {@code testClass} (its code source, e.g.
     * {@code target/test-classes/}). A class that cannot be told apart (no test class known, the name
     * not visible from the test class's loader, or no code source) counts as foreign: the caller warns
     * rather than stays silent.
     *
     * @param stack     the thread's frames, taken before anything is thrown into it; the frames of
     *                  {@link Thread#getStackTrace()} or of {@link StackFrames#readable}
     * @param testClass the test class, or null when unknown
     */
    public static List<String> foreign(StackTraceElement[] stack, Class<?> testClass) {
        List<String> foreign = new ArrayList<>();
        for (int i = stack.length - 1; i >= 0; i--) {
            StackTraceElement frame = stack[i];
            if (CLINIT.equals(frame.getMethodName()) && !foreign.contains(frame.getClassName())
                    && !isOwn(frame, testClass)) {
                foreign.add(frame.getClassName());
            }
        }
        return foreign;
    }

    private static boolean isOwn(StackTraceElement frame, Class<?> testClass) {
        if (testClass == null) {
            return false;
        }
        String name = frame.getClassName();
        String test = testClass.getName();
        if (name.equals(test) || name.startsWith(test + "$")) {
            return true;
        }
        String testLocation = location(testClass);
        if (testLocation == null) {
            return false;
        }
        Class<?> initializing;
        try {
            // A class whose initializer is running is loaded already: this finds it, and never initializes.
            initializing = Class.forName(name, false, testClass.getClassLoader());
        } catch (ClassNotFoundException | LinkageError | RuntimeException notVisible) {
            return false;
        }
        String frameLoader = frame.getClassLoaderName();
        if (frameLoader != null && !frameLoader.equals(loaderName(initializing))) {
            return false; // a namesake from another loader: not the class on the stack
        }
        return testLocation.equals(location(initializing));
    }

    private static String loaderName(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null ? null : loader.getName();
    }

    /** The class path entry, as text: {@link URL#equals} may resolve host names. */
    private static String location(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            return location == null ? null : location.toExternalForm();
        } catch (RuntimeException notAllowed) { // a security manager
            return null;
        }
    }

    /** The names for a message: {@code a.A}, {@code a.A and b.B}, {@code a.A, b.B and c.C}. */
    public static String names(List<String> classes) {
        Objects.requireNonNull(classes, "classes");
        int n = classes.size();
        if (n <= 2) {
            return String.join(" and ", classes);
        }
        return String.join(", ", classes.subList(0, n - 1)) + " and " + classes.get(n - 1);
    }
}
