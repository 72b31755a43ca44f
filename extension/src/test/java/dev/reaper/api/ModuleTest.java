package dev.reaper.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.launcher.TestExecutionListener;
import org.opentest4j.AssertionFailedError;

import dev.reaper.ReaperExtension;

/**
 * The module {@code dev.reaper} as a module-path consumer sees it: {@code dev.reaper} exported and nothing
 * else, the extension, the engine and the launcher listeners provided as services.
 */
class ModuleTest {

    @Test
    void onlyDevReaperIsExportedAndTheServicesAreProvided() throws Exception {
        ModuleLayer layer = layer();
        Module reaper = layer.findModule("dev.reaper").orElseThrow();

        assertThat(reaper.getDescriptor().exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactly("dev.reaper");
        assertThat(reaper.getPackages()).contains("dev.reaper.internal.run", "dev.reaper.internal.engine");
        assertThat(reaper.isExported("dev.reaper.internal.run")).isFalse();
        assertThat(provided(layer, Extension.class)).contains("dev.reaper.ReaperExtension");
        assertThat(provided(layer, TestEngine.class)).contains("dev.reaper.internal.engine.ReaperTestEngine");
        assertThat(provided(layer, TestExecutionListener.class)).contains("dev.reaper.internal.watchdog.RunListener");
        // The same services as on the class path, where META-INF/services registers them.
        assertThat(reaper.getDescriptor().provides()).extracting(provides -> provides.service() + " "
                + String.join(",", provides.providers())).containsExactlyInAnyOrderElementsOf(servicesFiles());
    }

    @Test
    void aConsumerCompilesAgainstTheApiButNotTheInternals(@TempDir Path dir) throws Exception {
        String api = "import dev.reaper.Reaper; import dev.reaper.ReaperExtension;\n"
                + "@Reaper(10) class UsesTheApi { ReaperExtension reaper = ReaperExtension.builder().build(); }";
        assertThat(compile(dir.resolve("api"), api)).isEmpty();

        String internal = "class UsesTheInternals { dev.reaper.internal.config.Settings settings; }";
        assertThat(compile(dir.resolve("internal"), internal))
                .contains("package dev.reaper.internal.config is not visible")
                .contains("package dev.reaper.internal.config is declared in module dev.reaper, which does not"
                        + " export it");
    }

    private static String compile(Path dir, String body) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src/consumer"));
        Files.writeString(sources.resolveSibling("module-info.java"),
                "module consumer { requires dev.reaper; requires org.junit.jupiter.api; }");
        Files.writeString(sources.resolve("Consumer.java"), "package consumer;\n" + body);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        String[] arguments = Stream.concat(
                // An empty class path: javac would otherwise take this JVM's, where the internals are visible.
                Stream.of("-d", dir.resolve("out").toString(), "-classpath", Files.createDirectories(
                        dir.resolve("empty")).toString(), "--module-path", modulePath().stream()
                                .map(Path::toString).collect(Collectors.joining(File.pathSeparator))),
                Stream.of(sources.resolveSibling("module-info.java"), sources.resolve("Consumer.java"))
                        .map(Path::toString))
                .toArray(String[]::new);
        javac.run(null, errors, errors, arguments);
        return errors.toString(StandardCharsets.UTF_8);
    }

    private static List<String> servicesFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/META-INF/services"))) {
            List<String> services = new ArrayList<>();
            for (Path file : files.toList()) {
                List<String> providers = Files.readAllLines(file).stream().map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
                services.add(file.getFileName() + " " + String.join(",", providers));
            }
            return services;
        }
    }

    private static ModuleLayer layer() throws URISyntaxException {
        ModuleFinder finder = ModuleFinder.of(modulePath().toArray(Path[]::new));
        Configuration configuration = ModuleLayer.boot().configuration().resolveAndBind(finder, ModuleFinder.of(),
                Set.of("dev.reaper", "org.junit.platform.launcher"));
        return ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }

    /** Reaper's classes and what they require, as a module-path consumer would have them. */
    private static List<Path> modulePath() {
        Stream<Class<?>> required = Stream.of(ReaperExtension.class, Extension.class, ReflectionSupport.class,
                TestEngine.class, TestExecutionListener.class, AssertionFailedError.class, API.class);
        // JUnit 6 requires JSpecify's annotations; JUnit 5 does not.
        Stream<Class<?>> jspecify = Stream.of("org.jspecify.annotations.Nullable").flatMap(name -> {
            try {
                return Stream.of(Class.forName(name));
            } catch (ClassNotFoundException notThere) {
                return Stream.empty();
            }
        });
        return Stream.concat(required, jspecify).map(ModuleTest::location).distinct().toList();
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The providers in {@code layer} of the service, whose type is the layer's own JUnit's, not this class path's. */
    private static List<String> provided(ModuleLayer layer, Class<?> service) throws ClassNotFoundException {
        ClassLoader loader = layer.findLoader("dev.reaper");
        Class<?> own = Class.forName(service.getName(), false, loader);
        return ServiceLoader.load(layer, own).stream().map(provider -> provider.type().getName()).toList();
    }
}
