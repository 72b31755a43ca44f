package samples;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.reaper.HungTestException;
import dev.reaper.LeakedThreadsException;
import dev.reaper.WorkerExitedException;

/**
 * Runs the hung samples in {@code samples.demo} through the JUnit Platform Launcher, as a build would,
 * and compares how each test ended with its {@link Expected} outcome.
 *
 * <p>Each demo class is a launcher run of its own, with {@code reaper.mode=enabled} and the
 * configuration parameters of its {@link LaunchWith} (so autodetection, a leak policy or a watchdog
 * reaches only the class that shows it); a {@link LaunchWith#ownJvm()} class runs in a child JVM.
 */
public final class SampleRun {

    /** Where the demo classes are. */
    public static final String DEMOS = "samples.demo";

    /** Every demo class's run has this; {@link LaunchWith#configuration()} adds to it. */
    static final Map<String, String> BASE_CONFIGURATION = Map.of("reaper.mode", "enabled");

    /** What a test that the run watchdog ended is documented as. */
    public static final String HALTED_BY_WATCHDOG = "halted by the run watchdog";

    public static final String HALTED_AS_ZOMBIE = "zombie, JVM halted";

    /**
     * One sample test: what the README says, what happened, and the lines that show it.
     *
     * @param test     e.g. {@code "BusyLoopDemo.spinsForever()"}
     * @param expected its {@link Expected} outcome
     * @param actual   how it ended, in the same words
     * @param failure  what it failed with, if it did
     * @param details  the evidence worth printing: where it hung, the deadlock, the leak, the watchdog's lines
     */
    public record Sample(String test, String expected, String actual, Optional<Throwable> failure,
            List<String> details) {

        public Optional<HungTestException> hung() {
            return failure.filter(HungTestException.class::isInstance).map(HungTestException.class::cast);
        }

        public boolean asDocumented() {
            return expected.equals(actual);
        }
    }

    private SampleRun() {
    }

    /** Every demo class, one after the other. */
    public static List<Sample> run() {
        return demoClasses().stream().flatMap(demo -> run(demo).stream()).toList();
    }

