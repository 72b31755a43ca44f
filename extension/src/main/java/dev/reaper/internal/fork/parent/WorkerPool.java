package dev.reaper.internal.fork.parent;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;

import dev.reaper.internal.config.ClassDataSharing;
import dev.reaper.internal.process.OwnProcesses;

/**
 * The worker JVMs of one run, at most {@code size} of them busy at once. A worker is reused until it
 * was killed, crashed or told to retire; one whose test it could not end is abandoned (it holds no
 * place any more) and closed with the pool.
 */
final class WorkerPool implements AutoCloseable {

    private final Semaphore places;
    private final boolean reuse;
    private final List<String> jvmOptions;
    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<Worker> all = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<CompletableFuture<Worker>> prestarted = new ConcurrentLinkedDeque<>();
    private final Thread closeOnExit = new Thread(this::close, "reaper-worker-pool-shutdown");
    private volatile boolean closed;

    private final ClassDataSharing cds;
    private final OwnProcesses own;

    WorkerPool(int size, boolean reuse, List<String> jvmOptions, ClassDataSharing cds, OwnProcesses own) {
        this.cds = cds;
        this.own = own;
        this.places = new Semaphore(size, true);
        this.reuse = reuse;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.prestarted.addAll(Prestart.take(this.jvmOptions, cds));
        // Workers must not outlive this JVM's normal exit; they watch for abnormal ends themselves.
        Runtime.getRuntime().addShutdownHook(closeOnExit);
    }

    /** Waits for a place, then takes an idle worker or starts one. */
    Worker lease() throws WorkerStartException, InterruptedException {
        places.acquire();
        try {
            Worker worker;
            while ((worker = idle.pollFirst()) != null) {
                if (worker.isAlive()) {
                    return worker;
                }
                all.remove(worker);
                worker.discard(); // died while idle (killed from outside, say)
            }
            worker = prestartedOrNew();
            all.add(worker);
            if (closed) {
                worker.close();
                throw new WorkerStartException("the run ended while the worker JVM started", List.of(), "");
            }
            return worker;
        } catch (RuntimeException | Error e) {
            places.release();
            throw e;
        }
    }

    /** One started during discovery, when there is one that started well; else a new one, which says what fails. */
    private Worker prestartedOrNew() throws InterruptedException {
        CompletableFuture<Worker> next;
        while ((next = prestarted.pollFirst()) != null) {
            try {
                Worker worker = next.get();
                if (worker.isAlive()) {
                    return worker;
                }
                worker.discard();
            } catch (ExecutionException failedToStart) {
                break;
            }
        }
        return Worker.start(jvmOptions, cds, own);
    }

    void giveBack(Worker worker) {
        if (!reuse || closed || !worker.isAlive()) {
            all.remove(worker);
            worker.close();
        } else {
            idle.addFirst(worker);
        }
        places.release();
    }

    /** Asked to retire: closed now, its place free. */
    void retire(Worker worker) {
        all.remove(worker);
        worker.close();
        places.release();
    }

    /** Killed or exited: nothing to ask it any more. */
    void discard(Worker worker) {
        all.remove(worker);
        worker.discard();
        places.release();
    }

    /** Holds a thread that could not be stopped and was not to be killed: no more tests, closed with the pool. */
    void abandon(Worker worker) {
        places.release();
    }

    @Override
    public void close() {
        closed = true;
        CompletableFuture<Worker> unused;
        while ((unused = prestarted.pollFirst()) != null) {
            unused.thenAccept(Worker::close);
        }
        Worker worker;
        while ((worker = all.pollFirst()) != null) {
            worker.close();
        }
        idle.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(closeOnExit);
        } catch (IllegalStateException shuttingDown) {
            // this is the hook
        }
    }
}
