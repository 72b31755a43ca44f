package dev.reaper.internal.fork.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.reaper.internal.fork.channel.Message.Ready;
import dev.reaper.testing.Blocked;

/** The parent's end: the private directory, the handshake, and what happens to peers that fail it. */
@Timeout(60)
class ChannelServerTest {

    private final List<String> log = new CopyOnWriteArrayList<>();
    private ChannelServer server;
    private final List<AutoCloseable> peers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws IOException {
        server = ChannelServer.open(log::add);
    }

    @AfterEach
    void close() {
        peers.forEach(Connection::closeQuietly);
        server.close();
    }

    @Test
    void theSocketIsInAFreshDirectoryOnlyTheOwnerCanOpenAndBothAreDeletedOnClose() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path socket = Path.of(server.address());
        Path directory = socket.getParent();

        assertThat(directory).isEqualTo(server.directory());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(socket).exists();
        assertThat(directory.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
        assertThat(server.address().getBytes(StandardCharsets.UTF_8).length).as("fits sun_path").isLessThan(100);

        server.close();

        assertThat(socket).doesNotExist();
        assertThat(directory).doesNotExist();
        server.close(); // twice is fine
    }

    @Test
    void theSecretIs32RandomBytesHandedOutAsACopy() throws IOException {
        byte[] secret = server.secret();
        assertThat(secret).hasSize(32);
        secret[0]++;
        assertThat(server.secret()).isNotEqualTo(secret);
        try (ChannelServer other = ChannelServer.open(log::add)) {
            assertThat(other.secret()).isNotEqualTo(server.secret());
            assertThat(other.address()).isNotEqualTo(server.address());
        }
    }

    @Test
    void aWorkerWithTheSecretIsAcceptedAndItsFirstMessageIsIntact() throws Exception {
        // The worker presents the secret and sends its first frame before the parent even accepts:
        // the handshake read must take exactly the handshake.
        Connection worker = track(Connection.connect(server.address(), server.secret()));
        worker.send(new Ready(4242));

        Connection parent = track(server.accept(Duration.ofSeconds(10)));

        assertThat(parent.receive()).isEqualTo(new Ready(4242));
        assertThat(log).isEmpty();
    }

