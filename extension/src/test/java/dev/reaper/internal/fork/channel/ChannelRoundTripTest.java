package dev.reaper.internal.fork.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.reaper.internal.fork.channel.Message.Done;
import dev.reaper.internal.fork.channel.Message.Finished;
import dev.reaper.internal.fork.channel.Message.Output;
import dev.reaper.internal.fork.channel.Message.Ready;
import dev.reaper.internal.fork.channel.Message.ReportEntry;
import dev.reaper.internal.fork.channel.Message.Run;
import dev.reaper.internal.fork.channel.Message.Shutdown;
import dev.reaper.internal.fork.channel.Message.Status;
import dev.reaper.internal.fork.channel.Message.SystemProperties;
import dev.reaper.testing.Blocked;

/** Messages over a real socket: every type, end of stream, several senders, interrupts, closing. */
@Timeout(60)
class ChannelRoundTripTest {

    private static final String ID = "[engine:junit-jupiter]/[class:com.acme.CheckoutTest]/[method:pays()]";

    private ChannelServer server;
    private Connection parent;
    private Connection worker;

    @BeforeEach
    void connect() throws Exception {
        server = ChannelServer.open(line -> {
            throw new AssertionError("unexpected refusal: " + line);
        });
        worker = Connection.connect(server.address(), server.secret());
        parent = server.accept(Duration.ofSeconds(10));
    }

