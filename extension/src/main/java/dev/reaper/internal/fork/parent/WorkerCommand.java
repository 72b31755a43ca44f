package dev.reaper.internal.fork.parent;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import dev.reaper.internal.config.ClassDataSharing;
import dev.reaper.internal.fork.worker.WorkerMain;
import dev.reaper.internal.process.OperatingSystem;

/**
 * The command line of a worker JVM: the parent's JDK, the tests' real class path, and the JVM options
 * that change how tests behave, so a test runs in a worker as it would have in the parent.
 *
 * <p>Module path: the entries of {@code jdk.module.path} are appended to the class path, and the
 * worker runs everything in the unnamed module. Re-creating a modular launch (root modules,
 * {@code --patch-module} for test classes, reads edges) from the outside is fragile, and tests on the
 * class path are the common case. What is lost: module boundaries between the tests' own modules, and
 * services declared only by {@code provides} in a {@code module-info} (without {@code META-INF/services}).
 */
public final class WorkerCommand {

    /**
     * Longest class path passed as an argument. Linux refuses a single argument over 128 KiB
     * ({@code error=7, Argument list too long}) and Windows a whole command line over 32 Ki chars;
     * a longer one goes into a {@code @argfile}, which the {@code java} launcher reads itself.
     */
    static final int MAX_CLASS_PATH_ARGUMENT = 24_000;

    /** Options whose value is the next argument when not written as {@code --option=value}. */
    private static final Set<String> MODULE_OPTIONS = Set.of("--add-opens", "--add-exports", "--add-reads",
            "--add-modules", "--enable-native-access");

    /** {@code -ea}, {@code -da:com.example...} and the like. */
    private static final Set<String> ASSERTIONS = Set.of("-ea", "-da", "-esa", "-dsa", "-enableassertions",
            "-disableassertions", "-enablesystemassertions", "-disablesystemassertions");

    /** Per JVM, a cache: written once per class path, and every worker of this JVM has the same one. */
    private static volatile Map.Entry<String, Path> argumentFile;

    private WorkerCommand() {
    }

    /**
     * The command to start a worker JVM: {@code java.home/bin/java}, the JVM options carried over from
     * this JVM ({@link #carriedJvmOptions}), {@code extraJvmOptions} after them (so they win where the
     * JVM takes the last value, as for {@code -Xmx} and {@code -D}), the class path, then
     * {@code mainClass} and {@code args}.
     */
    public static List<String> build(String mainClass, List<String> args, List<String> extraJvmOptions) {
        return build(mainClass, args, extraJvmOptions, ClassDataSharing.AUTO);
    }

    /** As {@link #build(String, List, List)}, a worker's with {@code reaper.fork.cds} of the run that starts it. */
    static List<String> build(String mainClass, List<String> args, List<String> extraJvmOptions, ClassDataSharing cds) {
        List<String> classPath = classPath();
        List<String> carried = carriedJvmOptions(ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getenv());
        if (mainClass.equals(WorkerMain.class.getName())) {
            carried = withArchive(cds, Runtime.version().feature(), carried, extraJvmOptions,
                    classPath, WorkerArchive.defaultDirectory(), true);
        }
        return build(mainClass, args, extraJvmOptions, classPath, carried);
    }

    /**
     * {@code carried} behind the options that map the class-data-sharing archive ({@link WorkerArchive}),
     * when there is one for this JDK, class path and options: first, so that a {@code -Xlog} of the
     * user's still wins.
     */
    static List<String> withArchive(ClassDataSharing mode, int jdkFeature, List<String> carried,
            List<String> extraJvmOptions, List<String> classPath, Path directory, boolean train) {
        List<String> all = new ArrayList<>(carried);
        all.addAll(extraJvmOptions);
        List<String> sharing = WorkerArchive.options(mode, jdkFeature, all, classPath, directory, train);
        if (sharing.isEmpty()) {
            return carried;
        }
        List<String> options = new ArrayList<>(sharing);
        options.addAll(carried);
        return options;
    }

