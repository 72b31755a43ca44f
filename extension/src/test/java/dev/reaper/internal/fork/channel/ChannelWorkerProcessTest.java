package dev.reaper.internal.fork.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.reaper.internal.fork.channel.Message.Done;
import dev.reaper.internal.fork.channel.Message.Ready;
import dev.reaper.internal.fork.channel.Message.ReportEntry;
import dev.reaper.internal.fork.channel.Message.Run;

/** A real worker process: the secret goes over stdin, and a killed worker is an end of stream. */
@Timeout(60)
class ChannelWorkerProcessTest {

    @Test
    void aWorkerGetsTheSecretOnStdinAndItsDeathIsAnEndOfStream(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("worker.out");
        try (ChannelServer server = ChannelServer.open()) {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Worker.class.getName(), server.address())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            try {
                assertThat(process.info().arguments().orElse(new String[0])).as("the secret is not on the command line")
                        .doesNotContain(new String(server.secret(), java.nio.charset.StandardCharsets.ISO_8859_1));
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(server.secret());
                }
                try (Connection parent = server.accept(Duration.ofSeconds(60))) {
                    assertThat(parent.receive()).isEqualTo(new Ready(process.pid()));
                    parent.send(new Run("[engine:x]/[test:one]", Map.of("k", "v")));
                    assertThat(parent.receive()).isEqualTo(new ReportEntry("[engine:x]/[test:one]", Map.of("k", "v")));
                    assertThat(parent.receive()).isEqualTo(new Done("[engine:x]/[test:one]"));

                    // A Run the worker never reads, then the process is killed, as a hung worker would be.
                    parent.send(new Run("[engine:x]/[test:two]", Map.of()));
                    process.destroyForcibly();
                    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

                    assertThatThrownBy(parent::receive).isInstanceOf(EOFException.class);
                }
            } finally {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + "\nworker output:\n" + (Files.exists(output) ? Files.readString(output) : ""), e);
        }
    }

    /** The worker's side, in its own JVM: reads the secret from stdin, echoes one Run, then waits to be killed. */
    public static final class Worker {

        public static void main(String[] args) throws Exception {
            byte[] secret = System.in.readNBytes(MessageCodec.SECRET_BYTES);
            try (Connection connection = Connection.connect(args[0], secret)) {
                connection.send(new Ready(ProcessHandle.current().pid()));
                Run run = (Run) connection.receive();
                connection.send(new ReportEntry(run.id(), Map.of("k", run.configuration().get("k"))));
                connection.send(new Done(run.id()));
                Thread.sleep(TimeUnit.MINUTES.toMillis(2));
            }
        }
    }
}
