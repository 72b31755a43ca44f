package dev.reaper.internal.report;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the source file of a stack frame in the project being tested, so that an annotation points at a
 * line of the user's code: the frame's package and file name under each {@code src/<set>/<language>}
 * root of the working directory (a module's base directory under Maven and Gradle).
 */
final class SourceFiles {

    /** Frames looked at from the top of a stack; the test's own code is well within them. */
    private static final int FRAMES = 64;

    private final Path workingDirectory;
    private final Path repositoryRoot;
    private List<Path> roots;

    /**
     * @param workingDirectory where the tests run
     * @param repositoryRoot   what paths are made relative to ({@code GITHUB_WORKSPACE}), when the working
     *                         directory is inside it; else the working directory
     */
    SourceFiles(Path workingDirectory, Path repositoryRoot) {
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
        Path root = repositoryRoot == null ? null : repositoryRoot.toAbsolutePath().normalize();
        this.repositoryRoot = root != null && this.workingDirectory.startsWith(root) ? root : this.workingDirectory;
    }

    /** A source file found for one frame: the frame and its path relative to the repository root, with {@code /}. */
    record Located(StackTraceElement frame, String path) {
    }

    /** The topmost frame of {@code stack} whose source file is in the project. */
    synchronized Optional<Located> locate(StackTraceElement[] stack) {
        for (int i = 0; i < Math.min(stack.length, FRAMES); i++) {
            Optional<Path> file = find(stack[i]);
            if (file.isPresent()) {
                String relative = repositoryRoot.relativize(file.get()).toString().replace(File.separatorChar, '/');
                return Optional.of(new Located(stack[i], relative));
            }
        }
        return Optional.empty();
    }

    private Optional<Path> find(StackTraceElement frame) {
        String fileName = frame.getFileName();
        if (fileName == null || frame.getLineNumber() <= 0 || frame.getClassName().startsWith("java.")
                || frame.getClassName().startsWith("jdk.")) {
            return Optional.empty();
        }
        String className = frame.getClassName();
        int lastDot = className.lastIndexOf('.');
        String packagePath = lastDot < 0 ? "" : className.substring(0, lastDot).replace('.', '/') + "/";
        for (Path root : roots()) {
            Path candidate = root.resolve(packagePath + fileName);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate.normalize());
            }
        }
        return Optional.empty();
    }

    /** {@code src/test/java}, {@code src/main/kotlin}, {@code src/integrationTest/java}, ... */
    private List<Path> roots() {
        if (roots == null) {
            List<Path> found = new ArrayList<>();
            Path src = workingDirectory.resolve("src");
            try (var sets = Files.newDirectoryStream(src, Files::isDirectory)) {
                for (Path set : sets) {
                    try (var languages = Files.newDirectoryStream(set, Files::isDirectory)) {
                        languages.forEach(found::add);
                    }
                }
            } catch (IOException | RuntimeException noSources) {
                // no src directory here: no annotation points at a file
            }
            // Tests first: a hang is most often reported at a line of the test.
            // Judged below src only: a checkout path with "test" in it must not make every root a test root.
            found.sort(Comparator.comparing(root -> !src.relativize(root).toString().contains("test")));
            roots = found;
        }
        return roots;
    }
}
