package dev.reaper.internal.fork.parent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reaper.internal.config.ClassDataSharing;
import dev.reaper.internal.fork.worker.WorkerMain;
import dev.reaper.internal.process.OwnProcesses;

class WorkerArchiveTest {

    private static final List<String> CARRIED = List.of("-Dfoo=bar", "-Xmx512m");

    @TempDir
    Path temp;

    @Test
    void anArchiveThereIsGoesFirstAndQuietly() throws IOException {
        List<String> classPath = List.of(jar("a.jar").toString(), jar("b.jar").toString());
        Path archive = archiveFor(classPath, CARRIED);

        List<String> options =
                WorkerCommand.withArchive(ClassDataSharing.AUTO, 17, CARRIED, List.of(), classPath, temp, false);

        assertThat(options).containsExactly("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off", "-Dfoo=bar", "-Xmx512m");
        assertThat(WorkerCommand.withArchive(ClassDataSharing.AUTO, 25, CARRIED, List.of(), classPath, temp, false))
                .isEqualTo(options);
        List<String> command = WorkerCommand.build(WorkerMain.class.getName(), List.of("x"), List.of("-Dextra=1"),
                classPath, options);
        assertThat(command.subList(1, 6)).containsExactly("-XX:SharedArchiveFile=" + archive, "-Xshare:auto",
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-Dfoo=bar");
    }

    @Test
    void offOrNoArchiveYetOrAnOldJdkLeavesTheCommandAsItWas() throws IOException {
        List<String> classPath = List.of(jar("a.jar").toString());
        assertThat(WorkerCommand.withArchive(ClassDataSharing.AUTO, 17, CARRIED, List.of(), classPath, temp, false))
                .as("no archive yet").isEqualTo(CARRIED);
        archiveFor(classPath, CARRIED);
        assertThat(WorkerCommand.withArchive(ClassDataSharing.OFF, 17, CARRIED, List.of(), classPath, temp, false))
                .isEqualTo(CARRIED);
        assertThat(WorkerCommand.withArchive(ClassDataSharing.AUTO, 11, CARRIED, List.of(), classPath, temp, false))
                .isEqualTo(CARRIED);
    }

    @Test
    void theExtraOptionsArePartOfTheKey() throws IOException {
        List<String> classPath = List.of(jar("a.jar").toString());
        archiveFor(classPath, CARRIED);
        assertThat(WorkerCommand.withArchive(ClassDataSharing.AUTO, 17, CARRIED, List.of("-Xmx1g"), classPath, temp,
                false))
                .isEqualTo(CARRIED);
    }

    @Test
    void agentsAndTheUsersOwnSharingOptionsRuleItOut() throws IOException {
        List<String> classPath = List.of(jar("a.jar").toString());
        for (String option : List.of("-javaagent:/jacoco.jar=destfile=x", "-agentlib:hprof", "-agentpath:/x.so",
                "-Xshare:off", "-XX:SharedArchiveFile=/mine.jsa", "-XX:ArchiveClassesAtExit=/x.jsa",
                "-XX:+AutoCreateSharedArchive", "-XX:AOTCache=app.aot", "-XX:-UseSharedSpaces")) {
            List<String> carried = List.of(option);
            archiveFor(classPath, carried);
            assertThat(WorkerCommand.withArchive(ClassDataSharing.AUTO, 17, carried, List.of(), classPath, temp, false))
                    .as(option).isEqualTo(carried);
        }
    }

    /** Measured: JDK 17 refuses a non-empty directory before a jar, JDK 25 any non-empty directory. */
    @Test
    void directoriesOfClassesPerJdk() throws IOException {
        Path classes = Files.createDirectories(temp.resolve("classes"));
        Files.writeString(classes.resolve("A.class"), "x");
        Path empty = Files.createDirectories(temp.resolve("empty"));
        String jar = jar("a.jar").toString();

        assertThat(WorkerArchive.archivable(17, List.of(classes.toString(), jar))).isFalse();
        assertThat(WorkerArchive.archivable(25, List.of(classes.toString(), jar))).isFalse();
        assertThat(WorkerArchive.archivable(17, List.of(jar, classes.toString()))).isTrue();
        assertThat(WorkerArchive.archivable(21, List.of(jar, classes.toString()))).isFalse();
        assertThat(WorkerArchive.archivable(25, List.of(jar, classes.toString()))).isFalse();
        assertThat(WorkerArchive.archivable(25, List.of(empty.toString(), jar, "/not/there.jar"))).isTrue();
        assertThat(WorkerArchive.archivable(17, List.of(classes.toString()))).as("no jar: nothing to archive")
                .isFalse();

        List<String> mavenLike = List.of(classes.toString(), jar);
        archiveFor(mavenLike, CARRIED);
        assertThat(WorkerCommand.withArchive(ClassDataSharing.AUTO, 17, CARRIED, List.of(), mavenLike, temp, false))
                .isEqualTo(CARRIED);
    }

    @Test
    void aRebuiltJarIsANewKey() throws IOException {
        Path jar = jar("a.jar");
        List<String> classPath = List.of(jar.toString());
        String before = WorkerArchive.key("/jdk", "17", CARRIED, classPath);
        assertThat(WorkerArchive.key("/jdk", "17", CARRIED, classPath)).isEqualTo(before);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        assertThat(WorkerArchive.key("/jdk", "17", CARRIED, classPath)).isNotEqualTo(before);
        assertThat(WorkerArchive.key("/jdk-25", "17", CARRIED, classPath)).isNotEqualTo(before);
    }

    /**
     * On the running JDK: the training JVM writes an archive of a class path of jars (Reaper's classes
     * jarred here, and JUnit's), a JVM started with it maps Reaper's classes from it and runs the
     * warm-up test, and neither prints anything.
     */
    @Test
    void aJvmStartedWithTheArchiveRunsATestQuietly() throws Exception {
        Path reaper = jarOf(Path.of(WorkerArchive.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        List<String> classPath = new ArrayList<>();
        classPath.add(reaper.toString());
        WorkerCommand.classPath().stream().filter(entry -> entry.endsWith(".jar")).forEach(classPath::add);
        Path archive = temp.resolve("worker.jsa");

        Process training = new ProcessBuilder(WorkerArchive.trainingCommand(List.of(), classPath, archive))
                .redirectErrorStream(true).start();
        String trainingOutput = new String(training.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(training.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(training.exitValue()).as(trainingOutput).isZero();
        assertThat(trainingOutput).isEmpty();
        assertThat(archive).isNotEmptyFile();

        Path loaded = temp.resolve("loaded.txt");
        List<String> options = new ArrayList<>(WorkerArchive.useOptions(archive));
        options.add("-Xlog:class+load=info:file=" + loaded);
        Process worker = new ProcessBuilder(WorkerCommand.build(WorkerArchive.class.getName(), List.of(), options,
                classPath, List.of())).start();
        worker.getOutputStream().close();
        String stdout = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(worker.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.exitValue()).as(stderr).isZero();
        assertThat(stdout).isEmpty();
        assertThat(stderr).isEmpty();
        try (Stream<String> lines = Files.lines(loaded)) {
            assertThat(lines.filter(line -> line.contains("dev.reaper.internal.fork.worker.WarmUp$Sample "))
                    .collect(Collectors.joining("\n"))).contains("shared objects file");
        }
    }

    /** A worker given an archive that does not fit its class path (as a stale one) starts as usual, quietly. */
    @Test
    void aWorkerWithAnArchiveThatDoesNotFitStartsQuietly() throws Exception {
        Path junk = Files.write(temp.resolve("stale.jsa"), new byte[64 * 1024]);
        try (Worker worker = Worker.start(WorkerArchive.useOptions(junk), ClassDataSharing.AUTO,
                new OwnProcesses())) {
            assertThat(worker.isAlive()).isTrue();
            assertThat(worker.stderrTail()).isEmpty();
        }
    }

    private Path archiveFor(List<String> classPath, List<String> jvmOptions) throws IOException {
        String key = WorkerArchive.key(System.getProperty("java.home"), System.getProperty("java.vm.version"),
                jvmOptions, classPath);
        return Files.writeString(temp.resolve(key + ".jsa"), "archive");
    }

    private Path jar(String name) throws IOException {
        Path jar = temp.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("x/A.class"));
            out.write(1);
        }
        return jar;
    }

    private Path jarOf(Path classes) throws IOException {
        Path jar = temp.resolve("reaper.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
            }
        }
        return jar;
    }
}
