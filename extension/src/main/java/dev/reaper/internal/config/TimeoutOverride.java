package dev.reaper.internal.config;

import java.time.Duration;
import java.util.Optional;

/**
 * One entry of {@code reaper.timeout.overrides}: {@code <class pattern>[#<method>] = <duration>}.
 *
 * @param classPattern the test class, or a class it is nested in when no method is named
 * @param method       the test method's name, all of its invocations; empty for every test of the class
 * @param timeout      the test timeout of the tests it matches
 */
record TimeoutOverride(ClassNamePattern classPattern, Optional<String> method, Duration timeout) {

    /**
     * @param className  the test class's binary name
     * @param methodName the test method's name; empty for a class
     */
    boolean matches(String className, Optional<String> methodName) {
        if (method.isEmpty()) {
            return classPattern.matchesOrEncloses(className);
        }
        // A method is named in the class that runs it, not in the classes around it.
        return method.equals(methodName) && classPattern.matches(className);
    }

    @Override
    public String toString() {
        return classPattern + method.map(name -> "#" + name).orElse("") + " = " + timeout;
    }
}
