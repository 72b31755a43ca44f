package dev.reaper.internal.leak;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which watches ran at the same time as an unrelated one. The before/after snapshot ("created while
 * the test ran") only means "created by the test" when nothing else ran: under parallel execution a
 * thread created during a test may be its neighbour's. A watch whose window overlapped an unrelated
 * one blames only what is in its own thread groups; what the snapshot would have found is left to an
 * enclosing class that ran alone (see {@link TestWatch}).
 *
 * <p>A class and its own tests are related (one contains the other), so nesting is not overlap.
 */
final class Overlaps {

    /** Per JVM: a watch's snapshot sees every thread of the JVM, so any watch open in it, of any run, overlaps. */
    private static final Set<Window> OPEN = ConcurrentHashMap.newKeySet();

    private Overlaps() {
    }

    static Window open(String uniqueId) {
        Window window = new Window(uniqueId);
        // Added before looking, so of two windows opening at once at least one sees the other.
        OPEN.add(window);
        for (Window other : OPEN) {
            if (other != window && !window.isRelatedTo(other)) {
                other.overlapped = true;
                window.overlapped = true;
            }
        }
        return window;
    }

    /** The time one test (or class) is watched, from its first invocation to the end of its scan. */
    static final class Window {

        private final String uniqueId;
        private volatile boolean overlapped;

        private Window(String uniqueId) {
            this.uniqueId = uniqueId;
        }

        /** Whether no unrelated watch was open at any time while this one was. */
        boolean ranAlone() {
            return !overlapped;
        }

        void close() {
            OPEN.remove(this);
        }

        private boolean isRelatedTo(Window other) {
            return contains(uniqueId, other.uniqueId) || contains(other.uniqueId, uniqueId);
        }

        private static boolean contains(String outer, String inner) {
            return inner.length() > outer.length() && inner.startsWith(outer) && inner.charAt(outer.length()) == '/';
        }
    }
}
