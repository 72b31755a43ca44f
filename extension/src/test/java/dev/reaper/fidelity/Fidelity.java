package dev.reaper.fidelity;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.opentest4j.MultipleFailuresError;

import dev.reaper.testing.Kit;

/**
 * Runs one fixture class the way a user switches Reaper on without touching the class (extension
 * autodetection and configuration only): with Reaper off, on in thread isolation and on in fork
 * isolation. Every run must pass every test of the fixture: what passes without Reaper must pass
 * with it.
 */
final class Fidelity {

    /** The configurations one fixture class is run with, the baseline first. */
    enum Setup {
        DISABLED("reaper.mode", "disabled"),
        THREAD("reaper.mode", "enabled", "reaper.isolation.default", "thread"),
        FORK("reaper.mode", "enabled", "reaper.isolation.default", "fork");

        private final String[] configuration;

        Setup(String... reaper) {
            List<String> all = new ArrayList<>(List.of(
                    "junit.jupiter.extensions.autodetection.enabled", "true",
                    // Far beyond what any fixture takes, even on a loaded machine: no fixture hangs.
                    "reaper.timeout.default", "2 m"));
            all.addAll(List.of(reaper));
            this.configuration = all.toArray(String[]::new);
        }
    }

    private Fidelity() {
    }

    /**
     * Runs {@code fixture} in every {@link Setup} and fails, describing every run, unless each ran all
     * the fixture's {@code @Test} methods and each of them passed, with no class-level failure.
     */
    static void assertPassesInEverySetup(Class<?> fixture) {
        long tests = Arrays.stream(fixture.getDeclaredMethods()).filter(Fidelity::isTest).count();
        if (tests == 0) {
            throw new IllegalArgumentException(fixture + " declares no @Test method");
        }
        StringBuilder report = new StringBuilder();
        List<Setup> failed = new ArrayList<>();
        for (Setup setup : Setup.values()) {
            List<String> problems = problems(Kit.run(fixture, setup.configuration), tests);
            report.append(String.format("%n  %-8s %s", setup.name().toLowerCase(java.util.Locale.ROOT) + ":",
                    problems.isEmpty() ? "all " + tests + " tests passed" : "FAILED"));
            problems.forEach(problem -> report.append("\n      ").append(problem.replace("\n", "\n      ")));
            if (!problems.isEmpty()) {
                failed.add(setup);
            }
        }
        if (!failed.isEmpty()) {
            String name = fixture.getName().substring(fixture.getName().lastIndexOf('.') + 1).replace('$', '.');
            String verdict = failed.contains(Setup.DISABLED)
                    ? "the fixture fails without Reaper too: the fixture itself is broken"
                    : "it passes without Reaper and fails with it in " + failed;
            throw new AssertionError(name + ": " + verdict + report);
        }
    }

    private static boolean isTest(Method method) {
        return method.isAnnotationPresent(Test.class);
    }

    /** Each test or container that did not pass, and a wrong number of tests. */
    private static List<String> problems(Kit kit, long expectedTests) {
        List<String> problems = new ArrayList<>();
        List<Event> finished = kit.events(event -> event.getType() == EventType.FINISHED);
        long passedTests = 0;
        for (Event event : finished) {
            TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
            boolean test = event.getTestDescriptor().isTest();
            if (result.getStatus() == Status.SUCCESSFUL) {
                passedTests += test ? 1 : 0;
                continue;
            }
            problems.add((test ? "" : "container ") + event.getTestDescriptor().getDisplayName() + ": "
                    + result.getStatus() + result.getThrowable().map(Fidelity::describe).orElse(""));
        }
        kit.events(event -> event.getType() == EventType.SKIPPED).forEach(event -> problems.add(
                event.getTestDescriptor().getDisplayName() + ": SKIPPED"));
        if (passedTests != expectedTests && problems.isEmpty()) {
            problems.add(passedTests + " of " + expectedTests + " tests ran and passed");
        }
        return problems;
    }

    /** The failure with its causes and suppressed failures (an after-each check, say), one per line. */
    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(" ").append(failure);
        List<Throwable> listed = failure instanceof MultipleFailuresError multiple ? multiple.getFailures() : List.of();
        for (Throwable suppressed : failure.getSuppressed()) {
            if (!listed.contains(suppressed)) { // MultipleFailuresError also adds each of its failures
                text.append("\n  suppressed: ").append(suppressed);
            }
        }
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause();
                cause = cause.getCause()) {
            text.append("\n  caused by: ").append(cause);
        }
        return text.toString();
    }
}
