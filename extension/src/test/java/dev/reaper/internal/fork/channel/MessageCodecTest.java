package dev.reaper.internal.fork.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.reaper.Rung;
import dev.reaper.internal.fork.channel.Message.Done;
import dev.reaper.internal.fork.channel.Message.Finished;
import dev.reaper.internal.fork.channel.Message.Output;
import dev.reaper.internal.fork.channel.Message.Ready;
import dev.reaper.internal.fork.channel.Message.ReportEntry;
import dev.reaper.internal.fork.channel.Message.Run;
import dev.reaper.internal.fork.channel.Message.Shutdown;
import dev.reaper.internal.fork.channel.Message.Status;
import dev.reaper.internal.fork.channel.Message.SystemProperties;

/** The frames: what each message looks like, and how a broken frame is refused. */
@Timeout(60)
class MessageCodecTest {

    @Test
    void everyMessageDecodesToWhatWasEncoded() throws IOException {
        List<Message> messages = List.of(new Ready(Long.MAX_VALUE), new Run("id", Map.of("a", "1", "b", "")),
                new Output("id", true, "x\u0000y"), new ReportEntry("id", Map.of("k", "v")),
                new Finished("id", "name", Status.FAILED, ThrowableData.of(new RuntimeException("m", new Error("c")))),
                new Finished("id", "name", Status.SKIPPED, null), new Done("id"), new Shutdown(),
                new SystemProperties(Map.of("db.url", "jdbc:h2:mem:x", "empty", ""), List.of("gone", "also gone")),
                new SystemProperties(Map.of(), List.of()),
                new Run("class", List.of("[engine:e]/[class:A]/[method:a()]", "[engine:e]/[class:A]/[method:b()]"),
                        Map.of()),
                new Message.Started("id"), new Message.Skipped("id", "disabled"),
                new Message.Dynamic("id/[dynamic-test:#1]", "id", "[1] one", "one", "TEST", "", List.of("slow")),
                new Message.Armed("id", 1_000, 600, true, List.of(Rung.INTERRUPT, Rung.STOP, Rung.KILL)),
                new Message.Armed("id", 5, 0, false, List.of()),
                new Message.Disarmed("id"), new Message.Retire("why"));
        for (Message message : messages) {
            byte[] frame = MessageCodec.encode(message);
            assertThat(ByteBuffer.wrap(frame).getInt()).isEqualTo(frame.length - 4);
            assertThat(MessageCodec.decode(Arrays.copyOfRange(frame, 4, frame.length))).isEqualTo(message);
        }
    }

    @Test
    void stringsLongerThanWriteUtfAllowsAndOutsideTheBasicPlaneSurvive() throws IOException {
        String text = "𝄞 ñ 中 ".repeat(100_000);
        Output output = new Output("id", false, text);
        assertThat(decodeFrame(MessageCodec.encode(output))).isEqualTo(output);
    }

    @Test
    void anUnknownTypeIsABrokenFrame() {
        assertThatThrownBy(() -> MessageCodec.decode(new byte[] {99}))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("broken frame from the fork channel: unknown message type 99");
    }

    @Test
    void aFrameThatEndsEarlyIsABrokenFrameNotAnEndOfStream() throws IOException {
        byte[] frame = MessageCodec.encode(new Output("uniqueId", false, "displayName"));
        byte[] cut = Arrays.copyOfRange(frame, 4, frame.length - 3);
        assertThatThrownBy(() -> MessageCodec.decode(cut))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessageContaining("11 string bytes where 8 bytes are left");

        byte[] cutInAnInt = Arrays.copyOfRange(frame, 4, 7);
        assertThatThrownBy(() -> MessageCodec.decode(cutInAnInt))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("broken frame from the fork channel: a message of type 4 ends early");
    }

    @Test
    void bytesLeftOverAreABrokenFrame() throws IOException {
        byte[] frame = MessageCodec.encode(new Done("x"));
        byte[] longer = Arrays.copyOfRange(frame, 4, frame.length + 2);
        assertThatThrownBy(() -> MessageCodec.decode(longer))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("broken frame from the fork channel: 2 bytes left over after a Done");
    }

