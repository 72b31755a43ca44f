package dev.reaper.internal.util;

/** Whether this JVM is a fork worker, where fork isolation means thread isolation and reports go to the parent. */
public final class WorkerJvm {

    /** Set by the worker's main before JUnit starts, so every layer can ask without knowing the fork code. */
    public static final String PROPERTY = "dev.reaper.worker";

    private WorkerJvm() {
    }

    public static boolean isWorker() {
        return Boolean.getBoolean(PROPERTY);
    }
}
