package dev.reaper.internal.fork.worker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import dev.reaper.internal.fork.channel.Connection;
import dev.reaper.internal.fork.channel.Message;

/**
 * The worker's {@code System.out} or {@code System.err}: sends what a test prints to the parent, line
 * by line and in order, attributed to the test that is running.
 */
final class ForwardingStream extends OutputStream {

    private final Connection connection;
    private final boolean stderr;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private volatile String uniqueId = "";

    ForwardingStream(Connection connection, boolean stderr) {
        this.connection = connection;
        this.stderr = stderr;
    }

    /** What a test printed without a line end is still its own, so it goes first. */
    synchronized void attributeTo(String uniqueId) {
        try {
            flush();
        } catch (IOException parentGone) {
            // the next write says so
        }
        this.uniqueId = uniqueId;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        pending.write(b);
        if (b == '\n') {
            flush();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        pending.write(bytes, offset, length);
        if (length > 0 && bytes[offset + length - 1] == '\n') {
            flush();
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (pending.size() > 0) {
            String text = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            connection.send(new Message.Output(uniqueId, stderr, text));
        }
    }
}