    @Test
    void aPeerWithTheWrongSecretIsRefusedAndAcceptKeepsWaitingUntilItsTimeout() throws Exception {
        byte[] wrong = server.secret();
        wrong[31] ^= 1;
        Connection impostor = track(Connection.connect(server.address(), wrong));
        impostor.send(new Ready(1)); // never read as a message

        long start = System.nanoTime();
        assertThatThrownBy(() -> server.accept(Duration.ofMillis(500)))
                .isInstanceOf(TimeoutException.class)
                .hasMessageContaining(server.address());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(450),
                Duration.ofSeconds(3));
        assertThat(log).containsExactly("Reaper: refused a connection to the fork channel " + server.address()
                + ": it presented the wrong secret");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(impostor::receive)
                .as("the server hung up").isInstanceOf(java.io.EOFException.class));
    }

    @Test
    void aRefusedPeerDoesNotEndTheWaitForTheRealWorker() throws Exception {
        byte[] wrong = new byte[32];
        track(Connection.connect(server.address(), wrong));
        CompletableFuture<Connection> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                return server.accept(Duration.ofSeconds(10));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        awaitLogLines(1);
        assertThat(accepted).isNotDone();

        Connection worker = track(Connection.connect(server.address(), server.secret()));
        worker.send(new Ready(7));

        Connection parent = track(accepted.get(10, TimeUnit.SECONDS));
        assertThat(parent.receive()).isEqualTo(new Ready(7));
        assertThat(log).singleElement().asString().endsWith("it presented the wrong secret");
    }

    @Test
    void aPeerSendingGarbageIsDropped() throws Exception {
        SocketChannel peer = rawPeer();
        peer.write(ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: localhost\r\n\r\nand then some more bytes"
                .getBytes(StandardCharsets.US_ASCII)));

        assertThatThrownBy(() -> server.accept(Duration.ofMillis(300))).isInstanceOf(TimeoutException.class);

        assertThat(log).singleElement().asString()
                .endsWith("it sent garbage instead of the Reaper handshake (first bytes 47 45 54 20 2f 20 48 54)");
        assertHungUp(peer);
    }

    @Test
    void aPeerOfAnotherProtocolVersionIsDropped() throws Exception {
        SocketChannel peer = rawPeer();
        ByteBuffer handshake = MessageCodec.handshake(server.secret());
        handshake.putInt(8, 99);
        peer.write(handshake);

        assertThatThrownBy(() -> server.accept(Duration.ofMillis(300))).isInstanceOf(TimeoutException.class);

        assertThat(log).singleElement().asString()
                .endsWith("it speaks protocol version 99, this JVM speaks " + MessageCodec.VERSION
                        + " (a worker from another Reaper build?)");
    }

    @Test
    void aPeerThatHangsUpHalfWayIsDropped() throws Exception {
        SocketChannel peer = rawPeer();
        peer.write(ByteBuffer.wrap(MessageCodec.handshake(server.secret()).array(), 0, 10));
        peer.close();

        assertThatThrownBy(() -> server.accept(Duration.ofMillis(300))).isInstanceOf(TimeoutException.class);

        assertThat(log).singleElement().asString().endsWith("it closed the connection after 10 of 44 handshake bytes");
    }

    @Test
    void aSilentPeerDoesNotHoldAcceptPastItsTimeout() throws Exception {
        rawPeer(); // connects and says nothing

        long start = System.nanoTime();
        assertThatThrownBy(() -> server.accept(Duration.ofMillis(300))).isInstanceOf(TimeoutException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(log).as("still within its handshake time").isEmpty();
    }

    @Test
    void aSilentPeerDoesNotHoldUpTheRealWorker() throws Exception {
        rawPeer();
        rawPeer().write(ByteBuffer.wrap(new byte[5])); // and one that stops after 5 bytes
        Connection worker = track(Connection.connect(server.address(), server.secret()));
        worker.send(new Ready(9));

        long start = System.nanoTime();
        Connection parent = track(server.accept(Duration.ofSeconds(30)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(parent.receive()).isEqualTo(new Ready(9));
    }

    @Test
    void aSilentPeerIsDroppedWhenItsHandshakeTimeIsUp() throws Exception {
        try (ChannelServer quick = ChannelServer.open(log::add, Duration.ofMillis(200))) {
            SocketChannel silent = rawPeer(quick);
            SocketChannel partial = rawPeer(quick);
            partial.write(ByteBuffer.wrap(new byte[3]));

            assertThatThrownBy(() -> quick.accept(Duration.ofSeconds(1))).isInstanceOf(TimeoutException.class);

            assertThat(log).hasSize(2).allSatisfy(line -> assertThat(line).startsWith(
                    "Reaper: refused a connection to the fork channel " + quick.address() + ": it sent "));
            assertThat(log).anySatisfy(line -> assertThat(line).endsWith(": it sent nothing within 200 ms"))
                    .anySatisfy(
                            line -> assertThat(line).endsWith(": it sent only 3 of 44 handshake bytes within 200 ms"));
            assertHungUp(silent);
            assertHungUp(partial);
        }
    }

    @Test
    void closeEndsAWaitingAccept() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread accepting = new Thread(() -> {
            try {
                server.accept(Duration.ofMinutes(1));
                failure.complete(null);
            } catch (Exception e) {
                failure.complete(e);
            }
        });
        accepting.start();
        Blocked.awaitInSelect(accepting, ChannelServer.class, "accept");

        server.close();

        assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(() -> server.accept(Duration.ofSeconds(1))).isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void anInterruptedAcceptThrowsAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> server.accept(Duration.ofSeconds(10)))
                    .isInstanceOf(java.io.InterruptedIOException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void connectingToNoServerNamesTheAddress() {
        String address = server.directory().resolve("nobody").toString();
        assertThatThrownBy(() -> Connection.connect(address, server.secret()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot connect to Reaper's fork channel at " + address + ": ");
    }

    private SocketChannel rawPeer() throws IOException {
        return rawPeer(server);
    }

    private SocketChannel rawPeer(ChannelServer to) throws IOException {
        SocketChannel peer = SocketChannel.open(StandardProtocolFamily.UNIX);
        peers.add(peer);
        peer.connect(UnixDomainSocketAddress.of(to.address()));
        return peer;
    }

    private Connection track(Connection connection) {
        peers.add(connection);
        return connection;
    }

    private static void assertHungUp(SocketChannel peer) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            int read;
            try {
                read = peer.read(ByteBuffer.allocate(1));
            } catch (IOException e) {
                read = -1; // reset by the server: hung up too
            }
            assertThat(read).as("the server hung up").isEqualTo(-1);
        });
    }

    private void awaitLogLines(int count) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (log.size() < count && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(log).hasSize(count);
    }
}
