package dev.reaper.internal.fork.parent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reaper.internal.fork.worker.WorkerMain;

class WorkerCommandTest {

    @Test
    void carriesWhatChangesHowTestsBehaveAndNeverADebugger() {
        List<String> surefireArguments = List.of(
                "-javaagent:/home/ci/.m2/repository/org/mockito/mockito-core/5.20.0/mockito-core-5.20.0.jar",
                "-javaagent:/home/ci/.m2/repository/org/jacoco/org.jacoco.agent/0.8.13/org.jacoco.agent-0.8.13-runtime.jar=destfile=/build/target/jacoco.exec",
                "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005",
                "-Xrunjdwp:transport=dt_socket,server=y,suspend=y,address=5006",
                "-agentpath:/opt/jdk/lib/libjdwp.so=transport=dt_socket",
                "-Xdebug",
                "-agentlib:hprof=cpu=samples",
                "-Dfoo=bar",
                "-Dsurefire.internal=1",
                "-Djava.class.path=/the/parents/class/path",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
                "--add-reads=java.base=ALL-UNNAMED",
                "--add-modules", "jdk.attach,only.on.the.module.path",
                "--add-modules=only.on.the.module.path",
                "--module-path=/the/parents/modules",
                "-Xmx1g", "-Xms256m", "-Xss2m",
                "-XX:+UseG1GC", "-XX:MaxMetaspaceSize=512m",
                "--enable-native-access=ALL-UNNAMED",
                "--illegal-native-access=deny",
                "-ea", "-da:com.example.slow...", "-esa",
                "-Xshare:off", "-verbose:gc", "-Xlog:gc*", "-Xmn64m",
                "-cp", "/x.jar", "-jar", "/app.jar");

        List<String> carried = WorkerCommand.carriedJvmOptions(surefireArguments, Map.of());

        assertThat(carried).containsExactly(
                "-javaagent:/home/ci/.m2/repository/org/mockito/mockito-core/5.20.0/mockito-core-5.20.0.jar",
                "-javaagent:/home/ci/.m2/repository/org/jacoco/org.jacoco.agent/0.8.13/org.jacoco.agent-0.8.13-runtime.jar=destfile=/build/target/jacoco.exec",
                "-agentlib:hprof=cpu=samples",
                "-Dfoo=bar",
                "-Dsurefire.internal=1",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
                "--add-reads=java.base=ALL-UNNAMED",
                "--add-modules", "jdk.attach", // a module of the parent's module path is on the worker's class path
                "-Xmx1g", "-Xms256m", "-Xss2m",
                "-XX:+UseG1GC", "-XX:MaxMetaspaceSize=512m",
                "--enable-native-access=ALL-UNNAMED",
                "--illegal-native-access=deny",
                "-ea", "-da:com.example.slow...", "-esa");
        assertThat(String.join(" ", carried)).doesNotContain("jdwp").doesNotContain("-Xdebug");
    }

    @Test
    void carriesThisJvmsRealSurefireArguments() {
        List<String> input = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assumeTrue(input.stream().anyMatch(argument -> argument.contains("mockito-core")),
                "runs under this project's Surefire argLine: " + input);

        List<String> carried = WorkerCommand.carriedJvmOptions(input);

        System.out.println("this JVM's input arguments: " + input + "\ncarried: " + carried);
        assertThat(carried).contains("--enable-native-access=ALL-UNNAMED")
                .anyMatch(argument -> argument.startsWith("-javaagent:") && argument.contains("mockito-core"))
                .doesNotContain("-Xshare:off");
    }

    @Test
    void leavesOutOptionsTheWorkerGetsFromItsEnvironmentAnyway() {
        // The JVM lists JAVA_TOOL_OPTIONS first, then the launcher's JDK_JAVA_OPTIONS, then the command line.
        List<String> input =
                List.of("-javaagent:/opt/jacoco.jar=destfile=/tmp/j.exec", "-Dtool=1", "-Dlauncher=1", "-Dmine=1");
        Map<String, String> environment = Map.of(
                "JAVA_TOOL_OPTIONS", " -javaagent:/opt/jacoco.jar=destfile=/tmp/j.exec  -Dtool=1",
                "JDK_JAVA_OPTIONS", "-Dlauncher=1");

        assertThat(WorkerCommand.carriedJvmOptions(input, environment)).containsExactly("-Dmine=1");
        // Only an exact prefix is taken for the environment's: otherwise keep everything.
        assertThat(WorkerCommand.carriedJvmOptions(List.of("-Dmine=1"), Map.of("JAVA_TOOL_OPTIONS", "-Dother=1")))
                .containsExactly("-Dmine=1");
    }

