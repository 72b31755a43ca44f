package dev.reaper.internal.fork;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The worker JVM's main: connects to its parent over the private channel, then runs the tests the
 * parent sends, one request at a time, under thread isolation, sending back what happens.
 *
 * <p>Arguments: the channel's socket path and the parent's pid. The secret comes on standard input,
 * which stays open: other local users can read a command line, not a pipe.
 */
public final class WorkerMain {

    /** Set in the worker, so that Reaper there runs {@code FORK} tests on threads instead of forking again. */
    public static final String WORKER_PROPERTY = "dev.reaper.worker";

    /** Exit status of a worker whose parent died. */
    static final int ORPHANED_STATUS = 97;

    private WorkerMain() {
    }

    public static void main(String[] args) throws IOException {
        String address = args[0];
        long parentPid = Long.parseLong(args[1]);
        System.setProperty(WORKER_PROPERTY, "true");
        ParentWatch.start(parentPid, ORPHANED_STATUS);
        byte[] secret = HexFormat.of().parseHex(readSecret());
        PrintStream originalErr = System.err;
        try (Connection connection = Connection.connect(address, secret)) {
            new WorkerLoop(connection).run();
        } catch (IOException | RuntimeException e) {
            originalErr.println("Reaper worker " + ProcessHandle.current().pid() + ": " + e);
        }
        // Leftover non-daemon threads of tests must not keep a retired worker alive.
        Runtime.getRuntime().halt(0);
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
