package dev.reaper.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A JVM of the same JDK and class path running {@link LaunchMain}, for behaviour that ends a JVM. */
public final class ChildJvm {

    public record Outcome(int exitCode, String output) {
    }

    private ChildJvm() {
    }

    /**
     * @param jvmOptions    options before the main class
     * @param testClass     the fixture to run
     * @param configuration {@code key=value} configuration parameters
     */
    public static Outcome run(List<String> jvmOptions, Class<?> testClass, String... configuration)
            throws IOException, InterruptedException {
        return run(Map.of(), jvmOptions, testClass, configuration);
    }

    /** @param testClasses run in one launcher request, in this order */
    public static Outcome run(List<String> jvmOptions, List<Class<?>> testClasses, String... configuration)
            throws IOException, InterruptedException {
        return run(Map.of(), jvmOptions, String.join(",", testClasses.stream().map(Class::getName).toList()),
                configuration);
    }

    /** @param environment variables added to the child's environment */
    public static Outcome run(Map<String, String> environment, List<String> jvmOptions, Class<?> testClass,
            String... configuration) throws IOException, InterruptedException {
        return run(environment, jvmOptions, testClass.getName(), configuration);
    }

    private static Outcome run(Map<String, String> environment, List<String> jvmOptions, String testClasses,
            String... configuration) throws IOException, InterruptedException {
        Path output = Files.createTempFile("reaper-child", ".txt");
        try {
            Process process = start(environment, jvmOptions, testClasses, output, configuration);
            if (!process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("child JVM did not end within 2 minutes: " + Files.readString(output));
            }
            return new Outcome(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Starts the child JVM without waiting for it; its output goes to {@code output}. */
    public static Process start(List<String> jvmOptions, Class<?> testClass, Path output, String... configuration)
            throws IOException {
        return start(Map.of(), jvmOptions, testClass, output, configuration);
    }

    public static Process start(Map<String, String> environment, List<String> jvmOptions, Class<?> testClass,
            Path output, String... configuration) throws IOException {
        return start(environment, jvmOptions, testClass.getName(), output, configuration);
    }

    private static Process start(Map<String, String> environment, List<String> jvmOptions, String testClasses,
            Path output, String... configuration) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LaunchMain.class.getName());
        command.add(testClasses);
        command.addAll(List.of(configuration));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }
}