    @Test
    void expandsAManifestOnlyJarWithFileUrlsAndRelativeUrls(@TempDir Path temp) throws IOException {
        Path boot = Files.createDirectories(temp.resolve("target dir/surefire"));
        Path jarWithSpace = temp.resolve("repo with space/lib-1.0.jar");
        Path classes = temp.resolve("target dir/test classes");
        Path jar = boot.resolve("surefirebooter-123.jar");
        // IDEs write absolute file: URLs; Surefire 3.5 writes URLs relative to the jar. Spaces are %20 in both.
        writeManifestOnlyJar(jar, jarWithSpace.toUri() + " " + classes.toUri()
                + " ../test%20classes/ ../../repo%20with%20space/other.jar");

        assertThat(WorkerCommand.classPath(jar.toString(), "/only/the/test/class/path", null))
                .as("under Surefire: surefire.real.class.path, decoded, resolved against the jar, each entry once")
                .containsExactly(jarWithSpace.toString(), classes.toString(),
                        temp.resolve("repo with space/other.jar").toString());
        assertThat(WorkerCommand.classPath(null, jar.toString(), null))
                .as("an IDE's shortened command line: java.class.path")
                .contains(jarWithSpace.toString(), classes.toString());
    }

    @Test
    void keepsOrdinaryEntriesAndAppendsTheModulePath(@TempDir Path temp) throws IOException {
        Path jarWithClasses = temp.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jarWithClasses), manifest("lib/x.jar"))) {
            out.putNextEntry(new JarEntry("app/Main.class"));
            out.write(new byte[] {1, 2, 3});
            out.closeEntry();
        }
        String sep = java.io.File.pathSeparator;

        assertThat(WorkerCommand.classPath(null, jarWithClasses.toString(), null))
                .as("a jar with classes is the class path itself; the JVM follows its Class-Path")
                .containsExactly(jarWithClasses.toString());
        assertThat(WorkerCommand.classPath(null, "/a" + sep + "/b" + sep, "/m1" + sep + "/a"))
                .as("no empty entry (it would mean the working directory), module path appended once")
                .containsExactly("/a", "/b", "/m1");
    }

    @Test
    void underSurefireTheClassPathIsTheExpandedBooterJar() {
        String real = System.getProperty("surefire.real.class.path");
        assumeTrue(real != null && real.contains("surefirebooter"), "runs in a Surefire fork with a manifest-only jar");

        List<String> classPath = WorkerCommand.classPath();

        System.out.println("surefire.real.class.path = " + real + "\nexpanded to " + classPath.size() + " entries");
        assertThat(classPath).noneMatch(entry -> entry.contains("surefirebooter"))
                .anyMatch(entry -> entry.endsWith("surefire-junit-platform-" + surefireVersion(classPath) + ".jar"))
                .allMatch(entry -> Files.exists(Path.of(entry)));
        assertThat(classPath)
                .containsAll(List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)));
    }

    @Test
    void startsAWorkerThatSeesTheTestClassPath() throws Exception {
        List<String> command =
                WorkerCommand.build(SeesTheClassPath.class.getName(), List.of("an argument with spaces", "2"),
                        List.of("-Dreaper.worker.extra=yes", "-Xmx128m"));

        Child child = run(command);

        System.out.println("worker command: " + command + "\nworker said:\n" + child.output);
        assertThat(child.exitCode).as(child.output).isZero();
        assertThat(child.output)
                .contains("java.home=" + System.getProperty("java.home"))
                .contains("extra=yes")
                .contains("args=[an argument with spaces, 2]")
                .containsPattern("launcher from .*junit-platform-launcher-[^/]*\\.jar")
                .containsPattern("assertj from .*assertj-core-[^/]*\\.jar")
                .contains("fork classes from "
                        + Path.of(WorkerCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        if (System.getProperty("surefire.real.class.path") != null) {
            // Only on Surefire's real class path, not in java.class.path: proof the worker got the real one.
            assertThat(child.output).containsPattern("surefire provider from .*surefire-junit-platform-[^/]*\\.jar");
        }
    }

    @Test
    void aSystemPropertySetInThisJvmIsNeverOnTheCommandLine() {
        String before = System.setProperty("db.password", "s3cret-for-the-command-line-test");
        try {
            List<String> command = WorkerCommand.build(WorkerMain.class.getName(), List.of("/tmp/socket", "1"),
                    List.of());

            assertThat(String.join(" ", command)).doesNotContain("s3cret-for-the-command-line-test")
                    .doesNotContain("db.password");
        } finally {
            if (before == null) {
                System.clearProperty("db.password");
            } else {
                System.setProperty("db.password", before);
            }
        }
    }

    @Test
    void passesAClassPathTooLongForOneArgumentThroughAnArgumentFile() throws Exception {
        List<String> classPath = new ArrayList<>();
        for (int i = 0; classPath.size() < 6000; i++) {
            classPath.add("/nonexistent/reaper \"padding\"/entry-" + i + ".jar"); // spaces and quotes survive the file
        }
        classPath.addAll(WorkerCommand.classPath());
        List<String> command = WorkerCommand.build(SeesTheClassPath.class.getName(), List.of(), List.of(), classPath,
                WorkerCommand.carriedJvmOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));

        assertThat(String.join(java.io.File.pathSeparator, classPath).length()).isGreaterThan(200_000);
        assertThat(command).noneMatch(argument -> argument.equals("-cp"))
                .anyMatch(argument -> argument.startsWith("@"));
        Child child = run(command);
        assertThat(child.exitCode).as(child.output).isZero();
        assertThat(child.output).containsPattern("launcher from .*junit-platform-launcher")
                .contains("classPathEntries=" + classPath.size());
    }

    /** A worker main: reports what it sees. Loads classes the way a worker running JUnit would. */
    public static class SeesTheClassPath {
        public static void main(String[] args) throws Exception {
            System.out.println("java.home=" + System.getProperty("java.home"));
            System.out.println("extra=" + System.getProperty("reaper.worker.extra"));
            System.out.println("args=" + List.of(args));
            System.out.println("launcher from " + origin("org.junit.platform.launcher.core.LauncherFactory"));
            System.out.println("assertj from " + origin("org.assertj.core.api.Assertions"));
            System.out.println("fork classes from " + origin("dev.reaper.internal.fork.parent.WorkerCommand"));
            System.out.println("surefire provider from "
                    + origin("org.apache.maven.surefire.junitplatform.JUnitPlatformProvider"));
            System.out.println("classPathEntries="
                    + System.getProperty("java.class.path").split(java.io.File.pathSeparator).length);
            System.out.println("input arguments=" + ManagementFactory.getRuntimeMXBean().getInputArguments());
        }

        private static String origin(String className) throws Exception {
            try {
                return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI())
                        .toString();
            } catch (ClassNotFoundException e) {
                return "nowhere (not on the class path)";
            }
        }
    }

    private static String surefireVersion(List<String> classPath) {
        return classPath.stream().filter(entry -> entry.contains("surefire-junit-platform-"))
                .map(entry -> entry.replaceAll(".*surefire-junit-platform-(.*)\\.jar", "$1")).findFirst().orElse("?");
    }

    private static void writeManifestOnlyJar(Path jar, String classPath) throws IOException {
        // a manifest and nothing else, like surefirebooter*.jar
        new JarOutputStream(Files.newOutputStream(jar), manifest(classPath)).close();
    }

    private static Manifest manifest(String classPath) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        return manifest;
    }

    private record Child(int exitCode, String output) {
    }

    private static Child run(List<String> command) throws Exception {
        Path output = Files.createTempFile("reaper-worker-command", ".txt");
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("worker did not end within 60 s: " + Files.readString(output));
            }
            return new Child(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
