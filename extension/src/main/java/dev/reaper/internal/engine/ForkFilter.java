package dev.reaper.internal.engine;

import java.util.Set;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Takes the classes the Reaper engine runs in fork workers out of the Jupiter engine's plan, so that
 * nothing of them runs in the test JVM. Registered with the launcher through {@code ServiceLoader}.
 */
public final class ForkFilter implements PostDiscoveryFilter {

    private static final FilterResult INCLUDED = FilterResult.included(null);
    private static final FilterResult FORKED = FilterResult.excluded("runs in a fork worker of the Reaper engine");

    /** Created by the launcher. */
    public ForkFilter() {
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        Set<UniqueId> claimed = Claims.current();
        if (claimed.isEmpty()) {
            return INCLUDED;
        }
        for (TestDescriptor current = descriptor; current != null; current = current.getParent().orElse(null)) {
            if (claimed.contains(current.getUniqueId())) {
                return FORKED;
            }
        }
        return INCLUDED;
    }
}
