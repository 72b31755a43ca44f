package dev.reaper.internal.fork;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Warm worker JVMs. A worker is reused until it was killed, crashed or told to retire; a standby
 * starts in the background whenever one is taken, so that a replacement costs little.
 */
final class WorkerPool implements AutoCloseable {

    /** Longer than a worker's own start timeout, so that its own, clearer error comes first. */
    private static final Duration START_WAIT = Duration.ofSeconds(90);

    private final int warm;
    private final boolean reuse;
    private final List<String> jvmOptions;
    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<Worker> all = new ConcurrentLinkedDeque<>();
    private final AtomicReference<CompletableFuture<Worker>> standby = new AtomicReference<>();
    private volatile boolean closed;

    WorkerPool(int warm, boolean reuse, List<String> jvmOptions) {
        this.warm = warm;
        this.reuse = reuse;
        this.jvmOptions = List.copyOf(jvmOptions);
        // Workers must not outlive this JVM's normal exit; they watch for abnormal ends themselves.
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "reaper-worker-pool-shutdown"));
    }

    Worker lease() throws WorkerStartException {
        Worker worker;
        while ((worker = idle.pollFirst()) != null && !worker.isAlive()) {
            discard(worker); // died while idle (killed from outside, say)
        }
        if (worker == null) {
            worker = takeStandby();
        }
        startStandby();
        return worker;
    }

    void giveBack(Worker worker) {
        if (!reuse || closed || !worker.isAlive() || idle.size() >= warm) {
            retire(worker);
        } else {
            idle.addFirst(worker);
        }
    }

    void retire(Worker worker) {
        all.remove(worker);
        worker.close();
    }

    /** A worker that was killed or exited: nothing to ask it any more. */
    void discard(Worker worker) {
        all.remove(worker);
        worker.discard();
    }

    private Worker takeStandby() throws WorkerStartException {
        CompletableFuture<Worker> next = standby.getAndSet(null);
        if (next != null) {
            try {
                Worker standby = next.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (standby.isAlive()) {
                    return standby;
                }
                discard(standby);
            } catch (TimeoutException e) {
                next.thenAccept(this::retire);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof WorkerStartException failed) {
                    throw failed;
                }
                // fall through: start one here, reporting its own failure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return started(Worker.start(jvmOptions));
    }

    private void startStandby() {
        CompletableFuture<Worker> next = new CompletableFuture<>();
        if (closed || !standby.compareAndSet(null, next)) {
            return;
        }
        Thread starter = new Thread(() -> {
            try {
                next.complete(started(Worker.start(jvmOptions)));
            } catch (Throwable e) {
                next.completeExceptionally(e);
            }
        }, "reaper-worker-standby");
        starter.setDaemon(true);
        starter.start();
    }

    private Worker started(Worker worker) {
        all.add(worker);
        if (closed) {
            retire(worker);
        }
        return worker;
    }

    @Override
    public void close() {
        closed = true;
        CompletableFuture<Worker> next = standby.getAndSet(null);
        if (next != null) {
            next.thenAccept(Worker::close);
        }
        Worker worker;
        while ((worker = all.pollFirst()) != null) {
            worker.close();
        }
        idle.clear();
    }
}
