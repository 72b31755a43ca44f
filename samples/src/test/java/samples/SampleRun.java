package samples;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.reaper.HungTestException;
import dev.reaper.internal.fork.WorkerExitedException;

/**
 * Runs the hung samples in {@code samples.demo} through the JUnit Platform Launcher, as a build would,
 * and compares how each test ended with its {@link Expected} outcome.
 */
public final class SampleRun {

    /** One sample test: what the README says, and what happened. */
    public record Sample(String test, String expected, String actual, Optional<Throwable> failure) {

        public Optional<HungTestException> hung() {
            return failure.filter(HungTestException.class::isInstance).map(HungTestException.class::cast);
        }

        public boolean asDocumented() {
            return expected.equals(actual);
        }
    }

    private SampleRun() {
    }

    public static List<Sample> run() {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("samples.demo"))
                .configurationParameters(Map.of("reaper.mode", "enabled"))
                .build();
        List<Sample> samples = new ArrayList<>();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                        .ifPresent(source -> samples.add(sample(source, result)));
            }
        });
        return samples;
    }

    private static Sample sample(MethodSource source, TestExecutionResult result) {
        String test = source.getJavaClass().getSimpleName() + "." + source.getMethodName() + "()";
        Optional<HungTestException> hung = result.getThrowable().filter(HungTestException.class::isInstance)
                .map(HungTestException.class::cast);
        return new Sample(test, expected(source), actual(result, hung), result.getThrowable());
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

    private static String actual(TestExecutionResult result, Optional<HungTestException> hung) {
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            return "passes";
        }
        if (hung.isPresent()) {
            return hung.get().isZombie() ? "zombie"
                    : hung.get().stoppedBy().map(rung -> "stopped by " + rung.configName()).orElse("ended by itself");
        }
        if (result.getThrowable().filter(WorkerExitedException.class::isInstance).isPresent()) {
            return "worker exited";
        }
        return result.getStatus() + ": " + result.getThrowable().map(Throwable::toString).orElse("");
    }

    /** The report the main job prints. */
    public static String report(List<Sample> samples) {
        long documented = samples.stream().filter(Sample::asDocumented).count();
        StringBuilder report = new StringBuilder()
                .append("Reaper samples: ").append(samples.size()).append(" tests, ")
                .append(documented).append(" ended as documented\n\n");
        for (Sample sample : samples) {
            report.append(String.format("  %-55s %-22s %s%n", sample.test(), sample.actual(),
                    sample.asDocumented() ? "(as documented)" : "EXPECTED " + sample.expected()));
            sample.failure().filter(WorkerExitedException.class::isInstance)
                    .ifPresent(exit -> report.append("      ").append(exit.getMessage().lines().findFirst().orElse(""))
                            .append('\n'));
            sample.hung().ifPresent(hung -> {
                report.append("      ").append(hung.getMessage().lines().findFirst().orElse("")).append('\n');
                if (hung.getStackTrace().length > 0) {
                    report.append("      hung at ").append(hangFrame(hung)).append('\n');
                }
                hung.deadlock().ifPresent(deadlock -> deadlock.lines()
                        .forEach(line -> report.append("      ").append(line).append('\n')));
            });
        }
        return report.toString();
    }

    /** The first frame in the samples' own code: where a person would look. */
    private static StackTraceElement hangFrame(HungTestException hung) {
        return Arrays.stream(hung.getStackTrace())
                .filter(frame -> frame.getClassName().startsWith("samples."))
                .findFirst()
                .orElse(hung.getStackTrace()[0]);
    }

}
