package dev.reaper.internal.engine;

import java.util.List;
import java.util.Set;

import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/**
 * A Jupiter test or container that runs in a fork worker, as the test JVM reports it: the same display
 * name, source, tags, type and legacy name, under the Reaper engine's ID. Build tools and IDEs see the
 * classes and methods they would see without fork isolation.
 */
final class MirroredDescriptor extends AbstractTestDescriptor {

    static final String JUPITER = "junit-jupiter";

    private final UniqueId jupiterId;
    private final Type type;
    private final Set<TestTag> tags;
    private final String legacyName;
    private final boolean mayRegisterTests;
    private List<UniqueId> selectedBelow = List.of();

    MirroredDescriptor(UniqueId uniqueId, UniqueId jupiterId, String displayName, TestSource source, Type type,
            Set<TestTag> tags, String legacyName, boolean mayRegisterTests) {
        super(uniqueId, displayName, source);
        this.jupiterId = jupiterId;
        this.type = type;
        this.tags = Set.copyOf(tags);
        this.legacyName = legacyName;
        this.mayRegisterTests = mayRegisterTests;
    }

    /**
     * {@code jupiter} and its descendants, below the Reaper engine's {@code root}. {@code selected}: the
     * Jupiter IDs the request selected, when it selected by unique ID alone (else empty).
     */
    static MirroredDescriptor mirror(TestDescriptor jupiter, UniqueId root, List<UniqueId> selected) {
        MirroredDescriptor mirror = new MirroredDescriptor(toReaper(jupiter.getUniqueId(), root),
                jupiter.getUniqueId(), jupiter.getDisplayName(), jupiter.getSource().orElse(null), jupiter.getType(),
                jupiter.getTags(), jupiter.getLegacyReportingName(), jupiter.mayRegisterTests());
        UniqueId id = jupiter.getUniqueId();
        if (jupiter.mayRegisterTests() && selected.stream().noneMatch(id::hasPrefix)) {
            // Selected only in part (a rerun of one invocation or dynamic test): the worker runs that part.
            mirror.selectedBelow = selected.stream().filter(below -> below.hasPrefix(id)).toList();
        }
        for (TestDescriptor child : jupiter.getChildren()) {
            mirror.addChild(mirror(child, root, selected));
        }
        return mirror;
    }

    /** {@code [engine:junit-jupiter]/[class:A]/...} becomes {@code [engine:reaper]/[class:A]/...}. */
    static UniqueId toReaper(UniqueId jupiter, UniqueId root) {
        UniqueId id = root;
        for (UniqueId.Segment segment : jupiter.getSegments().subList(1, jupiter.getSegments().size())) {
            id = id.append(segment);
        }
        return id;
    }

    /**
     * {@code [engine:reaper]/[class:A]/...}, as an IDE reruns it, becomes {@code [engine:junit-jupiter]/[class:A]/...}.
     */
    static UniqueId toJupiter(UniqueId reaper) {
        UniqueId id = UniqueId.forEngine(JUPITER);
        for (UniqueId.Segment segment : reaper.getSegments().subList(1, reaper.getSegments().size())) {
            id = id.append(segment);
        }
        return id;
    }

    /** The ID the worker's Jupiter engine knows it by. */
    UniqueId jupiterId() {
        return jupiterId;
    }

    /**
     * What the worker selects to run this: its ID, or the dynamic tests and invocations below it that the
     * request selected by theirs (then, as Jupiter does, the others do not run).
     */
    List<UniqueId> workerSelection() {
        return selectedBelow.isEmpty() ? List.of(jupiterId) : selectedBelow;
    }

    @Override
    public Type getType() {
        return type;
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }

    @Override
    public String getLegacyReportingName() {
        return legacyName;
    }

    @Override
    public boolean mayRegisterTests() {
        return mayRegisterTests;
    }
}
