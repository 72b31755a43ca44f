package com.example.orders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a test: records which JVM ran a test class, for verify.groovy, in
 * target/jvm/<run>/<class>.properties: its pid, its main command (Surefire's booter jar, or Reaper's
 * worker) and its parent's pid and command line.
 */
final class Jvm {

    private Jvm() {
    }

    static void record(Class<?> testClass) {
        String run = System.getProperty("reports.run", "unknown");
        ProcessHandle self = ProcessHandle.current();
        ProcessHandle parent = self.parent().orElse(null);
        String text = "pid=" + self.pid() + "\n"
                + "command=" + escape(System.getProperty("sun.java.command", "")) + "\n"
                + "parentPid=" + (parent == null ? "" : parent.pid()) + "\n"
                + "parentCommand=" + escape(parent == null ? "" : parent.info().commandLine().orElse("")) + "\n";
        try {
            Path dir = Files.createDirectories(Path.of("target", "jvm", run));
            Files.writeString(dir.resolve(testClass.getName() + ".properties"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", " ");
    }
}
