package dev.reaper.internal.leak;

import java.security.AccessController;
import java.security.PrivilegedAction;

/**
 * Thread ids only grow (a counter on JDK 17, {@code ThreadIdentifiers} from 19 on) and virtual threads
 * draw from the same sequence, so "created after the test began" is one comparison: the id is above
 * the mark taken when it began. This is what keeps the before/after snapshot free of any set or
 * copy: the "before" is one number.
 */
final class ThreadIds {

    /** Where {@code doPrivileged} still does something; later JDKs may remove it, so only then is it touched. */
    private static final boolean CAPTURES_CONTEXT = Runtime.version().feature() < 24;

    private ThreadIds() {
    }

    /**
     * An id no thread created before this call has, and every thread created after it exceeds: the id
     * of a thread created for the purpose and never started (cheap: not copying inheritable
     * thread-locals, and garbage at once).
     *
     * <p>Inside {@code doPrivileged} because up to JDK 23 the constructor captures the caller's access
     * control context, a native walk of the whole stack collecting each frame's protection domain: under
     * JUnit (a hundred frames or more, from several jars) that walk was most of the mark and most of
     * what leak detection added to a trivial test (BENCHMARKS.md). {@code doPrivileged} stops the walk
     * at its own frame, whatever the depth. The
     * id is the same; the captured context belongs to a thread that never starts. From JDK 24 on,
     * {@code doPrivileged} just runs the action.
     */
    static long mark() {
        return CAPTURES_CONTEXT ? Privileged.mark() : newThreadId();
    }

    private static long newThreadId() {
        return new Thread(null, null, "reaper-id-mark", 0, false).getId();
    }

    /** A class of its own: {@code AccessController} is only linked on a JDK that has a use for it. */
    private static final class Privileged {

        private static final PrivilegedAction<Long> ID_MARK = ThreadIds::newThreadId;

        @SuppressWarnings("removal") // AccessController: deprecated for removal, present up to JDK 25 at least
        static long mark() {
            return AccessController.doPrivileged(ID_MARK);
        }
    }
}
