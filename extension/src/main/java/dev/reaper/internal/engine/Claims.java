package dev.reaper.internal.engine;

import java.util.Set;

import org.junit.platform.engine.UniqueId;

/**
 * The Jupiter classes the Reaper engine took over in the discovery under way on this thread, for
 * {@link ForkFilter} to take out of Jupiter's plan. The launcher discovers every engine, then applies
 * the filters, on one thread; {@link ClaimsReset} forgets them when the discovery ends.
 */
final class Claims {

    /**
     * Per discovery, not per JVM: the engine and the filter are instances the launcher creates apart, and
     * the thread of the discovery under way is all they share ({@link ClaimsReset} scopes it).
     */
    private static final ThreadLocal<Set<UniqueId>> CURRENT = ThreadLocal.withInitial(Set::of);

    private Claims() {
    }

    static void set(Set<UniqueId> jupiterClasses) {
        CURRENT.set(Set.copyOf(jupiterClasses));
    }

    static Set<UniqueId> current() {
        return CURRENT.get();
    }

    static void clear() {
        CURRENT.remove();
    }
}