    /** Whether a message has arrived that {@code connection} has not read. */
    private static boolean hasUnreadData(Connection connection) throws Exception {
        Field field = Connection.class.getDeclaredField("channel");
        field.setAccessible(true);
        SocketChannel channel = (SocketChannel) field.get(connection);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            return selector.selectNow() > 0;
        }
    }

    @AfterEach
    void close() {
        worker.close();
        parent.close();
        server.close();
    }

    @Test
    void everyMessageTypeArrivesAsSent() throws Exception {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("reaper.timeout.default", "5 s");
        configuration.put("junit.jupiter.execution.parallel.enabled", "false");
        configuration.put("empty", "");
        String longText = "ünïcödé 🐞 line\n".repeat(10_000); // well past writeUTF's 64 KB
        List<Message> toParent = List.of(
                new Ready(ProcessHandle.current().pid()),
                new Output(ID, false, "to stdout\n"),
                new Output(ID, true, longText),
                new Output(ID, false, ""),
                new ReportEntry(ID, Map.of("key", "value")),
                new ReportEntry(ID, Map.of()),
                new Finished(ID, "pays()", Status.SUCCESSFUL, null),
                new Finished(ID, "pays()", Status.FAILED, ThrowableData.of(new IllegalStateException("bad"))),
                new Finished(ID, "pays()", Status.ABORTED, null),
                new Finished(ID, "pays()", Status.SKIPPED, null),
                new Done(ID));
        List<Message> toWorker = List.of(new SystemProperties(Map.of("basedir", "/build/app"), List.of()),
                new Run(ID, configuration), new SystemProperties(Map.of(), List.of("basedir")), new Run(ID, Map.of()),
                new Shutdown());

        // From other threads: more than the socket buffers hold is on its way before anything is read.
        CompletableFuture<Void> workerSent = sendAll(worker, toParent);
        CompletableFuture<Void> parentSent = sendAll(parent, toWorker);

        for (Message message : toParent) {
            assertThat(parent.receive()).isEqualTo(message);
        }
        for (Message message : toWorker) {
            assertThat(worker.receive()).isEqualTo(message);
        }
        workerSent.get(10, TimeUnit.SECONDS);
        parentSent.get(10, TimeUnit.SECONDS);
        Run run = (Run) toWorker.get(1);
        assertThat(run.configuration()).containsExactlyEntriesOf(configuration);
    }

    @Test
    void aPeerThatClosesIsAnEndOfStream() throws Exception {
        worker.send(new Done(ID));
        worker.close();

        assertThat(parent.receive()).isEqualTo(new Done(ID));
        assertThatThrownBy(parent::receive).isInstanceOf(EOFException.class)
                .hasMessage("the peer closed the connection");
    }

    @Test
    void aPeerThatLeavesWithUnreadMessagesIsAnEndOfStreamToo() throws Exception {
        // Unix sockets report "connection reset" when the closing side had unread data: still a peer gone.
        parent.send(new Run(ID, Map.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> hasUnreadData(worker));
        worker.close();

        assertThatThrownBy(parent::receive).isInstanceOf(EOFException.class);
    }

    @Test
    void sendingToAPeerThatIsGoneFails() throws Exception {
        worker.close();

        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                parent.send(new Output(ID, false, "x".repeat(10_000)));
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void severalThreadsSendingAtOnceKeepEveryFrameWhole() throws Exception {
        int threads = 8;
        int perThread = 400;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String thread = "t" + t;
                senders.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        worker.send(new Output(thread, i % 2 == 0, payload(thread, i)));
                    }
                    return null;
                }));
            }
            // The parent talks back at the same time: a send must never wait for a receive.
            Future<?> parentSends = pool.submit(() -> {
                go.await();
                for (int i = 0; i < 200; i++) {
                    parent.send(new Output("parent", false, payload("parent", i)));
                }
                return null;
            });
            go.countDown();

            int[] next = new int[threads];
            for (int n = 0; n < threads * perThread; n++) {
                Output output = (Output) parent.receive();
                int t = Integer.parseInt(output.uniqueId().substring(1));
                int i = next[t]++;
                assertThat(output.text()).as("message %d of %s", i, output.uniqueId())
                        .isEqualTo(payload(output.uniqueId(), i));
                assertThat(output.stderr()).isEqualTo(i % 2 == 0);
            }
            for (int i = 0; i < 200; i++) {
                assertThat(((Output) worker.receive()).text()).isEqualTo(payload("parent", i));
            }
            for (Future<?> sender : senders) {
                sender.get(10, TimeUnit.SECONDS);
            }
            parentSends.get(10, TimeUnit.SECONDS);
            assertThat(next).containsOnly(perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInterruptedSenderStillSendsKeepsItsInterruptAndLeavesTheConnectionOpen() throws Exception {
        Thread.currentThread().interrupt();
        try {
            worker.send(new Output(ID, false, "written by an interrupted test"));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }

        worker.send(new Done(ID));
        assertThat(parent.receive()).isEqualTo(new Output(ID, false, "written by an interrupted test"));
        assertThat(parent.receive()).isEqualTo(new Done(ID));
    }

    @Test
    void aSenderInterruptedOverAndOverWhileThePeerIsNotReadingFinishes() throws Exception {
        // 32 MB fills every socket buffer, so the sender has to wait for the peer and is interrupted there.
        String big = "y".repeat(1 << 20);
        CompletableFuture<Boolean> sent = new CompletableFuture<>();
        Thread sender = new Thread(() -> {
            try {
                for (int i = 0; i < 32; i++) {
                    worker.send(new Output(ID, false, big));
                }
                sent.complete(Thread.currentThread().isInterrupted());
            } catch (Throwable e) {
                sent.completeExceptionally(e);
            }
        });
        sender.start();
        for (int i = 0; i < 20; i++) {
            // Each interrupt only once the sender has taken the last one off and waits for the peer again.
            await().atMost(Duration.ofSeconds(20)).until(() -> !sender.isInterrupted() || sent.isDone());
            Blocked.awaitInSelect(sender, Connection.class, "send");
            sender.interrupt();
        }
        Blocked.awaitInSelect(sender, Connection.class, "send");
        assertThat(sent).as("still waiting for the peer after 20 interrupts").isNotDone();

        for (int i = 0; i < 32; i++) {
            assertThat(((Output) parent.receive()).text()).hasSize(big.length());
        }
        assertThat(sent.get(10, TimeUnit.SECONDS)).as("interrupt status kept").isTrue();
        worker.send(new Done(ID));
        assertThat(parent.receive()).isEqualTo(new Done(ID));
    }

    @Test
    void anInterruptedReceiverGetsAnInterruptedIOExceptionAndTheConnectionStaysUsable() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread receiver = new Thread(() -> {
            try {
                parent.receive();
                failure.complete(null);
            } catch (Throwable e) {
                failure.complete(Thread.currentThread().isInterrupted() ? e : new AssertionError("interrupt lost", e));
            }
        });
        receiver.start();
        Blocked.awaitInSelect(receiver, Connection.class, "receive");
        receiver.interrupt();

        assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedIOException.class);
        worker.send(new Done(ID));
        assertThat(parent.receive()).isEqualTo(new Done(ID));
        parent.send(new Shutdown());
        assertThat(worker.receive()).isEqualTo(new Shutdown());
    }

    @Test
    void closingWakesAThreadBlockedInReceive() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread receiver = new Thread(() -> {
            try {
                parent.receive();
                failure.complete(null);
            } catch (Throwable e) {
                failure.complete(e);
            }
        });
        receiver.start();
        Blocked.awaitInSelect(receiver, Connection.class, "receive");

        parent.close();

        assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(parent::receive).isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(worker::receive).as("the worker sees the parent go").isInstanceOf(EOFException.class);
    }

    @Test
    void roundTripLatencyOfASmallMessage() throws Exception {
        Thread echo = new Thread(() -> {
            try {
                while (worker.receive() instanceof Run run) {
                    worker.send(new Done(run.id()));
                }
            } catch (IOException e) {
                // the parent closed
            }
        });
        echo.setDaemon(true);
        echo.start();
        Run run = new Run(ID, Map.of());
        for (int i = 0; i < 5_000; i++) { // warm up
            parent.send(run);
            parent.receive();
        }
        long[] nanos = new long[20_000];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            parent.send(run);
            assertThat(parent.receive()).isInstanceOf(Done.class);
            nanos[i] = System.nanoTime() - start;
        }
        parent.send(new Shutdown());
        Arrays.sort(nanos);
        System.out.printf("fork channel round trip (Run -> Done, %d times, %s): median %.1f µs, p99 %.1f µs%n",
                nanos.length, Runtime.version(), nanos[nanos.length / 2] / 1e3, nanos[nanos.length * 99 / 100] / 1e3);
        assertThat(Duration.ofNanos(nanos[nanos.length / 2])).isLessThan(Duration.ofMillis(50));
    }

    private static CompletableFuture<Void> sendAll(Connection connection, List<Message> messages) {
        return CompletableFuture.runAsync(() -> {
            try {
                for (Message message : messages) {
                    connection.send(message);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String payload(String thread, int i) {
        // Sizes from a few bytes to 200 KB, so frames are split over several writes and reads.
        int size = (i * 7919 % 50) * (i % 10 == 0 ? 4096 : 16);
        return thread + ":" + i + ":" + String.valueOf((char) ('a' + i % 26)).repeat(size);
    }
}
