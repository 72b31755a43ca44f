package dev.reaper.internal.engine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

import dev.reaper.internal.fork.parent.ForkRunner;
import dev.reaper.internal.watchdog.ReaperRun;

/**
 * Runs fork-isolated test classes: discovers them with the Jupiter engine's own discovery, takes them out
 * of Jupiter's plan ({@link ForkFilter}), and runs each class once, in a worker JVM, reporting what
 * happens there as it happens. Registered through {@code ServiceLoader}: adding Reaper is enough.
 */
public final class ReaperTestEngine implements TestEngine {

    public static final String ID = "reaper";

    /** Created by the launcher. */
    public ReaperTestEngine() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.reaper");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("reaper-junit");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor root = new EngineDescriptor(uniqueId, "Reaper (fork isolation)");
        if (uniqueId.getSegments().size() > 1) {
            // Inside another engine's discovery (a @Suite), which applies no post-discovery filter: a class
            // claimed here would run twice. The Jupiter engine runs it there, test by test.
            return root;
        }
        ReaperRun run = ReaperRun.current();
        Optional<ForkedClasses> forked = ForkedClasses.of(request.getConfigurationParameters(), run.launcherKeys(),
                false);
        if (forked.isEmpty()) {
            Claims.set(Set.of());
            return root;
        }
        boolean speculative = forked.get().forksEveryClass();
        if (speculative) {
            // Every class found will fork: the first worker starts before Jupiter's discovery, beside it.
            ForkRunner.prestart(forked.get().settings(), 1, run.workerProcesses());
        }
        Set<UniqueId> claimed = new LinkedHashSet<>();
        List<UniqueId> selected = selectedByIdAlone(request);
        Optional<TestDescriptor> jupiter;
        try {
            jupiter = JupiterDiscovery.discover(request);
        } catch (RuntimeException | LinkageError failed) {
            // The Jupiter engine's own discovery fails the same way and reports it; its classes stay there.
            jupiter = Optional.empty();
        }
        jupiter.ifPresent(tests -> {
            for (TestDescriptor child : tests.getChildren()) {
                if (isForked(child, forked.get())) {
                    claimed.add(child.getUniqueId());
                    root.addChild(MirroredDescriptor.mirror(child, uniqueId, selected));
                }
            }
        });
        Claims.set(claimed);
        if (!claimed.isEmpty()) {
            ForkRunner.prestart(forked.get().settings(), claimed.size(), run.workerProcesses());
        } else if (speculative) {
            ForkRunner.cancelPrestart(forked.get().settings());
        }
        return root;
    }

    /**
     * The unique IDs a request selects, as Jupiter's, when it selects by unique ID alone (Surefire's rerun
     * of failed tests, an IDE's rerun): they may name single invocations and dynamic tests. Empty when
     * other selectors may select whole tests too.
     */
    private static List<UniqueId> selectedByIdAlone(EngineDiscoveryRequest request) {
        List<UniqueIdSelector> byId = request.getSelectorsByType(UniqueIdSelector.class);
        if (byId.isEmpty() || byId.size() != request.getSelectorsByType(DiscoverySelector.class).size()) {
            return List.of();
        }
        return byId.stream().map(UniqueIdSelector::getUniqueId)
                .map(id -> id.getEngineId().filter(ID::equals).isPresent() ? MirroredDescriptor.toJupiter(id) : id)
                .toList();
    }

    private static boolean isForked(TestDescriptor jupiterClass, ForkedClasses forked) {
        return jupiterClass.getSource().filter(ClassSource.class::isInstance).map(ClassSource.class::cast)
                .map(source -> {
                    try {
                        return forked.isForked(source.getJavaClass());
                    } catch (RuntimeException | LinkageError unloadable) {
                        return false; // Jupiter reports it
                    }
                }).orElse(false);
    }

    @Override
    public void execute(ExecutionRequest request) {
        new ForkExecution(request, ReaperRun.current()).run();
    }
}
