package dev.reaper.internal.fork.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import dev.reaper.internal.fork.channel.Connection;
import dev.reaper.internal.util.WorkerJvm;

/**
 * The worker JVM's main: connects to its parent over the private channel, then runs the tests the
 * parent sends, one request at a time, under thread isolation, sending back what happens.
 *
 * <p>Arguments: the channel's socket path and the parent's pid. The secret comes on standard input,
 * which stays open: other local users can read a command line, not a pipe.
 */
public final class WorkerMain {

    /** Set in the worker, so that Reaper there runs {@code FORK} tests on threads instead of forking again. */

    /** Exit status of a worker whose parent died. */
    static final int ORPHANED_STATUS = 97;

    private WorkerMain() {
    }

    public static void main(String[] args) throws IOException {
        String address = args[0];
        long parentPid = Long.parseLong(args[1]);
        System.setProperty(WorkerJvm.PROPERTY, "true");
        ParentWatch.start(parentPid, ORPHANED_STATUS, () -> deleteChannel(address));
        byte[] secret = HexFormat.of().parseHex(readSecret());
        PrintStream originalErr = System.err;
        try (Connection connection = Connection.connect(address, secret)) {
            new WorkerLoop(connection).run();
        } catch (IOException | RuntimeException e) {
            originalErr.println("Reaper worker " + ProcessHandle.current().pid() + ": " + e);
        }
        // A parent that was killed cannot delete its end of the channel: the worker does (the parent's own
        // close after a normal end deletes nothing twice).
        deleteChannel(address);
        // Leftover non-daemon threads of tests must not keep a retired worker alive.
        Runtime.getRuntime().halt(0);
    }

    /**
     * Deletes the channel's socket and its directory, which the parent created and deletes when it closes
     * the worker: after a parent killed with SIGKILL nobody else would, and they would stay in the
     * temporary directory for good.
     */
    static void deleteChannel(String address) {
        try {
            Path socket = Path.of(address);
            Files.deleteIfExists(socket);
            Path directory = socket.getParent();
            Path name = directory == null ? null : directory.getFileName(); // none for the root directory
            if (name != null && name.toString().startsWith("reaper")) {
                Files.deleteIfExists(directory);
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: the directory is empty and private to its owner.
        }
    }

    private static String readSecret() throws IOException {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        String line = stdin.readLine();
        if (line == null) {
            throw new IOException("no secret on standard input");
        }
        return line.strip();
    }
}
