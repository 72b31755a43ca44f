package dev.reaper.internal.fork.parent;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.reaper.internal.config.ClassDataSharing;
import dev.reaper.internal.fork.worker.WarmUp;
import dev.reaper.internal.fork.worker.WorkerMain;
import dev.reaper.internal.util.WorkerJvm;

/**
 * A class-data-sharing (CDS) archive of the worker's class path, so that a worker JVM maps the classes
 * of JUnit and Reaper instead of loading, parsing and verifying them from jars: {@code reaper.fork.cds}.
 *
 * <p><b>Where it lives.</b> One file per JDK, class path and JVM options, {@code <key>.jsa} in
 * {@code java.io.tmpdir/reaper-cds/}: the key is a hash of {@code java.home}, the JVM's version, the
 * options, and every class path entry with the size and modification time of a file (a rebuilt jar
 * makes a new key rather than an archive the JVM rejects). Later runs, and the workers of this run that
 * start after it is written, use it.
 *
 * <p><b>How it is made.</b> Not at a worker's exit: a worker ends with {@code Runtime.halt} or a kill,
 * its parent kills it a second after asking it to stop, and an archive written then would help only
 * workers started after it anyway. When there is none, one JVM per key is started in the background
 * ({@link #main}): it runs {@link WarmUp}'s test and loads Reaper's classes, as a worker does before
 * its first test, and exits normally with {@code -XX:ArchiveClassesAtExit} (JDK 13+) into a temporary
 * file, which is then moved into place atomically: a JVM never maps a half-written archive. Its output
 * is discarded. {@code -XX:+AutoCreateSharedArchive} (JDK 19+) was not used: the JVM rewrites that
 * file in place at exit, under any worker that starts meanwhile, and only on the JDKs that have it.
 *
 * <p><b>When it cannot help.</b> Nothing is done for a class path the JVM cannot archive
 * ({@link #archivable}): one with the compiled classes of a Maven or Gradle module, a non-empty
 * directory, ahead of the jars, which is the usual test class path. If the archive does not match (the JVM checks its
 * own version and the
 * jars' sizes and times), the JVM starts without it: {@code -Xshare:auto}, with its CDS log off so
 * that nothing reaches the console. If the directory is not writable or the JDK cannot dump an
 * archive, the training fails quietly, is not retried in this JVM, and leaves a {@code <key>.failed}
 * marker so later runs do not try again either. Nothing is used with an agent ({@code -javaagent},
 * {@code -agentlib}, {@code -agentpath}: a coverage agent rewrites classes anyway) or with the user's
 * own CDS or AOT options.
 */
public final class WorkerArchive {

    /**
     * Keys whose training this JVM started (or that failed): at most one training JVM per key, whatever run
     * asks; per JVM, as a cache of what this JVM has done.
     */
    private static final Set<String> TRAINED = ConcurrentHashMap.newKeySet();

    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration KEPT = Duration.ofDays(30);
    static final String DIRECTORY = "reaper-cds";

    private WorkerArchive() {
    }

    /**
     * The options that make a worker JVM map the archive: none when {@code mode} is off, when the JDK
     * or the other options rule it out, or when there is no archive yet (then one is being made, unless
     * {@code train} is false).
     */
    static List<String> options(ClassDataSharing mode, int jdkFeature, List<String> jvmOptions, List<String> classPath,
            Path directory, boolean train) {
        if (mode == ClassDataSharing.OFF || jdkFeature < 13 || !compatible(jvmOptions)
                || !archivable(jdkFeature, classPath)) {
            return List.of();
        }
        String key = key(System.getProperty("java.home"), System.getProperty("java.vm.version"), jvmOptions, classPath);
        Path archive = directory.resolve(key + ".jsa");
        if (Files.isRegularFile(archive)) {
            return useOptions(archive);
        }
        if (train && !Files.exists(directory.resolve(key + ".failed")) && TRAINED.add(key)) {
            Thread trainer = new Thread(() -> train(jvmOptions, classPath, directory, key), "reaper-cds-training");
            trainer.setDaemon(true);
            trainer.start();
        }
        return List.of();
    }

