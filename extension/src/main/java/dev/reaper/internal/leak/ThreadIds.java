package dev.reaper.internal.leak;

/**
 * Thread ids only grow (a counter on JDK 17, {@code ThreadIdentifiers} from 19 on) and virtual threads
 * draw from the same sequence, so "created after the test began" is one comparison: the id is above
 * the mark taken when it began. This is what keeps the before/after snapshot free of any set or
 * copy: the "before" is one number.
 */
final class ThreadIds {

    private ThreadIds() {
    }

    /**
     * An id no thread created before this call has, and every thread created after it exceeds: the id
     * of a thread created for the purpose and never started (about half a microsecond; not copying
     * inheritable thread-locals, and garbage at once).
     */
    static long mark() {
        return new Thread(null, null, "reaper-id-mark", 0, false).getId();
    }
}
