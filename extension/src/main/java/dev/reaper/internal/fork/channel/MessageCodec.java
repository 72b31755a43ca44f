package dev.reaper.internal.fork.channel;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.reaper.Rung;
import dev.reaper.internal.fork.channel.Message.Armed;
import dev.reaper.internal.fork.channel.Message.Disarmed;
import dev.reaper.internal.fork.channel.Message.Done;
import dev.reaper.internal.fork.channel.Message.Dynamic;
import dev.reaper.internal.fork.channel.Message.Finished;
import dev.reaper.internal.fork.channel.Message.Output;
import dev.reaper.internal.fork.channel.Message.Ready;
import dev.reaper.internal.fork.channel.Message.ReportEntry;
import dev.reaper.internal.fork.channel.Message.Retire;
import dev.reaper.internal.fork.channel.Message.Run;
import dev.reaper.internal.fork.channel.Message.Shutdown;
import dev.reaper.internal.fork.channel.Message.Skipped;
import dev.reaper.internal.fork.channel.Message.Started;
import dev.reaper.internal.fork.channel.Message.Status;
import dev.reaper.internal.fork.channel.Message.SystemProperties;

/**
 * The bytes on the wire: the handshake a worker opens with, then frames. A frame is a 4-byte length,
 * then that many bytes: a type byte and the message's fields, written with {@link DataOutputStream}.
 * Strings are an int length and UTF-8 bytes ({@code writeUTF} stops at 64 KB, and test output does
 * not). Every length read is checked against what is left, so a broken frame is a
 * {@link ProtocolException} naming the problem, never a huge allocation; an {@link EOFException} is
 * kept for a peer that is gone.
 */
public final class MessageCodec {

    /** Frames above this are refused on both sides; a test's output should come in many messages. */
    static final int MAX_FRAME_BYTES = 64 << 20;

    static final int VERSION = 3;
    static final int SECRET_BYTES = 32;
    private static final byte[] MAGIC = "REAPERfk".getBytes(StandardCharsets.US_ASCII);
    /** The magic, the version (an int) and the secret. */
    static final int HANDSHAKE_BYTES = MAGIC.length + 4 + SECRET_BYTES;

    private static final byte READY = 1;
    private static final byte RUN = 2;
    private static final byte OUTPUT = 4;
    private static final byte REPORT_ENTRY = 5;
    private static final byte FINISHED = 6;
    private static final byte DONE = 7;
    private static final byte SHUTDOWN = 8;
    private static final byte ARMED = 9;
    private static final byte DISARMED = 10;
    private static final byte RETIRE = 11;
    private static final byte SYSTEM_PROPERTIES = 12;
    private static final byte STARTED = 13;
    private static final byte SKIPPED = 14;
    private static final byte DYNAMIC = 15;

    private static final Status[] STATUSES = Status.values();

    private MessageCodec() {
    }

    static ByteBuffer handshake(byte[] secret) {
        if (secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("the secret has " + secret.length + " bytes, not " + SECRET_BYTES);
        }
        return ByteBuffer.allocate(HANDSHAKE_BYTES).put(MAGIC).putInt(VERSION).put(secret).flip();
    }