    public static List<String> build(String mainClass, List<String> args, List<String> extraJvmOptions,
            List<String> classPath, List<String> carriedOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", OperatingSystem.WINDOWS ? "java.exe" : "java")
                .toString());
        command.addAll(carriedOptions);
        command.addAll(extraJvmOptions);
        String joined = String.join(File.pathSeparator, classPath);
        if (joined.length() <= MAX_CLASS_PATH_ARGUMENT) {
            command.add("-cp");
            command.add(joined);
        } else {
            command.add("@" + argumentFile(joined));
        }
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * The class path the tests really run with, without empty entries.
     *
     * <p>Under Surefire, {@code java.class.path} is rewritten to the test class path and lacks what
     * Surefire adds (the JUnit Platform launcher and engine); the real one is
     * {@code surefire.real.class.path}, usually a manifest-only {@code surefirebooter*.jar}. IDEs that
     * shorten the command line use the same kind of jar. Such a jar is expanded into the entries of its
     * {@code Class-Path}: the jar is temporary, and paths say more in a report.
     */
    static List<String> classPath() {
        return classPath(System.getProperty("surefire.real.class.path"), System.getProperty("java.class.path"),
                System.getProperty("jdk.module.path"));
    }

    static List<String> classPath(String surefireRealClassPath, String javaClassPath, String modulePath) {
        String base = surefireRealClassPath != null && !surefireRealClassPath.isBlank() ? surefireRealClassPath
                : javaClassPath;
        List<String> entries = split(base);
        if (entries.size() == 1 && isManifestOnlyJar(entries.get(0))) {
            entries = manifestClassPath(Path.of(entries.get(0)));
        }
        Set<String> all = new LinkedHashSet<>(entries);
        all.addAll(split(modulePath));
        return List.copyOf(all);
    }

    /**
     * From this JVM's input arguments ({@code RuntimeMXBean.getInputArguments()}), the ones a worker
     * needs to behave the same: agents except a debugger, {@code -D}, module opens/exports/reads/adds,
     * native access, heap and stack sizes, {@code -XX:}, assertions. The {@code java} launcher hands
     * them over as {@code --option=value}; {@code --option value} is accepted too and kept as two arguments.
     * Environment options ({@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS}) are among the input
     * arguments and reach the worker by inheritance: they are left out here, or an agent would load twice.
     */
    static List<String> carriedJvmOptions(List<String> inputArguments) {
        return carriedJvmOptions(inputArguments, System.getenv());
    }