    @Test
    void absurdCountsAreRefusedBeforeAnythingIsAllocated() throws IOException {
        byte[] run = body(out -> {
            out.writeByte(2);
            out.writeInt(2);
            out.writeBytes("id");
            out.writeInt(Integer.MAX_VALUE); // selectors
        });
        assertThatThrownBy(() -> MessageCodec.decode(run))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining(Integer.MAX_VALUE + " list entries where 0 bytes are left");

        byte[] negative = body(out -> {
            out.writeByte(7);
            out.writeInt(-5);
        });
        assertThatThrownBy(() -> MessageCodec.decode(negative))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("-5 string bytes");
    }

    @Test
    void anUnknownStatusIsABrokenFrame() throws IOException {
        byte[] frame = MessageCodec.encode(new Finished("i", "n", Status.SKIPPED, null));
        frame[4 + 1 + 5 + 5] = 9;
        assertThatThrownBy(() -> MessageCodec.decode(Arrays.copyOfRange(frame, 4, frame.length)))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("broken frame from the fork channel: unknown status 9");
    }

    @Test
    void aMessageOverTheFrameLimitIsRefusedByItsSender() {
        Output huge = new Output("id", false, "z".repeat(MessageCodec.MAX_FRAME_BYTES));
        assertThatThrownBy(() -> MessageCodec.encode(huge))
                .isInstanceOf(ProtocolException.class)
                .hasMessage(
                        "message too large to send: Output over the frame limit of 67108864 bytes; send large output in parts");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, Integer.MIN_VALUE, Integer.MAX_VALUE, (64 << 20) + 1})
    void aBadFrameLengthOnTheWireIsAProtocolErrorNotAnOutOfMemoryError(int length) throws Exception {
        try (ChannelServer server = ChannelServer.open();
                SocketChannel raw = rawWorker(server);
                Connection parent = server.accept(Duration.ofSeconds(10))) {
            raw.write(ByteBuffer.allocate(8).putInt(length).putInt(0).flip());

            assertThatThrownBy(parent::receive)
                    .isInstanceOf(ProtocolException.class)
                    .hasMessage("broken frame from the fork channel: a frame of " + length
                            + " bytes (1 to 67108864 allowed)");
            assertThatThrownBy(parent::receive).as("closed: nothing tells where the next frame starts")
                    .isInstanceOf(ClosedChannelException.class);
        }
    }

    @Test
    void anUnknownTypeOnTheWireIsAProtocolErrorAndTheNextFrameStillArrives() throws Exception {
        try (ChannelServer server = ChannelServer.open();
                SocketChannel raw = rawWorker(server);
                Connection parent = server.accept(Duration.ofSeconds(10))) {
            raw.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 3, 42, 1, 2}));
            raw.write(ByteBuffer.wrap(MessageCodec.encode(new Done("after"))));

            assertThatThrownBy(parent::receive).isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("unknown message type 42");
            assertThat(parent.receive()).isEqualTo(new Done("after"));
        }
    }

    @Test
    void messagesRefuseNullsWhereTheSenderMadeThemAndCopyTheirMaps() {
        assertThatThrownBy(() -> new Output("id", false, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("text");
        Map<String, String> withNull = new HashMap<>();
        withNull.put("key", null);
        assertThatThrownBy(() -> new Run("id", withNull)).isInstanceOf(NullPointerException.class)
                .hasMessage("configuration[key]");

        assertThatThrownBy(() -> new SystemProperties(withNull, List.of())).isInstanceOf(NullPointerException.class)
                .hasMessage("set[key]");
        assertThatThrownBy(() -> new SystemProperties(Map.of(), Arrays.asList("a", null)))
                .isInstanceOf(NullPointerException.class).hasMessage("a key of cleared");

        Map<String, String> configuration = new HashMap<>(Map.of("a", "1"));
        Run run = new Run("id", configuration);
        configuration.put("b", "2");
        assertThat(run.configuration()).containsExactly(Map.entry("a", "1"));
        assertThatThrownBy(() -> run.configuration().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    }

    private static Message decodeFrame(byte[] frame) throws ProtocolException {
        return MessageCodec.decode(Arrays.copyOfRange(frame, 4, frame.length));
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] body(Writer writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writer.write(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    /** A worker that presents the secret and then writes what no well-behaved sender would. */
    private static SocketChannel rawWorker(ChannelServer server) throws IOException {
        SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX);
        raw.connect(UnixDomainSocketAddress.of(server.address()));
        raw.write(MessageCodec.handshake(server.secret()));
        return raw;
    }
}
