package dev.reaper.internal.evidence;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code synchronized} deadlock can never be undone, and {@code findDeadlockedThreads} sees
 * every thread of the JVM: made in the test JVM, it would make every later "no deadlock" check in
 * that JVM (ours and other classes') fail. So it is made in a child JVM, which captures the evidence
 * and hands it back as a properties file.
 */
class MonitorDeadlockInChildJvmTest {

    @Test
    void synchronizedDeadlockNamesBothThreadsBothMonitorsAndTheirOwners(@TempDir Path dir) throws Exception {
        Properties child = runChild(dir);

        assertThat(child.getProperty("calm.deadlock")).as("no deadlock before the threads deadlock").isEqualTo("none");

        String t1 = child.getProperty("t1");
        String t2 = child.getProperty("t2");
        String tail = child.getProperty("tail");
        String first = child.getProperty("first");
        String second = child.getProperty("second");
        assertThat(first).matches("java\\.lang\\.Object@[0-9a-f]+").isNotEqualTo(second);
        String lockBoth = "      at " + Child.class.getName() + ".lockBoth(MonitorDeadlockInChildJvmTest.java:";
        assertThat(child.getProperty("deadlock"))
                .startsWith("Deadlock (2 threads):\n")
                .contains("  " + t1 + " is BLOCKED on " + second + " owned by " + t2 + "\n" + lockBoth)
                .contains("  " + t2 + " is BLOCKED on " + first + " owned by " + t1 + "\n" + lockBoth)
                .contains("  Waiting on this deadlock (1 thread):\n    " + tail + " is BLOCKED on " + first
                        + " owned by " + t1 + "\n");
        assertThat(child.getProperty("header")).isEqualTo(t1 + " daemon BLOCKED on " + second + " owned by " + t2);
        assertThat(child.getProperty("involves")).isEqualTo("t1=true t2=true tail=false main=false");
        assertThat(child.getProperty("dump"))
                .contains("\n\n" + t1 + " daemon BLOCKED on " + second + " owned by " + t2 + "\n")
                .contains("\t- waiting to lock " + second + " owned by " + t2 + "\n")
                .contains("\t- locked " + first + "\n");
    }

    private static Properties runChild(Path dir) throws IOException, InterruptedException {
        Path output = dir.resolve("child.out");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            assertThat(process.waitFor(60, SECONDS)).as("child JVM ended").isTrue();
            String text = Files.readString(output, StandardCharsets.ISO_8859_1);
            assertThat(process.exitValue()).as("child JVM exit; its output:%n%s", text).isZero();
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(output, StandardCharsets.ISO_8859_1)) {
                properties.load(reader);
            }
            return properties;
        } finally {
            process.destroyForcibly();
        }
    }

    /** Runs in the child JVM: two threads deadlock on two monitors, a third waits on the first. */
    public static final class Child {

        public static void main(String[] args) throws Exception {
            Properties out = new Properties();
            Thread main = Thread.currentThread();

            Evidence calm = Evidence.capture(main);
            out.setProperty("calm.deadlock", calm.deadlock().orElse("none"));

            Object first = new Object();
            Object second = new Object();
            CountDownLatch bothHold = new CountDownLatch(2);
            Thread t1 = daemon("child-t1", () -> lockBoth(first, second, bothHold));
            Thread t2 = daemon("child-t2", () -> lockBoth(second, first, bothHold));
            awaitBlocked(t1);
            awaitBlocked(t2);
            Thread tail = daemon("child-tail", () -> {
                synchronized (first) {
                    // never entered: t1 holds it forever
                }
            });
            awaitBlocked(tail);

            Evidence evidence = Evidence.capture(t1);

            out.setProperty("t1", nameAndId(t1));
            out.setProperty("t2", nameAndId(t2));
            out.setProperty("tail", nameAndId(tail));
            out.setProperty("first", name(first));
            out.setProperty("second", name(second));
            out.setProperty("deadlock", evidence.deadlock().orElse("none"));
            out.setProperty("header", evidence.hungThreadHeader());
            out.setProperty("involves", "t1=" + evidence.involvesDeadlock(t1) + " t2=" + evidence.involvesDeadlock(t2)
                    + " tail=" + evidence.involvesDeadlock(tail) + " main=" + evidence.involvesDeadlock(main));
            out.setProperty("dump", evidence.threadDump());
            out.store(System.out, null);
            System.out.flush();
            System.exit(0); // the deadlocked daemons stay stuck; nothing else to wait for
        }

        static void lockBoth(Object mine, Object theirs, CountDownLatch bothHold) {
            synchronized (mine) {
                bothHold.countDown();
                try {
                    bothHold.await();
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (theirs) {
                    // never entered
                }
            }
        }

        private static Thread daemon(String name, Runnable body) {
            Thread thread = new Thread(body, name);
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        private static void awaitBlocked(Thread thread) throws InterruptedException {
            long deadline = System.nanoTime() + SECONDS.toNanos(10);
            while (thread.getState() != Thread.State.BLOCKED) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(thread.getName() + " is " + thread.getState() + ", not BLOCKED");
                }
                Thread.sleep(5);
            }
        }

        private static String nameAndId(Thread thread) {
            return "\"" + thread.getName() + "\" #" + thread.getId();
        }

        private static String name(Object lock) {
            return lock.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(lock));
        }
    }
}
