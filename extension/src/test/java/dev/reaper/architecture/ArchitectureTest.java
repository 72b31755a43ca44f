package dev.reaper.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package graph reads top-down, as ARCHITECTURE.md draws it: each layer depends only on layers below
 * it. {@code dev.reaper} is two layers: its entry point ({@code ReaperExtension}) on top, its vocabulary
 * (the annotation, enums, exceptions, {@code Deadline}) at the bottom, depending on nothing of Reaper's
 * except that {@code @Reaper} names the extension it registers.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.reaper");

    private record Layer(String name, Predicate<JavaClass> contains) {
        static Layer ofPackage(String name, String packageName) {
            return new Layer(name, type -> type.getPackageName().equals(packageName)
                    || type.getPackageName().startsWith(packageName + "."));
        }
    }

    private static final String INTERNAL = "dev.reaper.internal.";

    /** Top to bottom. */
    static final List<Layer> LAYERS = List.of(
            Layer.ofPackage("engine", INTERNAL + "engine"),
            new Layer("entry point", type -> isApi(type) && outermost(type).getSimpleName().equals("ReaperExtension")),
            Layer.ofPackage("watchdog", INTERNAL + "watchdog"),
            Layer.ofPackage("fork.parent", INTERNAL + "fork.parent"),
            Layer.ofPackage("fork.worker", INTERNAL + "fork.worker"),
            Layer.ofPackage("fork.channel", INTERNAL + "fork.channel"),
            Layer.ofPackage("run", INTERNAL + "run"),
            Layer.ofPackage("leak", INTERNAL + "leak"),
            Layer.ofPackage("ladder", INTERNAL + "ladder"),
            Layer.ofPackage("evidence", INTERNAL + "evidence"),
            Layer.ofPackage("process", INTERNAL + "process"),
            Layer.ofPackage("report", INTERNAL + "report"),
            Layer.ofPackage("config", INTERNAL + "config"),
            Layer.ofPackage("util", INTERNAL + "util"),
            new Layer("API vocabulary", type -> isApi(type)
                    && !outermost(type).getSimpleName().equals("ReaperExtension")));

    @Test
    void everyClassBelongsToExactlyOneLayer() {
        for (JavaClass type : CLASSES) {
            assertThat(LAYERS.stream().filter(layer -> layer.contains().test(type)).map(Layer::name).toList())
                    .as("the layers of %s (add its package to LAYERS and to ARCHITECTURE.md)", type.getName())
                    .hasSize(1);
        }
    }

    @Test
    void everyDependencyPointsDown() {
        TreeSet<String> upward = new TreeSet<>();
        for (JavaClass type : CLASSES) {
            int from = rank(type).orElseThrow();
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                Optional<Integer> to = rank(target);
                if (to.isPresent() && to.get() < from && !registersTheExtension(dependency)) {
                    upward.add(LAYERS.get(from).name() + " -> " + LAYERS.get(to.get()).name() + ": "
                            + dependency.getDescription());
                }
            }
        }
        assertThat(upward).as("dependencies on a layer above").isEmpty();
    }

    @Test
    void internalPackagesAreFreeOfCycles() {
        slices().matching("dev.reaper.internal.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    // @Reaper is meta-annotated @ExtendWith(ReaperExtension.class): the one way up, and what makes it work.
    private static boolean registersTheExtension(Dependency dependency) {
        return dependency.getOriginClass().getName().equals("dev.reaper.Reaper")
                && dependency.getTargetClass().getName().equals("dev.reaper.ReaperExtension");
    }

    private static Optional<Integer> rank(JavaClass type) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains().test(type)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private static boolean isApi(JavaClass type) {
        return type.getPackageName().equals("dev.reaper");
    }

    private static JavaClass outermost(JavaClass type) {
        JavaClass current = type;
        while (current.getEnclosingClass().isPresent()) {
            current = current.getEnclosingClass().get();
        }
        return current;
    }
}
