package samples;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.opentest4j.AssertionFailedError;

import dev.reaper.ReaperExtension;

/**
 * A demo class run in a JVM of its own (same JDK, same class path) through the JUnit Platform Launcher,
 * for samples that end the JVM they run in. {@link #main} is the child's side: it runs the class and
 * prints one {@code SAMPLE <test> <status> <failure>} line per finished test.
 */
public final class OwnJvm {

    /** How long a child JVM may take before it is killed and reported as still running. */
    static final Duration LIMIT = Duration.ofSeconds(30);

    static final String RESULT = "SAMPLE ";

    /**
     * How the child ended.
     *
     * @param exitCode  its exit status, or -1 when it was still running after {@link #LIMIT} and was killed
     * @param output    standard output and error, interleaved
     * @param reportDir the {@code reaper.report.dir} it was given
     * @param pid       its process ID, which names its report: {@code reaper-<pid>.json}
     */
    public record Outcome(int exitCode, String output, Path reportDir, long pid) {

        public boolean timedOut() {
            return exitCode == -1;
        }

        /** The status the child printed for a test, e.g. {@code "SUCCESSFUL"}; empty when it never finished. */
        public Optional<String> result(String test) {
            return output.lines().filter(line -> line.startsWith(RESULT + test + " "))
                    .map(line -> line.substring((RESULT + test + " ").length()))
                    .findFirst();
        }
    }

    private OwnJvm() {
    }

    /**
     * Runs {@code demo} in a child JVM with these configuration parameters; it reports to the default
     * {@code reaper.report.dir} like the samples run in this JVM, so the main job's summary has it too.
     */
    public static Outcome run(Class<?> demo, Map<String, String> configuration)
            throws IOException, InterruptedException {
        Path reportDir = Path.of("target", "reaper");
        Path output = Files.createTempFile("reaper-sample", ".txt");
        Map<String, String> parameters = new LinkedHashMap<>(configuration);
        parameters.putIfAbsent("reaper.report.dir", reportDir.toString());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(classPath());
        command.add(OwnJvm.class.getName());
        command.add(demo.getName());
        parameters.forEach((key, value) -> command.add(key + "=" + value));
        try {
            Process child =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            int exitCode;
            if (child.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                exitCode = child.exitValue();
            } else {
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly().waitFor();
                exitCode = -1;
            }
            return new Outcome(exitCode, Files.readString(output, StandardCharsets.UTF_8), reportDir, child.pid());
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * This JVM's class path, plus the JUnit jars the child needs where they are missing from it: under
     * Surefire {@code java.class.path} is the test class path only, and the engine and launcher Surefire
     * brings along are not in it.
     */
    static String classPath() {
        Set<String> entries =
                new LinkedHashSet<>(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
        for (Class<?> inJar : List.of(LauncherFactory.class, TestEngine.class, Testable.class,
                JupiterTestEngine.class, Test.class, AssertionFailedError.class, ReaperExtension.class, OwnJvm.class)) {
            try {
                entries.add(Path.of(inJar.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException | RuntimeException notFromAFile) {
                // it is on the class path some other way
            }
        }
        entries.remove("");
        return String.join(File.pathSeparator, entries);
    }

    /** The child's side. Arguments: the demo class's name, then {@code key=value} configuration parameters. */
    public static void main(String[] args) throws ClassNotFoundException {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : Arrays.asList(args).subList(1, args.length)) {
            String[] keyValue = pair.split("=", 2);
            parameters.put(keyValue[0], keyValue[1]);
        }
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Class.forName(args[0])))
                .configurationParameters(parameters)
                .build(), new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                                .ifPresent(source -> System.out.println(RESULT + SampleRun.name(source) + " "
                                        + result.getStatus() + result.getThrowable()
                                                .map(failure -> " " + failure.toString().lines().findFirst().orElse(""))
                                                .orElse("")));
                        System.out.flush();
                    }
                });
        System.out.println("LAUNCHER DONE");
    }
}
