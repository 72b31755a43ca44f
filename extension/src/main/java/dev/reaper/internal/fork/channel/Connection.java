package dev.reaper.internal.fork.channel;

import java.io.EOFException;
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
import java.nio.channels.SocketChannel;

/**
 * One end of the private channel between the parent JVM and a worker: whole {@link Message}s each way.
 *
 * <p>The socket is used in non-blocking mode, waiting with a selector. A blocking NIO channel is
 * closed for good when a thread doing I/O on it is interrupted, and interrupting is what Reaper does
 * to tests: a test thread that writes output while interrupted, or a parent thread that JUnit's
 * {@code @Timeout} interrupts, would cut the worker off. Non-blocking I/O ignores interrupts, so here
 * an interrupt never closes the connection: {@link #send} completes and keeps the interrupt status,
 * {@link #receive} answers it between messages with an {@link InterruptedIOException}.
 *
 * <p>Sends and receives each have their own lock and selector, so one thread can wait for a message
 * while others send.
 */
public final class Connection implements AutoCloseable {

    private final SocketChannel channel;
    private final Object sendLock = new Object();
    private final Object receiveLock = new Object();
    private final Selector writable;            // guarded by sendLock
    private final Selector readable;            // guarded by receiveLock
    private final ByteBuffer header = ByteBuffer.allocate(4); // guarded by receiveLock

    /** Takes over a connected channel; the handshake, if any, is the caller's. */
    Connection(SocketChannel channel) throws IOException {
        this.channel = channel;
        Selector forWrites = null;
        Selector forReads = null;
        try {
            channel.configureBlocking(false);
            forWrites = Selector.open();
            forReads = Selector.open();
            channel.register(forWrites, SelectionKey.OP_WRITE);
            channel.register(forReads, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            closeQuietly(forWrites);
            closeQuietly(forReads);
            closeQuietly(channel);
            throw e;
        }
        this.writable = forWrites;
        this.readable = forReads;
    }

    /** The worker's side: connects to the parent's {@link ChannelServer} and presents the secret. */
    public static Connection connect(String address, byte[] secret) throws IOException {
        ByteBuffer handshake = MessageCodec.handshake(secret);
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(address));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IOException("cannot connect to Reaper's fork channel at " + address + ": " + e.getMessage(), e);
        }
        Connection connection = new Connection(channel);
        try {
            connection.writeFully(handshake);
        } catch (IOException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** Sends one message whole; several threads may send at once. An interrupt does not stop it. */
    public void send(Message message) throws IOException {
        ByteBuffer frame = ByteBuffer.wrap(MessageCodec.encode(message)); // outside the lock: may be slow
        synchronized (sendLock) {
            writeFully(frame);
        }
    }

    /**
     * Blocks until a message arrives.
     *
     * @throws EOFException            when the peer is gone: it closed the connection or its process died
     * @throws java.net.ProtocolException for a broken frame; after a bad length the connection is closed
     * @throws InterruptedIOException  when the thread is interrupted while no message has begun to
     *                                 arrive; the interrupt status stays set and the connection usable
     * @throws ClosedChannelException  when this side closed the connection
     */
    public Message receive() throws IOException {
        synchronized (receiveLock) {
            boolean deferredInterrupt = false;
            try {
                header.clear();
                deferredInterrupt = readFully(header, true);
                int length = checkedLength(header.getInt(0));
                ByteBuffer body = ByteBuffer.allocate(length);
                deferredInterrupt |= readFully(body, false);
                return MessageCodec.decode(body.array());
            } finally {
                if (deferredInterrupt) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Closes the connection; a thread blocked in {@link #send} or {@link #receive} gets a
     * {@link ClosedChannelException}.
     */
    @Override
    public void close() {
        closeQuietly(channel);
        // Closing a selector wakes a thread waiting in it; it then finds the channel closed.
        closeQuietly(readable);
        closeQuietly(writable);
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        boolean interrupted = false;
        try {
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    // The peer's buffer is full. A selector returns at once, over and over, while the
                    // interrupt status is set, so it is taken off for the wait and put back after.
                    interrupted |= Thread.interrupted();
                    await(writable);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return whether an interrupt arrived and was put off until the message is complete */
    private boolean readFully(ByteBuffer buffer, boolean messageBoundary) throws IOException {
        boolean deferredInterrupt = false;
        while (buffer.hasRemaining()) {
            int read;
            try {
                read = channel.read(buffer);
            } catch (ClosedChannelException e) {
                throw e;
            } catch (IOException e) {
                // E.g. "Connection reset": the worker died with data it never read.
                throw peerGone("the connection to the peer broke: " + e.getMessage(), e);
            }
            if (read < 0) {
                throw peerGone(messageBoundary && buffer.position() == 0
                        ? "the peer closed the connection"
                        : "the peer closed the connection in the middle of a frame (" + buffer.position() + " of "
                                + buffer.capacity() + (messageBoundary ? " length" : "") + " bytes)",
                        null);
            }
            if (read == 0) {
                if (Thread.interrupted()) {
                    if (messageBoundary && buffer.position() == 0) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException(
                                "interrupted while waiting for a message from the fork channel");
                    }
                    // Mid-frame: the rest is on its way; stopping now would lose the frame.
                    deferredInterrupt = true;
                }
                await(readable);
            }
        }
        return deferredInterrupt;
    }

    private void await(Selector selector) throws IOException {
        if (!channel.isOpen()) {
            throw new AsynchronousCloseException();
        }
        try {
            selector.select();
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            throw new AsynchronousCloseException();
        }
    }

    /** After a bad length nothing tells where the next frame starts, so the connection is closed. */
    private int checkedLength(int length) throws IOException {
        try {
            return MessageCodec.checkFrameLength(length);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private static EOFException peerGone(String message, IOException cause) {
        EOFException e = new EOFException(message);
        e.initCause(cause);
        return e;
    }

    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing is best effort: there is nothing left to do with a channel that will not close.
        }
    }
}