    static Path defaultDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), DIRECTORY);
    }

    /** {@code -Xshare:auto}: a mismatch means no sharing, never a failed start; the CDS log stays quiet about it. */
    static List<String> useOptions(Path archive) {
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** Options that already decide about class sharing, or agents (archiving with one needs a diagnostic flag). */
    static boolean compatible(List<String> jvmOptions) {
        for (String option : jvmOptions) {
            if (option.startsWith("-javaagent:") || option.startsWith("-agentlib:") || option.startsWith("-agentpath:")
                    || option.startsWith("-Xshare") || option.startsWith("-XX:SharedArchiveFile")
                    || option.startsWith("-XX:ArchiveClassesAtExit") || option.contains("AutoCreateSharedArchive")
                    || option.startsWith("-XX:AOT") || option.contains("UseSharedSpaces")
                    || option.startsWith("-Xbootclasspath")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the JVM can archive this class path's classes. It archives classes from jars only and
     * refuses a non-empty directory before a jar (17 and 25: the dump fails with {@code Cannot have
     * non-empty directory in paths}); JDK 25 also one after the last jar (the archive is written, then
     * rejected at every start with {@code directory is not empty}). Maven's and Gradle's test class paths begin with
     * the compiled test
     * and main classes, so there is nothing to do for them; a class path of jars only is archived.
     * Between 18 and 24 the JDK's rule was not measured: the stricter one is assumed.
     */
    static boolean archivable(int jdkFeature, List<String> classPath) {
        boolean jarAfter = false;
        for (int i = classPath.size() - 1; i >= 0; i--) {
            Path entry;
            try {
                entry = Path.of(classPath.get(i));
            } catch (RuntimeException notAPath) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                if (!isEmpty(entry) && (jarAfter || jdkFeature > 17)) {
                    return false;
                }
            } else if (Files.isRegularFile(entry)) {
                jarAfter = true;
            }
        }
        return jarAfter;
    }

    private static boolean isEmpty(Path directory) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    static String key(String javaHome, String vmVersion, List<String> jvmOptions, List<String> classPath) {
        StringBuilder text = new StringBuilder().append(javaHome).append('\n').append(vmVersion).append('\n');
        for (String option : jvmOptions) {
            text.append("option ").append(option).append('\n');
        }
        for (String entry : classPath) {
            text.append("entry ").append(entry);
            try {
                BasicFileAttributes attributes = Files.readAttributes(Path.of(entry), BasicFileAttributes.class);
                if (attributes.isRegularFile()) {
                    text.append(' ').append(attributes.size()).append(' ')
                            .append(attributes.lastModifiedTime().toMillis());
                }
            } catch (IOException | RuntimeException missing) {
                // a missing entry is part of the class path as written
            }
            text.append('\n');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The training JVM's command: the worker's, with the archive written at its normal exit. */
    static List<String> trainingCommand(List<String> jvmOptions, List<String> classPath, Path temporary) {
        List<String> options = new ArrayList<>();
        options.add("-XX:ArchiveClassesAtExit=" + temporary);
        options.add("-Xshare:auto");
        options.add("-Xlog:cds=off");
        options.add("-Xlog:cds+dynamic=off");
        options.addAll(jvmOptions);
        return WorkerCommand.build(WorkerArchive.class.getName(), List.of(), options, classPath, List.of());
    }

    private static void train(List<String> jvmOptions, List<String> classPath, Path directory, String key) {
        Path temporary = null;
        boolean written = false;
        try {
            Files.createDirectories(directory);
            temporary = directory.resolve(key + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
            Process process = new ProcessBuilder(trainingCommand(jvmOptions, classPath, temporary))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(TRAINING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            } else if (process.exitValue() == 0 && Files.isRegularFile(temporary) && Files.size(temporary) > 0) {
                moveIntoPlace(temporary, directory.resolve(key + ".jsa"));
                written = true;
                removeOld(directory);
            }
            if (!written) {
                Files.writeString(directory.resolve(key + ".failed"), "exit " + (process.isAlive() ? "timeout"
                        : process.exitValue()) + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            // Unwritable, or no JVM to start: workers simply start without an archive.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // in the temporary directory anyway
                }
            }
        }
    }

    private static void moveIntoPlace(Path temporary, Path archive) throws IOException {
        try {
            Files.move(temporary, archive, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException another) {
            // another JVM trained the same key meanwhile: its archive is as good
        } catch (AtomicMoveNotSupportedException notAtomic) {
            // the same directory, so this does not happen on the usual file systems; better none than a torn one
        }
    }

    /** Archives and markers untouched for a month: class paths of old builds. */
    private static void removeOld(Path directory) {
        Instant before = Instant.now().minus(KEPT);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException inUse) {
                    // mapped by a running JVM on Windows, say
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    /**
     * The training run: what a worker loads before its first test, then a normal exit, at which the JVM
     * writes the archive. Reaper's own classes are loaded (not initialized) from wherever this class
     * came from, so the channel and the worker's loop are in it too.
     */
    public static void main(String[] args) {
        System.setProperty(WorkerJvm.PROPERTY, "true");
        WarmUp.run();
        loadReaperClasses();
        System.exit(0);
    }

    private static void loadReaperClasses() {
        ClassLoader loader = WorkerArchive.class.getClassLoader();
        try {
            Path source = Path.of(WorkerArchive.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> names = new ArrayList<>();
            if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.walk(source.resolve("dev/reaper"))) {
                    files.map(source::relativize).map(Path::toString).filter(name -> name.endsWith(".class"))
                            .forEach(name -> names.add(name.replace(File.separatorChar, '/')));
                }
            } else {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(source.toFile(), false)) {
                    jar.stream().map(java.util.jar.JarEntry::getName)
                            .filter(name -> name.startsWith("dev/reaper/") && name.endsWith(".class"))
                            .forEach(names::add);
                }
            }
            for (String name : names) {
                if (name.contains("-info")) {
                    continue;
                }
                try {
                    Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false,
                            loader);
                } catch (ClassNotFoundException | LinkageError optional) {
                    // links against something not on this class path (an optional integration)
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // the archive just holds less
        }
    }
}
