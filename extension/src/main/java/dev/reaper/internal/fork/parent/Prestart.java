package dev.reaper.internal.fork.parent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.reaper.internal.config.ClassDataSharing;
import dev.reaper.internal.process.OwnProcesses;

/**
 * Workers started while the launcher is still discovering, so that their JVM start overlaps the rest
 * of discovery and the Jupiter engine's run; the Reaper engine run that follows adopts them. Held per
 * JVM because discovery and execution are separate calls with nothing in between to carry them; one
 * that no run adopts (a discovery without execution, as an IDE's) is closed after a while, and a worker
 * ends by itself with its parent.
 */
final class Prestart {

    private static final Duration UNCLAIMED = Duration.ofMinutes(2);

    private record Pending(List<String> jvmOptions, ClassDataSharing cds, CompletableFuture<Worker> worker) {

        boolean fits(List<String> options, ClassDataSharing sharing) {
            return jvmOptions.equals(options) && cds == sharing;
        }
    }

    /**
     * Per JVM: a worker is a child of this JVM, started at one launcher session's discovery for the
     * execution that follows, which {@code LauncherFactory.create()} runs in a session of its own.
     */
    private static final List<Pending> PENDING = new ArrayList<>();

    private Prestart() {
    }

    /** Starts workers in the background until {@code count} with these options are pending. */
    static synchronized void start(List<String> jvmOptions, ClassDataSharing cds, int count, OwnProcesses own) {
        long pending = PENDING.stream().filter(each -> each.fits(jvmOptions, cds)).count();
        for (long i = pending; i < count; i++) {
            CompletableFuture<Worker> worker = new CompletableFuture<>();
            PENDING.add(new Pending(List.copyOf(jvmOptions), cds, worker));
            Thread starter = new Thread(() -> {
                try {
                    worker.complete(Worker.start(jvmOptions, cds, own));
                } catch (Throwable e) {
                    worker.completeExceptionally(e);
                }
            }, "reaper-worker-prestart");
            starter.setDaemon(true);
            starter.start();
            Thread expiry = new Thread(() -> expire(worker), "reaper-worker-prestart-expiry");
            expiry.setDaemon(true);
            expiry.start();
        }
    }

    /** The pending workers with these options, for a pool to adopt. */
    static synchronized List<CompletableFuture<Worker>> take(List<String> jvmOptions, ClassDataSharing cds) {
        List<CompletableFuture<Worker>> taken = new ArrayList<>();
        for (Iterator<Pending> each = PENDING.iterator(); each.hasNext();) {
            Pending pending = each.next();
            if (pending.fits(jvmOptions, cds)) {
                taken.add(pending.worker());
                each.remove();
            }
        }
        return taken;
    }

    private static void expire(CompletableFuture<Worker> worker) {
        try {
            Thread.sleep(UNCLAIMED.toMillis());
        } catch (InterruptedException e) {
            return;
        }
        boolean unclaimed;
        synchronized (Prestart.class) {
            unclaimed = PENDING.removeIf(pending -> pending.worker() == worker);
        }
        if (unclaimed) {
            worker.thenAccept(Worker::close);
        }
    }
}
