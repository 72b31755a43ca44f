package dev.reaper.internal.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.reaper.internal.fork.parent.WorkerCommand;

class RemoteThreadDumpTest {

    private static final String LEFT = "reaper-test-left";
    private static final String RIGHT = "reaper-test-right";
    private static final String EXPORT_ATTACH = "--add-exports=jdk.attach/sun.tools.attach=ALL-UNNAMED";

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killChildren() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void dumpsADeadlockedJvmWithBothThreadsLocksAndTheDeadlockReport() throws Exception {
        Process target = deadlockedJvm();

        long start = System.nanoTime();
        RemoteThreadDump.Result result = RemoteThreadDump.capture(target.pid(), Duration.ofSeconds(30));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        System.out.println("capture() in this JVM: " + result.method() + " in " + millis + " ms"
                + (RemoteThreadDump.attachUnavailable().map(reason -> "; Attach API skipped: " + reason).orElse("")));
        assertThat(result.failure()).isEmpty();
        assertThat(result.method()).isEqualTo(
                RemoteThreadDump.attachUnavailable().isPresent() ? RemoteThreadDump.JCMD : RemoteThreadDump.ATTACH);
        assertThat(result.dump()).get().asString()
                .contains("\"" + LEFT + "\"", "\"" + RIGHT + "\"")
                .contains("Found one Java-level deadlock")
                .contains("- locked <0x", "- waiting to lock <0x")
                .contains("Locked ownable synchronizers") // -l
                .doesNotStartWith(target.pid() + ":"); // jcmd's own first line is dropped
    }

    /**
     * Times each method against fresh targets (the first dump of a worker is the one that counts: a hung
     * worker is dumped once, then killed), with and without {@code -XX:+StartAttachListener} on the target.
     * The Attach API runs in a child JVM that has the export this Surefire fork lacks.
     */
    @Test
    void measuresEachMethodOnFreshTargets() throws Exception {
        List<String> table = new ArrayList<>();
        for (List<String> targetOptions : List.of(List.<String>of(), List.of("-XX:+StartAttachListener"))) {
            for (String method : List.of("attach", "jcmd")) {
                Process target = deadlockedJvm(targetOptions.toArray(String[]::new));
                List<String> extra = method.equals("attach") ? List.of(EXPORT_ATTACH) : List.of();
                Process dumper = start(WorkerCommand.build(DumpsFromOutside.class.getName(),
                        List.of(Long.toString(target.pid()), method, "3"), extra));
                String report = readAll(dumper);
                assertThat(dumper.waitFor(60, TimeUnit.SECONDS)).isTrue();
                table.add("target " + (targetOptions.isEmpty() ? "default" : targetOptions.get(0)) + ", " + method
                        + ":\n" + report);
                assertThat(report.lines()).as(report).hasSize(3)
                        .allMatch(line -> line.contains(" ok names deadlock locks"))
                        .allMatch(line -> line
                                .startsWith(method.equals("attach") ? RemoteThreadDump.ATTACH : RemoteThreadDump.JCMD));
                target.destroyForcibly();
            }
        }
        System.out.println("Thread dump of a deadlocked JVM, " + System.getProperty("java.version")
                + ", first dump then two later ones:\n"
                + String.join("", table));
    }

    @Test
    void theAttachApiIsChosenWhereItIsExported() throws Exception {
        Process target = deadlockedJvm();
        Process dumper = start(WorkerCommand.build(DumpsFromOutside.class.getName(),
                List.of(Long.toString(target.pid()), "capture", "1"), List.of(EXPORT_ATTACH)));

        String report = readAll(dumper);

        assertThat(report).startsWith(RemoteThreadDump.ATTACH).contains(" ok names deadlock locks");
    }

    @Test
    void aProcessThatIsGoneGivesNoDumpAndSaysWhy() throws Exception {
        Process gone = start(WorkerCommand.build(ProcessTreeTest.Exits.class.getName(), List.of(), List.of()));
        assertThat(gone.waitFor(60, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        RemoteThreadDump.Result result = RemoteThreadDump.capture(gone.pid(), Duration.ofSeconds(30));

        assertThat(result.dump()).isEmpty();
        assertThat(result.failure()).isEqualTo("process " + gone.pid() + " is not running");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the 30 s timeout")
                .isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void theTimeoutBoundsTheCapture() throws Exception {
        Process target = deadlockedJvm();

        long start = System.nanoTime();
        RemoteThreadDump.Result result = RemoteThreadDump.capture(target.pid(), Duration.ofMillis(50));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        System.out.println("capture with a 50 ms timeout: " + took.toMillis() + " ms, " + result);
        assertThat(result.dump()).isEmpty();
        assertThat(result.failure()).contains("no answer within");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(target.isAlive()).as("the target is not harmed").isTrue();
    }

    /** Two threads in a synchronized deadlock; "ready" once the JVM itself sees the cycle. */
    public static class Deadlocked {
        public static void main(String[] args) throws Exception {
            Object first = new Object();
            Object second = new Object();
            java.util.concurrent.CountDownLatch bothHoldOne = new java.util.concurrent.CountDownLatch(2);
            startLocking(LEFT, first, second, bothHoldOne);
            startLocking(RIGHT, second, first, bothHoldOne);
            while (ManagementFactory.getThreadMXBean().findDeadlockedThreads() == null) {
                Thread.sleep(10);
            }
            System.out.println("ready");
            Thread.sleep(600_000);
        }

        private static void startLocking(String name, Object mine, Object theirs,
                java.util.concurrent.CountDownLatch bothHoldOne) {
            Thread thread = new Thread(() -> {
                synchronized (mine) {
                    bothHoldOne.countDown();
                    try {
                        bothHoldOne.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    synchronized (theirs) {
                        System.out.println("unreachable");
                    }
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Dumps pid (args[0]) args[2] times with args[1] = capture, attach or jcmd; one line per dump. */
    public static class DumpsFromOutside {
        public static void main(String[] args) {
            long pid = Long.parseLong(args[0]);
            for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                long start = System.nanoTime();
                RemoteThreadDump.Result result;
                switch (args[1]) {
                    case "attach":
                        result = RemoteThreadDump.viaAttach(pid, Duration.ofSeconds(30));
                        break;
                    case "jcmd":
                        result = RemoteThreadDump.viaJcmd(pid, Duration.ofSeconds(30));
                        break;
                    default:
                        result = RemoteThreadDump.capture(pid, Duration.ofSeconds(30));
                }
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                String dump = result.dump().orElse("");
                System.out.println(result.method() + " " + millis + " ms"
                        + (result.dump().isPresent() ? " ok" : " FAILED " + result.failure())
                        + (dump.contains(LEFT) && dump.contains(RIGHT) ? " names" : "")
                        + (dump.contains("Found one Java-level deadlock") ? " deadlock" : "")
                        + (dump.contains("- locked <0x") ? " locks" : "")
                        + " (" + dump.length() + " chars)");
            }
        }
    }

    private Process deadlockedJvm(String... options) throws Exception {
        Process target = start(WorkerCommand.build(Deadlocked.class.getName(), List.of(), List.of(options)));
        ProcessTreeTest.awaitLine(target, "ready");
        return target;
    }

    private Process start(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(process);
        return process;
    }

    private static String readAll(Process process) throws Exception {
        StringBuilder text = new StringBuilder();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null;) {
                text.append(line).append('\n');
            }
        }
        return text.toString();
    }
}
