package dev.reaper.internal.util;

/** A daemon thread of Reaper's own, never reported as a leak of the test it works for. */
public final class ReaperThread extends Thread {

    public ReaperThread(Runnable task, String name) {
        // Nothing inherited from the test that happened to create it: no deadline, no other thread-locals.
        super(null, task, name, 0, false);
        setDaemon(true);
    }
}
