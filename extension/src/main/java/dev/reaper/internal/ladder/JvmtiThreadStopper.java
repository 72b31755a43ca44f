package dev.reaper.internal.ladder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Stops a thread with JVMTI {@code StopThread}, reached through a small JNI library
 * ({@code src/main/c/reaper_stop.c}) that the build puts next to this class as a resource.
 *
 * <p>Unlike {@code Thread.stop()} it throws the error it is given (Reaper's own type, which code that
 * catches {@code ThreadDeath} lets through) and it works on every JDK from 17 on. On JDK 21+ it also
 * stops a <em>mounted</em> virtual thread (suspend, stop, resume); an unmounted one (sleeping,
 * parked) is refused with {@code OPAQUE_FRAME}.
 *
 * <p>The library is loaded at most once per class loader, on first use: all state is static, so each
 * class loader that loads this class gets its own attempt and its own copy of the library.
 */
final class JvmtiThreadStopper implements ThreadStopper {

    @Override
    public Optional<String> unavailableReason() {
        return Library.FAILURE;
    }

    @Override
    public boolean stop(Thread target, Throwable error) {
        return stopCode(target, error) == 0;
    }

    @Override
    public String name() {
        return "JVMTI StopThread";
    }

    /**
     * The JVMTI error code of one stop attempt: 0 when the error is now pending in {@code target},
     * {@link #NOT_ATTEMPTED} when the call was not made (stopper unavailable, null argument, target is
     * the calling thread), {@code 15} (THREAD_NOT_ALIVE) for a thread not alive. Never throws.
     */
    int stopCode(Thread target, Throwable error) {
        // Stopping the calling thread would throw the error out of the native call, into our caller.
        if (Library.FAILURE.isPresent() || target == null || error == null || target == Thread.currentThread()) {
            return NOT_ATTEMPTED;
        }
        if (!target.isAlive()) {
            return THREAD_NOT_ALIVE;
        }
        try {
            return stop0(target, error);
        } catch (RuntimeException | LinkageError e) {
            return NOT_ATTEMPTED;
        }
    }

    /** Whether a running virtual thread can be stopped (the JVM granted {@code can_suspend}). */
    boolean canStopMountedVirtualThreads() {
        return Library.FAILURE.isEmpty() && canSuspend0();
    }

    /** Marks a call that never reached JVMTI; not a JVMTI code. */
    static final int NOT_ATTEMPTED = -1000;

    static final int THREAD_NOT_ALIVE = 15;

    /** A JVMTI error code (or, when negative, a JNI {@code GetEnv} code) with its name, for messages. */
    static String errorName(int code) {
        String name;
        switch (code) {
            case 0:
                name = "NONE";
                break;
            case 10:
                name = "INVALID_THREAD";
                break;
            case 13:
                name = "THREAD_NOT_SUSPENDED";
                break;
            case 14:
                name = "THREAD_SUSPENDED";
                break;
            case 15:
                name = "THREAD_NOT_ALIVE";
                break;
            case 20:
                name = "INVALID_OBJECT";
                break;
            case 32:
                name = "OPAQUE_FRAME";
                break;
            case 63:
                name = "UNSUPPORTED_VERSION";
                break;
            case 73:
                name = "UNSUPPORTED_OPERATION";
                break;
            case 98:
                name = "NOT_AVAILABLE";
                break;
            case 99:
                name = "MUST_POSSESS_CAPABILITY";
                break;
            case 100:
                name = "NULL_POINTER";
                break;
            case 110:
                name = "OUT_OF_MEMORY";
                break;
            case 112:
                name = "WRONG_PHASE";
                break;
            case 113:
                name = "INTERNAL";
                break;
            case 115:
                name = "UNATTACHED_THREAD";
                break;
            case 116:
                name = "INVALID_ENVIRONMENT";
                break;
            case -1:
                name = "JNI_ERR";
                break;
            case -2:
                name = "JNI_EDETACHED";
                break;
            case -3:
                name = "JNI_EVERSION";
                break;
            case NOT_ATTEMPTED:
                name = "NOT_ATTEMPTED";
                break;
            default:
                name = "UNKNOWN";
        }
        return code + " " + name;
    }

    /**
     * Where the build puts the library for this platform, relative to this class, or null when no
     * library is built for it (build.sh builds {@code linux-x86_64} and {@code linux-aarch64}).
     */
    static String resourceName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) {
            return null;
        }
        switch (arch) {
            case "amd64":
            case "x86_64":
                arch = "x86_64";
                break;
            case "aarch64":
            case "arm64":
                arch = "aarch64";
                break;
            default:
                return null;
        }
        return "native/linux-" + arch + "/libreaperstop.so";
    }

    /** 0, or a negative JNI GetEnv code, or a positive jvmtiError from AddCapabilities. */
    private static native int init0();

    private static native boolean canSuspend0();

    private static native int stop0(Thread target, Throwable error);

    /** Loads the library when first touched, per JVM: a JNI library loads once per class loader. */
    private static final class Library {

        /** Empty once the library is loaded and JVMTI granted {@code can_signal_thread}. */
        static final Optional<String> FAILURE = load();

        private static Optional<String> load() {
            String resource = resourceName();
            if (resource == null) {
                return Optional.of("no JNI library built for " + System.getProperty("os.name") + "/"
                        + System.getProperty("os.arch"));
            }
            Path copy = null;
            try (InputStream in = JvmtiThreadStopper.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return Optional.of("JNI library " + resource + " missing from the jar (built without gcc?)");
                }
                // A library can be loaded by one class loader per JVM only ("already loaded in another
                // classloader"): a unique copy per loader lets every loader have its own.
                copy = Files.createTempFile("reaper-stop-", ".so");
                copy.toFile().deleteOnExit();
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                System.load(copy.toAbsolutePath().toString());
            } catch (IOException | RuntimeException | LinkageError e) {
                // RuntimeException: IllegalCallerException (--illegal-native-access=deny, JDK 24+),
                // SecurityException. LinkageError: UnsatisfiedLinkError (wrong platform, noexec /tmp).
                return Optional.of("cannot load the JNI library: " + e);
            } finally {
                // Linux keeps a loaded library mapped after its file is gone; deleting now leaves no
                // temp file behind even when the JVM is halted or killed (deleteOnExit would not run).
                if (copy != null) {
                    try {
                        Files.deleteIfExists(copy);
                    } catch (IOException | RuntimeException ignored) {
                        // deleteOnExit is still registered
                    }
                }
            }
            try {
                int rc = init0();
                if (rc < 0) {
                    return Optional.of("JNI GetEnv(JVMTI_VERSION_1_2) failed: " + errorName(rc));
                }
                if (rc > 0) {
                    return Optional.of("JVMTI AddCapabilities(can_signal_thread) failed: " + errorName(rc));
                }
                return Optional.empty();
            } catch (RuntimeException | LinkageError e) {
                return Optional.of("JNI library does not match this class: " + e);
            }
        }
    }
}
