package com.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes what the test JVM got from the argLine, for verify.groovy. */
final class JvmFacts {

    private JvmFacts() {
    }

    static void write(String plugin) {
        String facts = "argline=" + System.getProperty("warehouse.argline") + "\n"
                + "maxMemoryMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "\n";
        try {
            Files.writeString(Path.of("target", "jvm-" + plugin + ".properties"), facts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