    /** Why {@code handshake} (all {@link #HANDSHAKE_BYTES} of it) is refused, or null when it is good. */
    static String handshakeProblem(byte[] handshake, byte[] secret) {
        ByteBuffer in = ByteBuffer.wrap(handshake);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!MessageDigest.isEqual(magic, MAGIC)) {
            return "it sent garbage instead of the Reaper handshake (first bytes " + hex(magic) + ")";
        }
        int version = in.getInt();
        if (version != VERSION) {
            return "it speaks protocol version " + version + ", this JVM speaks " + VERSION
                    + " (a worker from another Reaper build?)";
        }
        byte[] presented = new byte[SECRET_BYTES];
        in.get(presented);
        // Constant time, so the time to refuse does not tell how much of a guess was right.
        return MessageDigest.isEqual(presented, secret) ? null : "it presented the wrong secret";
    }

    /** The whole frame for {@code message}, length first. */
    static byte[] encode(Message message) throws IOException {
        FrameBytes bytes = new FrameBytes(message);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0); // the length, filled in below
        if (message instanceof Ready m) {
            out.writeByte(READY);
            out.writeLong(m.pid());
        } else if (message instanceof Run m) {
            out.writeByte(RUN);
            writeString(out, m.id());
            writeList(out, m.selectors());
            writeMap(out, m.configuration());
        } else if (message instanceof Started m) {
            out.writeByte(STARTED);
            writeString(out, m.uniqueId());
        } else if (message instanceof Skipped m) {
            out.writeByte(SKIPPED);
            writeString(out, m.uniqueId());
            writeString(out, m.reason());
        } else if (message instanceof Dynamic m) {
            out.writeByte(DYNAMIC);
            writeString(out, m.uniqueId());
            writeString(out, m.parentId());
            writeString(out, m.displayName());
            writeString(out, m.legacyName());
            writeString(out, m.type());
            writeString(out, m.source());
            writeList(out, m.tags());
        } else if (message instanceof Output m) {
            out.writeByte(OUTPUT);
            writeString(out, m.uniqueId());
            out.writeBoolean(m.stderr());
            writeString(out, m.text());
        } else if (message instanceof ReportEntry m) {
            out.writeByte(REPORT_ENTRY);
            writeString(out, m.uniqueId());
            writeMap(out, m.entries());
        } else if (message instanceof Finished m) {
            out.writeByte(FINISHED);
            writeString(out, m.uniqueId());
            writeString(out, m.displayName());
            out.writeByte(m.status().ordinal());
            out.writeBoolean(m.throwable() != null);
            if (m.throwable() != null) {
                writeThrowable(out, m.throwable());
            }
        } else if (message instanceof Done m) {
            out.writeByte(DONE);
            writeString(out, m.requestedUniqueId());
        } else if (message instanceof Shutdown) {
            out.writeByte(SHUTDOWN);
        } else if (message instanceof Armed m) {
            out.writeByte(ARMED);
            writeString(out, m.uniqueId());
            out.writeLong(m.timeoutMillis());
            out.writeLong(m.escalationMillis());
            out.writeBoolean(m.killable());
            writeList(out, m.ladder().stream().map(Rung::name).toList());
        } else if (message instanceof Disarmed m) {
            out.writeByte(DISARMED);
            writeString(out, m.uniqueId());
        } else if (message instanceof Retire m) {
            out.writeByte(RETIRE);
            writeString(out, m.reason());
        } else if (message instanceof SystemProperties m) {
            out.writeByte(SYSTEM_PROPERTIES);
            writeMap(out, m.set());
            writeList(out, m.cleared());
        } else {
            throw new IllegalArgumentException("not a message this codec knows: " + message);
        }
        byte[] frame = bytes.toByteArray();
        ByteBuffer.wrap(frame).putInt(0, frame.length - 4);
        return frame;
    }

    /** Refuses a message as soon as its frame passes the limit, rather than building all of it first. */
    private static final class FrameBytes extends OutputStream {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        private final Message message;

        FrameBytes(Message message) {
            this.message = message;
        }

        @Override
        public void write(int b) throws IOException {
            ensureRoom(1);
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ensureRoom(len);
            bytes.write(b, off, len);
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }

        private void ensureRoom(int more) throws ProtocolException {
            long length = bytes.size() - 4L + more;
            if (length > MAX_FRAME_BYTES) {
                throw new ProtocolException("message too large to send: " + message.getClass().getSimpleName()
                        + " over the frame limit of " + MAX_FRAME_BYTES + " bytes; send large output in parts");
            }
        }
    }

    /** Checks the length that opens a frame before anything is allocated for it. */
    static int checkFrameLength(int length) throws ProtocolException {
        if (length < 1 || length > MAX_FRAME_BYTES) {
            throw badFrame("a frame of " + length + " bytes (1 to " + MAX_FRAME_BYTES + " allowed)");
        }
        return length;
    }

    /** Decodes a frame's body: the type byte and the fields. */
    static Message decode(byte[] body) throws ProtocolException {
        if (body.length == 0) {
            throw badFrame("an empty frame");
        }
        int type = body[0] & 0xff;
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body, 1, body.length - 1));
        try {
            Message message = read(type, in);
            if (in.available() > 0) {
                throw badFrame(in.available() + " bytes left over after a " + message.getClass().getSimpleName());
            }
            return message;
        } catch (EOFException e) {
            // Within a frame that arrived whole, running out means a broken frame, not a peer that left.
            throw withCause(badFrame("a message of type " + type + " ends early"), e);
        } catch (ProtocolException e) {
            throw e;
        } catch (IOException e) {
            throw withCause(badFrame(e.toString()), e); // not expected from an in-memory stream
        }
    }

    private static Message read(int type, DataInputStream in) throws IOException {
        switch (type) {
            case READY:
                return new Ready(in.readLong());
            case RUN:
                return new Run(readString(in), readList(in), readMap(in));
            case STARTED:
                return new Started(readString(in));
            case SKIPPED:
                return new Skipped(readString(in), readString(in));
            case DYNAMIC:
                return new Dynamic(readString(in), readString(in), readString(in), readString(in), readString(in),
                        readString(in), readList(in));
            case OUTPUT:
                return new Output(readString(in), in.readBoolean(), readString(in));
            case REPORT_ENTRY:
                return new ReportEntry(readString(in), readMap(in));
            case FINISHED:
                String uniqueId = readString(in);
                String displayName = readString(in);
                int status = in.readUnsignedByte();
                if (status >= STATUSES.length) {
                    throw badFrame("unknown status " + status);
                }
                ThrowableData throwable = in.readBoolean() ? readThrowable(in) : null;
                return new Finished(uniqueId, displayName, STATUSES[status], throwable);
            case DONE:
                return new Done(readString(in));
            case SHUTDOWN:
                return new Shutdown();
            case ARMED:
                return new Armed(readString(in), in.readLong(), in.readLong(), in.readBoolean(), readRungs(in));
            case DISARMED:
                return new Disarmed(readString(in));
            case RETIRE:
                return new Retire(readString(in));
            case SYSTEM_PROPERTIES:
                return new SystemProperties(readMap(in), readList(in));
            default:
                throw badFrame("unknown message type " + type);
        }
    }

    private static List<Rung> readRungs(DataInputStream in) throws IOException {
        List<Rung> rungs = new ArrayList<>();
        for (String name : readList(in)) {
            try {
                rungs.add(Rung.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw badFrame("unknown rung " + name);
            }
        }
        return rungs;
    }

    // ThrowableData: the serialized bytes or why there are none, then the textual form.

    private static void writeThrowable(DataOutputStream out, ThrowableData throwable) throws IOException {
        byte[] serialized = throwable.serialized();
        out.writeBoolean(serialized != null);
        if (serialized != null) {
            out.writeInt(serialized.length);
            out.write(serialized);
        } else {
            writeString(out, throwable.notSerializedBecause());
        }
        writeText(out, throwable.text());
    }

    private static ThrowableData readThrowable(DataInputStream in) throws IOException {
        byte[] serialized = null;
        String notSerializedBecause = null;
        if (in.readBoolean()) {
            serialized = new byte[readCount(in, 1, "serialized bytes")];
            in.readFully(serialized);
        } else {
            notSerializedBecause = readString(in);
        }
        return new ThrowableData(serialized, notSerializedBecause, readText(in, 0));
    }

    private static void writeText(DataOutputStream out, ThrowableData.Text text) throws IOException {
        writeString(out, text.className());
        writeNullableString(out, text.message());
        out.writeInt(text.stack().size());
        for (StackTraceElement element : text.stack()) {
            writeNullableString(out, element.getClassLoaderName());
            writeNullableString(out, element.getModuleName());
            writeNullableString(out, element.getModuleVersion());
            writeString(out, element.getClassName());
            writeString(out, element.getMethodName());
            writeNullableString(out, element.getFileName());
            out.writeInt(element.getLineNumber());
        }
        out.writeBoolean(text.cause() != null);
        if (text.cause() != null) {
            writeText(out, text.cause());
        }
        out.writeInt(text.suppressed().size());
        for (ThrowableData.Text suppressed : text.suppressed()) {
            writeText(out, suppressed);
        }
    }

    private static ThrowableData.Text readText(DataInputStream in, int depth) throws IOException {
        if (depth > ThrowableData.MAX_DEPTH) {
            throw badFrame("a throwable nested deeper than " + ThrowableData.MAX_DEPTH);
        }
        String className = readString(in);
        String message = readNullableString(in);
        // Each element takes at least 4 string headers, 3 null flags and the line number.
        int count = readCount(in, 23, "stack trace elements");
        List<StackTraceElement> stack = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String classLoaderName = readNullableString(in);
            String moduleName = readNullableString(in);
            String moduleVersion = readNullableString(in);
            String declaringClass = readString(in);
            String methodName = readString(in);
            String fileName = readNullableString(in);
            int lineNumber = in.readInt();
            stack.add(new StackTraceElement(classLoaderName, moduleName, moduleVersion, declaringClass, methodName,
                    fileName, lineNumber));
        }
        ThrowableData.Text cause = in.readBoolean() ? readText(in, depth + 1) : null;
        int suppressedCount = readCount(in, 10, "suppressed throwables");
        List<ThrowableData.Text> suppressed = new ArrayList<>(suppressedCount);
        for (int i = 0; i < suppressedCount; i++) {
            suppressed.add(readText(in, depth + 1));
        }
        return new ThrowableData.Text(className, message, stack, cause, suppressed);
    }

    // Primitives.

    private static void writeString(DataOutputStream out, String value) throws IOException {
        // Unpaired surrogates become '?': test output is text, and exact UTF-16 would double its size.
        byte[] bytes = value.getBytes(UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[readCount(in, 1, "string bytes")];
        in.readFully(bytes);
        return new String(bytes, UTF_8);
    }

    private static void writeNullableString(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writeString(out, value);
        }
    }

    private static String readNullableString(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    private static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> entry : map.entrySet()) {
            writeString(out, entry.getKey());
            writeString(out, entry.getValue());
        }
    }

    private static Map<String, String> readMap(DataInputStream in) throws IOException {
        int size = readCount(in, 8, "map entries");
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }

    private static void writeList(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String value : list) {
            writeString(out, value);
        }
    }

    private static List<String> readList(DataInputStream in) throws IOException {
        int size = readCount(in, 4, "list entries");
        List<String> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(readString(in));
        }
        return list;
    }

    /** A count of items taking at least {@code minBytesEach}: no more can fit in what is left. */
    private static int readCount(DataInputStream in, int minBytesEach, String what) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available() / minBytesEach) {
            throw badFrame(count + " " + what + " where " + in.available() + " bytes are left");
        }
        return count;
    }

    private static ProtocolException badFrame(String problem) {
        return new ProtocolException("broken frame from the fork channel: " + problem);
    }

    private static ProtocolException withCause(ProtocolException e, Throwable cause) {
        e.initCause(cause);
        return e;
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(text.length() == 0 ? "" : " ").append(String.format("%02x", b & 0xff));
        }
        return text.toString();
    }
}
