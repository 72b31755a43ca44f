package dev.reaper.internal.fork.channel;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The parent's end of the fork channel: a Unix domain socket in a fresh directory only the owner can
 * open, and a random secret a worker must present before anything it sends is read as a message.
 * The directory keeps other users out; the secret, handed to the worker on its stdin and never on
 * its command line (other users can read {@code /proc/<pid>/cmdline}), keeps out processes of the
 * same user that were not started for this run.
 *
 * <p>Handshakes are read with a selector, all pending peers at once, so a peer that connects and
 * says nothing holds up neither the real worker nor {@link #accept} beyond its timeout.
 */
public final class ChannelServer implements AutoCloseable {

    /** How long a connected peer has to present the handshake before it is dropped. */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /** Longer waits are this one (146 years), which keeps the arithmetic on nanoTime from overflowing. */
    private static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE / 2);

    /** The kernel's sun_path holds 108 bytes on Linux and 104 on macOS, the terminating NUL included. */
    private static final int MAX_SOCKET_PATH_BYTES = 100;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    /** Per JVM, stateless for its callers: one seeded generator serves every channel's secret. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final Path socket;
    private final byte[] secret;
    private final ServerSocketChannel server;
    private final Selector selector; // guarded by lock
    private final Consumer<String> log;
    private final Duration handshakeTimeout;
    private volatile boolean closed;
    /** Not {@code this}, which code holding a server could lock and so block {@link #accept} or {@link #close}. */
    private final Object lock = new Object();

    private ChannelServer(Path directory, Consumer<String> log, Duration handshakeTimeout) throws IOException {
        this.directory = directory;
        this.socket = directory.resolve("s");
        this.log = log;
        this.handshakeTimeout = handshakeTimeout;
        this.secret = new byte[MessageCodec.SECRET_BYTES];
        RANDOM.nextBytes(secret);
        ServerSocketChannel channel = null;
        Selector opened = null;
        try {
            channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            channel.bind(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            opened = Selector.open();
            channel.register(opened, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            Connection.closeQuietly(opened);
            Connection.closeQuietly(channel);
            deleteQuietly();
            throw e;
        }
        this.server = channel;
        this.selector = opened;
    }

    /** Opens a channel that reports refused peers on standard error. */
    public static ChannelServer open() throws IOException {
        return open(System.err::println);
    }

    /** @param log takes one line for each peer that is refused, saying why */
    public static ChannelServer open(Consumer<String> log) throws IOException {
        return open(log, HANDSHAKE_TIMEOUT);
    }

    public static ChannelServer open(Consumer<String> log, Duration handshakeTimeout) throws IOException {
        return new ChannelServer(createDirectory(), log, handshakeTimeout);
    }

    /** The socket's path, for the worker's command line. */
    public String address() {
        return socket.toString();
    }

    /** The secret the worker must present; give it to the worker on its stdin. */
    public byte[] secret() {
        return secret.clone();
    }

    /** The directory holding the socket. */
    Path directory() {
        return directory;
    }

    /**
     * Waits up to {@code timeout} for a peer that presents the secret. A peer that sends anything else,
     * closes early, or stays silent past the handshake timeout is dropped with one line to the log,
     * and the wait goes on.
     *
     * @throws TimeoutException       when no peer presented the secret in time
     * @throws InterruptedIOException when the thread is interrupted (its interrupt status stays set)
     * @throws ClosedChannelException  when this server is or gets closed
     */
    public Connection accept(Duration timeout) throws IOException, TimeoutException {
        synchronized (lock) {
            return acceptLocked(timeout);
        }
    }

    private Connection acceptLocked(Duration timeout) throws IOException, TimeoutException {
        long deadline = System.nanoTime() + (timeout.compareTo(FOREVER) > 0 ? FOREVER.toNanos() : timeout.toNanos());
        while (true) {
            ensureOpen();
            try {
                Connection connection = handleReadyKeys();
                if (connection != null) {
                    return connection;
                }
                long now = System.nanoTime();
                long nextExpiry = dropSilentPeers(now);
                if (now - deadline >= 0) {
                    throw new TimeoutException("no worker presented the secret on " + socket + " within " + timeout);
                }
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for a worker on " + socket);
                }
                long waitNanos = Math.min(deadline - now, nextExpiry - now);
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)));
            } catch (ClosedSelectorException e) {
                throw new AsynchronousCloseException();
            }
        }
    }

    /** Stops listening and deletes the socket and its directory; connections already accepted stay open. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup(); // an accept in progress sees the flag and lets go of the lock
        synchronized (lock) {
            if (selector.isOpen()) {
                for (SelectionKey key : selector.keys()) {
                    Connection.closeQuietly(key.channel()); // the server and peers still in their handshake
                }
                Connection.closeQuietly(selector);
            }
            Connection.closeQuietly(server);
            deleteQuietly();
        }
    }

    private Connection handleReadyKeys() throws IOException {
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
            SelectionKey key = ready.next();
            ready.remove();
            if (!key.isValid()) {
                continue;
            }
            if (key.isAcceptable()) {
                acceptPeers();
            } else if (key.isReadable()) {
                SocketChannel channel = readHandshake(key);
                if (channel != null) {
                    key.cancel();
                    // Completes the deregistration now, so the connection's close later closes the socket
                    // at once instead of at this selector's next select.
                    selector.selectNow();
                    return new Connection(channel);
                }
            }
        }
        return null;
    }

    private void acceptPeers() throws IOException {
        SocketChannel peer;
        while ((peer = server.accept()) != null) {
            try {
                peer.configureBlocking(false);
                peer.register(selector, SelectionKey.OP_READ, new Peer(System.nanoTime() + handshakeTimeout.toNanos()));
            } catch (IOException e) {
                Connection.closeQuietly(peer);
                log.accept(refusal("its connection failed at once: " + e.getMessage()));
            }
        }
    }

    /** @return the peer's channel once it presented the right handshake, else null */
    private SocketChannel readHandshake(SelectionKey key) {
        Peer peer = (Peer) key.attachment();
        SocketChannel channel = (SocketChannel) key.channel();
        int read;
        try {
            read = channel.read(peer.handshake); // exactly the handshake: what follows is the worker's first frame
        } catch (IOException e) {
            drop(key, "its connection broke during the handshake: " + e.getMessage());
            return null;
        }
        if (read < 0) {
            drop(key, "it closed the connection after " + peer.handshake.position() + " of "
                    + MessageCodec.HANDSHAKE_BYTES + " handshake bytes");
            return null;
        }
        if (peer.handshake.hasRemaining()) {
            return null;
        }
        String problem = MessageCodec.handshakeProblem(peer.handshake.array(), secret);
        if (problem != null) {
            drop(key, problem);
            return null;
        }
        return channel;
    }

    /** Drops peers whose handshake time is up; returns when the next one's will be (far off if none). */
    private long dropSilentPeers(long now) {
        long next = now + Long.MAX_VALUE / 4;
        List<SelectionKey> expired = new ArrayList<>();
        for (SelectionKey key : selector.keys()) {
            if (key.isValid() && key.attachment() instanceof Peer peer) {
                if (now - peer.expires >= 0) {
                    expired.add(key);
                } else if (peer.expires - next < 0) {
                    next = peer.expires;
                }
            }
        }
        for (SelectionKey key : expired) {
            Peer peer = (Peer) key.attachment();
            drop(key, "it sent " + (peer.handshake.position() == 0 ? "nothing" : "only " + peer.handshake.position()
                    + " of " + MessageCodec.HANDSHAKE_BYTES + " handshake bytes") + " within "
                    + describe(handshakeTimeout));
        }
        return next;
    }

    private void drop(SelectionKey key, String reason) {
        key.cancel();
        Connection.closeQuietly(key.channel());
        log.accept(refusal(reason));
    }

    private String refusal(String reason) {
        return "Reaper: refused a connection to the fork channel " + socket + ": " + reason;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    private void deleteQuietly() {
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // Best effort; the directory is in the temp directory and only its owner can open it.
        }
    }

    private static Path createDirectory() throws IOException {
        Path directory = createDirectory(Path.of(System.getProperty("java.io.tmpdir")));
        if (tooLong(directory)) {
            // macOS's per-user temp directories are deep; /tmp is short and still behind the 0700 directory.
            Files.deleteIfExists(directory);
            Path tmp = Path.of("/tmp");
            if (!Files.isDirectory(tmp) || tooLong(directory = createDirectory(tmp))) {
                Files.deleteIfExists(directory);
                throw new IOException("no temp directory short enough for a Unix domain socket path (at most "
                        + MAX_SOCKET_PATH_BYTES + " bytes); set java.io.tmpdir to a shorter one");
            }
        }
        return directory;
    }

    private static Path createDirectory(Path parent) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempDirectory(parent, "reaper"); // Windows: the user's temp directory is private
        }
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        Path directory = Files.createTempDirectory(parent, "reaper", ownerOnly);
        Files.setPosixFilePermissions(directory, OWNER_ONLY); // the umask may have taken bits off at creation
        return directory;
    }

    private static boolean tooLong(Path directory) {
        return directory.resolve("s").toString().getBytes(UTF_8).length > MAX_SOCKET_PATH_BYTES;
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** A peer that connected and has not yet presented the whole handshake. */
    private static final class Peer {
        final ByteBuffer handshake = ByteBuffer.allocate(MessageCodec.HANDSHAKE_BYTES);
        final long expires;

        Peer(long expires) {
            this.expires = expires;
        }
    }
}