    /** The demo classes in {@link #DEMOS}, as the launcher discovers them, by name. */
    public static List<Class<?>> demoClasses() {
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(DEMOS))
                .configurationParameters(BASE_CONFIGURATION)
                .build());
        return plan.getRoots().stream()
                .flatMap(engine -> plan.getChildren(engine).stream())
                .flatMap(container -> container.getSource().stream())
                .filter(ClassSource.class::isInstance)
                .<Class<?>>map(source -> ((ClassSource) source).getJavaClass())
                .distinct()
                .sorted(Comparator.comparing(Class::getSimpleName))
                .toList();
    }

    /** The configuration parameters {@code demo}'s launcher run gets. */
    public static Map<String, String> configuration(Class<?> demo) {
        Map<String, String> configuration = new LinkedHashMap<>(BASE_CONFIGURATION);
        Optional.ofNullable(demo.getAnnotation(LaunchWith.class)).stream()
                .flatMap(launch -> Arrays.stream(launch.configuration()))
                .forEach(pair -> {
                    String[] keyValue = pair.split("=", 2);
                    if (keyValue.length != 2) {
                        throw new IllegalArgumentException("@LaunchWith on " + demo.getSimpleName()
                                + ": expected key=value, got \"" + pair + "\"");
                    }
                    configuration.put(keyValue[0].strip(), keyValue[1].strip());
                });
        return configuration;
    }

    /** The tests of {@code demo} that document an outcome. */
    public static List<Method> documentedTests(Class<?> demo) {
        return Arrays.stream(demo.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(Expected.class))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }

    /** One demo class, in this JVM or its own as its {@link LaunchWith} says. */
    public static List<Sample> run(Class<?> demo) {
        LaunchWith launch = demo.getAnnotation(LaunchWith.class);
        return launch != null && launch.ownJvm() ? inOwnJvm(demo) : inThisJvm(demo);
    }

    private static List<Sample> inThisJvm(Class<?> demo) {
        Launcher launcher = LauncherFactory.create();
        List<Sample> samples = new ArrayList<>();
        Map<String, List<String>> leakReports = new HashMap<>();
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(demo))
                .configurationParameters(configuration(demo))
                .build(), new TestExecutionListener() {
                    @Override
                    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
                        Optional.ofNullable(entry.getKeyValuePairs().get("reaper.leaks")).ifPresent(
                                report -> leakReports.computeIfAbsent(test.getUniqueId(), id -> new ArrayList<>())
                                        .add(report));
                    }

                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                                .ifPresent(source -> samples.add(sample(source, result,
                                        leakReports.getOrDefault(test.getUniqueId(), List.of()))));
                    }
                });
        return samples;
    }

    /** {@code "BusyLoopDemo.spinsForever()"}. */
    static String name(MethodSource source) {
        return source.getJavaClass().getSimpleName() + "." + source.getMethodName() + "()";
    }

    private static String name(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
    }

    private static Sample sample(MethodSource source, TestExecutionResult result, List<String> leakReports) {
        Optional<Throwable> failure = result.getThrowable();
        List<String> details = new ArrayList<>();
        if (failure.filter(LeakedThreadsException.class::isInstance).isEmpty()) {
            details.addAll(leakReports); // a leak failure says it all itself
        }
        failure.ifPresent(thrown -> details.addAll(details(thrown)));
        return new Sample(name(source), expected(source), actual(result, !leakReports.isEmpty()), failure, details);
    }

    private static String expected(MethodSource source) {
        return Arrays.stream(source.getJavaClass().getDeclaredMethods())
                .filter(method -> method.getName().equals(source.getMethodName()))
                .map(method -> method.getAnnotation(Expected.class))
                .filter(annotation -> annotation != null)
                .map(Expected::value)
                .findFirst()
                .orElse("(no @Expected)");
    }

    private static String actual(TestExecutionResult result, boolean leakReported) {
        Optional<Throwable> failure = result.getThrowable();
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            return leakReported ? "passes, leak reported" : "passes";
        }
        Optional<HungTestException> hung = failure.filter(HungTestException.class::isInstance)
                .map(HungTestException.class::cast);
        if (hung.isPresent()) {
            return hung.get().isZombie() ? "zombie"
                    : hung.get().stoppedBy().map(rung -> "stopped by " + rung.configName()).orElse("ended by itself");
        }
        Optional<LeakedThreadsException> leaked = failure.filter(LeakedThreadsException.class::isInstance)
                .map(LeakedThreadsException.class::cast);
        if (leaked.isPresent()) {
            return "fails, leak " + leaked.get().threads().stream()
                    .map(thread -> thread.outcome().orElse("left running"))
                    .distinct()
                    .collect(Collectors.joining(", "));
        }
        if (failure.filter(WorkerExitedException.class::isInstance).isPresent()) {
            return "worker exited";
        }
        return result.getStatus() + ": " + failure.map(Throwable::toString).orElse("");
    }

    private static List<String> details(Throwable failure) {
        List<String> details = new ArrayList<>();
        if (failure instanceof HungTestException hung) {
            details.add(hung.getMessage().lines().findFirst().orElse(""));
            if (hung.getStackTrace().length > 0) {
                details.add("hung at " + hangFrame(hung));
            }
            hung.deadlock().ifPresent(deadlock -> deadlock.lines().forEach(details::add));
        } else if (failure instanceof LeakedThreadsException leaked) {
            leaked.getMessage().lines().limit(3).forEach(details::add);
        } else if (failure instanceof WorkerExitedException exit) {
            details.add(exit.getMessage().lines().findFirst().orElse(""));
        }
        return details;
    }

    /** The first frame in the samples' own code: where a person would look. */
    private static StackTraceElement hangFrame(HungTestException hung) {
        return Arrays.stream(hung.getStackTrace())
                .filter(frame -> frame.getClassName().startsWith("samples."))
                .findFirst()
                .orElse(hung.getStackTrace()[0]);
    }

    /**
     * A class that ends its JVM: each test that reported a result is checked like any other; each that
     * never did must have been ended by the run watchdog, which the child's exit status (124), its
     * {@code Reaper: run watchdog} lines and the report's {@code watchdog} event each have to show.
     */
    private static List<Sample> inOwnJvm(Class<?> demo) {
        OwnJvm.Outcome outcome;
        try {
            outcome = OwnJvm.run(demo, configuration(demo));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + demo.getSimpleName() + " ran", e);
        }
        List<Sample> samples = new ArrayList<>();
        for (Method method : documentedTests(demo)) {
            String test = name(method);
            String expected = method.getAnnotation(Expected.class).value();
            Optional<String> result = outcome.result(test);
            if (result.isPresent()) {
                String actual = result.get().equals("SUCCESSFUL") ? "passes" : result.get();
                samples.add(new Sample(test, expected, actual, Optional.empty(), List.of()));
            } else if (expected.equals(HALTED_AS_ZOMBIE)) {
                String actual = zombieOutcome(test, outcome);
                samples.add(new Sample(test, expected, actual, Optional.empty(), zombieEvidence(test, outcome)));
            } else {
                String actual = watchdogOutcome(test, outcome);
                samples.add(new Sample(test, expected, actual, Optional.empty(), watchdogEvidence(actual, outcome)));
            }
        }
        return samples;
    }

    /** {@link #HALTED_AS_ZOMBIE}, or what is missing from it. */
    static String zombieOutcome(String test, OwnJvm.Outcome outcome) {
        if (outcome.timedOut()) {
            return "still running after " + OwnJvm.LIMIT.toSeconds() + " s: nothing ended its JVM";
        }
        if (outcome.exitCode() != 70) {
            return "its JVM exited with " + outcome.exitCode() + ", not 70";
        }
        if (!outcome.output().contains("Reaper: " + test.replace("()", "") + "() could not be stopped")) {
            return "exit 70, but no \"could not be stopped\" line names it";
        }
        if (watchdogReport(outcome).filter(json -> Stream.of("\"type\"\\s*:\\s*\"hung\"", "\"zombie\"\\s*:\\s*true")
                .allMatch(regex -> Pattern.compile(regex).matcher(json).find())).isEmpty()) {
            return "exit 70, but its reaper-" + outcome.pid() + ".json has no hung event of a zombie";
        }
        return HALTED_AS_ZOMBIE;
    }

    /** The lines Reaper printed about the zombie, up to the deadlock it named. */
    private static List<String> zombieEvidence(String test, OwnJvm.Outcome outcome) {
        return outcome.output().lines()
                .filter(line -> line.startsWith("Reaper: ") && line.contains(test.replace("()", ""))
                        || line.startsWith("Deadlock (") || line.contains(" is BLOCKED on "))
                .limit(8)
                .toList();
    }

    /** {@link #HALTED_BY_WATCHDOG}, or what is missing from it. */
    static String watchdogOutcome(String test, OwnJvm.Outcome outcome) {
        if (outcome.timedOut()) {
            return "still running after " + OwnJvm.LIMIT.toSeconds() + " s: nothing ended its JVM";
        }
        if (outcome.exitCode() != 124) {
            return "its JVM exited with " + outcome.exitCode() + ", not 124";
        }
        if (watchdogLines(outcome).stream().noneMatch(line -> line.contains(test))) {
            return "exit 124, but no \"Reaper: run watchdog\" line names it";
        }
        if (watchdogReport(outcome).filter(json -> namesInWatchdogEvent(json, test)).isEmpty()) {
            return "exit 124, but its reaper-" + outcome.pid() + ".json has no watchdog event naming it";
        }
        return HALTED_BY_WATCHDOG;
    }

    /** The watchdog's first lines; or, when it did not end the JVM as documented, how the JVM's output ended. */
    private static List<String> watchdogEvidence(String actual, OwnJvm.Outcome outcome) {
        if (actual.equals(HALTED_BY_WATCHDOG)) {
            return watchdogLines(outcome).stream().limit(8).toList();
        }
        List<String> output = outcome.output().lines().filter(line -> !line.isBlank()).toList();
        return output.subList(Math.max(0, output.size() - 12), output.size());
    }

    /** The run watchdog's lines: each {@code Reaper: run watchdog} line, and the indented lines after it. */
    static List<String> watchdogLines(OwnJvm.Outcome outcome) {
        List<String> lines = outcome.output().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Reaper: run watchdog")) {
                return lines.subList(i, lines.size()).stream()
                        .filter(line -> line.startsWith("Reaper: run watchdog") || line.startsWith("Reaper:   "))
                        .toList();
            }
        }
        return List.of();
    }

    private static Optional<String> watchdogReport(OwnJvm.Outcome outcome) {
        try {
            return Optional.of(Files.readString(outcome.reportDir().resolve("reaper-" + outcome.pid() + ".json")));
        } catch (IOException missing) {
            return Optional.empty();
        }
    }

    /**
     * The report has a {@code watchdog} event with exit status 124, and names {@code test} (the only test
     * of the class that could be running). A text match: the samples have no JSON library.
     */
    static boolean namesInWatchdogEvent(String json, String test) {
        return Stream.of("\"type\"\\s*:\\s*\"watchdog\"", "\"exitStatus\"\\s*:\\s*124",
                "\"test\"\\s*:\\s*\"" + Pattern.quote(test) + "\"")
                .allMatch(regex -> Pattern.compile(regex).matcher(json).find());
    }

    /** The report the main job prints: a headline, then {@link #lines}. */
    public static String report(List<Sample> samples) {
        long documented = samples.stream().filter(Sample::asDocumented).count();
        return "Reaper samples: " + samples.size() + (samples.size() == 1 ? " test, " : " tests, ") + documented
                + " ended as documented\n\n" + lines(samples);
    }

    /** One line per sample: the test, how it ended, whether as documented; then the evidence, indented. */
    public static String lines(List<Sample> samples) {
        StringBuilder report = new StringBuilder();
        for (Sample sample : samples) {
            report.append(String.format("  %-55s %-28s %s%n", sample.test(), sample.actual(),
                    sample.asDocumented() ? "(as documented)" : "EXPECTED " + sample.expected()));
            sample.details().forEach(line -> report.append("      ").append(line).append('\n'));
        }
        return report.toString();
    }
}