    static List<String> carriedJvmOptions(List<String> inputArguments, Map<String, String> environment) {
        List<String> arguments = withoutEnvironmentOptions(inputArguments, environment);
        List<String> carried = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (MODULE_OPTIONS.contains(argument)) { // two-argument form
                if (i + 1 < arguments.size()) {
                    String value = modulesOptionValue(argument, arguments.get(++i));
                    if (value != null) {
                        carried.add(argument);
                        carried.add(value);
                    }
                }
            } else if (argument.startsWith("--") && argument.contains("=")
                    && MODULE_OPTIONS.contains(argument.substring(0, argument.indexOf('=')))) {
                String option = argument.substring(0, argument.indexOf('='));
                String value = modulesOptionValue(option, argument.substring(option.length() + 1));
                if (value != null) {
                    carried.add(option + "=" + value);
                }
            } else if (isCarriedSingle(argument)) {
                carried.add(argument);
            }
        }
        return carried;
    }

    private static boolean isCarriedSingle(String argument) {
        if (argument.startsWith("-javaagent:") || argument.startsWith("-agentlib:")
                || argument.startsWith("-agentpath:")) {
            // Never a debugger: a second JVM cannot listen on the same port, and a suspended worker would look hung.
            return !argument.contains("jdwp");
        }
        if (argument.startsWith("-D")) {
            // The class path and module path are set by build(), not inherited from here.
            return !argument.startsWith("-Djava.class.path=") && !argument.startsWith("-Djdk.module.");
        }
        return argument.startsWith("--illegal-native-access=")
                || argument.startsWith("-Xmx") || argument.startsWith("-Xms") || argument.startsWith("-Xss")
                || argument.startsWith("-XX:")
                || ASSERTIONS.contains(
                        argument.contains(":") ? argument.substring(0, argument.indexOf(':')) : argument);
    }

    /**
     * The value to carry, or null to drop the option. {@code --add-modules} keeps only modules of the
     * JDK: a module that was on the parent's module path is on the worker's class path (see the class
     * comment), and naming it would stop the worker at startup ({@code Module x not found}).
     */
    private static String modulesOptionValue(String option, String value) {
        if (!option.equals("--add-modules")) {
            return value;
        }
        ModuleFinder system = ModuleFinder.ofSystem();
        String kept = Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(module -> module.startsWith("ALL-") || system.find(module).isPresent())
                .collect(Collectors.joining(","));
        return kept.isEmpty() ? null : kept;
    }

    private static List<String> withoutEnvironmentOptions(List<String> arguments, Map<String, String> environment) {
        // The JVM puts JAVA_TOOL_OPTIONS first, the launcher's JDK_JAVA_OPTIONS next, then the command line.
        List<String> rest = arguments;
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                List<String> tokens = List.of(value.trim().split("\\s+"));
                if (rest.size() >= tokens.size() && rest.subList(0, tokens.size()).equals(tokens)) {
                    rest = rest.subList(tokens.size(), rest.size());
                }
            }
        }
        return rest;
    }

    private static List<String> split(String path) {
        if (path == null || path.isBlank()) {
            return List.of();
        }
        // An empty entry means the working directory to the JVM; a trailing separator is not meant that way.
        return Arrays.stream(path.split(File.pathSeparator)).filter(entry -> !entry.isBlank())
                .collect(Collectors.toList());
    }

    /** A jar with a {@code Class-Path} and nothing but its manifest: Surefire's booter, an IDE's classpath jar. */
    static boolean isManifestOnlyJar(String entry) {
        if (!entry.toLowerCase(Locale.ROOT).endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
            return false;
        }
        try (JarFile jar = new JarFile(entry, false)) {
            Manifest manifest = jar.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH) == null) {
                return false;
            }
            return jar.stream().map(JarEntry::getName).allMatch(name -> name.startsWith("META-INF/"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The jar's {@code Class-Path} entries as file paths. They are URLs relative to the jar (Surefire 3.5
     * writes {@code ../../../.m2/...}) or absolute {@code file:} URLs (IDEs), with spaces as {@code %20}.
     */
    static List<String> manifestClassPath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            String value = file.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            URI base = jar.toAbsolutePath().toUri().resolve("."); // the jar's directory, ending in '/'
            List<String> entries = new ArrayList<>();
            for (String url : value.trim().split("\\s+")) {
                if (!url.isEmpty()) {
                    entries.add(toPath(base, url));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the class path of " + jar, e);
        }
    }

    private static String toPath(URI base, String url) {
        try {
            return Path.of(base.resolve(new URI(url))).toString(); // decodes %20; a directory loses its trailing '/'
        } catch (URISyntaxException | RuntimeException e) { // e.g. an http: URL, which the JVM would ignore too
            return url; // not a URL after all: keep it as written, the JVM will report it if it matters
        }
    }

    private static synchronized Path argumentFile(String classPath) {
        Map.Entry<String, Path> known = argumentFile;
        if (known != null && known.getKey().equals(classPath) && Files.isRegularFile(known.getValue())) {
            return known.getValue();
        }
        try {
            Path file = Files.createTempFile("reaper-worker-cp", ".args");
            file.toFile().deleteOnExit();
            // In an argument file, quotes group and a backslash escapes inside quotes (Windows paths).
            String quoted = "\"" + classPath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            Files.writeString(file, "-cp\n" + quoted + "\n", StandardCharsets.UTF_8);
            argumentFile = Map.entry(classPath, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the worker's class path to an argument file", e);
        }
    }
}
