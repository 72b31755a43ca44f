package dev.reaper.internal.evidence;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.reaper.HungTestException.ThreadSnapshot;

/**
 * Evidence from real threads in real states. Every deadlock made here is on
 * {@code lockInterruptibly}, so {@link #endThreads()} can undo it and later tests in this JVM see no
 * stale deadlock; the pure {@code synchronized} deadlock, which can never be undone, is made in a
 * child JVM by {@link MonitorDeadlockInChildJvmTest}.
 */
class EvidenceTest {

    private static final int RECURSION = 20;

    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void endThreads() throws InterruptedException {
        for (Thread thread : started) {
            thread.interrupt();
        }
        for (Thread thread : started) {
            thread.join(SECONDS.toMillis(10));
            assertThat(thread.isAlive()).as("%s ended after the test", thread.getName()).isFalse();
        }
    }

    @Test
    void hungStackIsWhereTheThreadSleepsAndTheDumpHasTheWholeDeepStack() {
        Thread sleeper = start("evidence-deep-sleeper", EvidenceTest::deepSleeper);
        awaitSleepingIn(sleeper, "sleepForever");

        Evidence evidence = Evidence.capture(sleeper);

        List<String> methods = methods(evidence.hungStack());
        assertThat(methods.indexOf("sleepForever")).as(methods.toString()).isBetween(0, 5);
        assertThat(methods.stream().filter("descend"::equals)).hasSize(RECURSION + 1);
        assertThat(methods).contains("deepSleeper");

        String section = section(evidence.threadDump(), sleeper);
        assertThat(section).startsWith(evidence.hungThreadHeader() + "\n");
        assertThat(countLines(section, "\tat ")).isGreaterThanOrEqualTo(RECURSION + 3);
        assertThat(countLines(section, "\tat dev.reaper.internal.evidence.EvidenceTest.descend("))
                .isEqualTo(RECURSION + 1);
        // The frame right under the recursion, far beyond ThreadInfo.toString()'s 8 frames.
        assertThat(section).contains("\tat dev.reaper.internal.evidence.EvidenceTest.deepSleeper(EvidenceTest.java:");
        assertThat(evidence.threadDump()).as("hung thread first")
                .startsWith("Thread dump at ")
                .contains("\n\n" + evidence.hungThreadHeader() + "\n");
        assertThat(evidence.threadDump().indexOf("\n\n\""))
                .isEqualTo(evidence.threadDump().indexOf("\n\n" + nameAndId(sleeper)));
    }

    @Test
    void headerNamesTheThreadItsIdDaemonAndState() {
        Thread sleeper = start("evidence-header", EvidenceTest::sleepForever);
        awaitSleepingIn(sleeper, "sleepForever");

        Evidence evidence = Evidence.capture(sleeper);

        assertThat(evidence.hungThreadHeader()).isEqualTo(nameAndId(sleeper) + " daemon TIMED_WAITING");
    }

    @Test
    void lockedLinesStandUnderTheFrameThatLockedTheMonitor() {
        Vault vault = new Vault();
        Thread holder = start("evidence-monitor-holder", () -> holdMonitor(vault));
        awaitSleepingIn(holder, "sleepForever");

        Evidence evidence = Evidence.capture(holder);

        List<String> lines = Arrays.asList(section(evidence.threadDump(), holder).split("\n"));
        int frame = indexOfLineStartingWith(lines, "\tat dev.reaper.internal.evidence.EvidenceTest.holdMonitor(");
        assertThat(frame).as(String.join("\n", lines)).isPositive();
        assertThat(lines.get(frame + 1)).isEqualTo("\t- locked " + lockName(vault));
    }

    @Test
    void otherThreadsHaveEveryThreadButTheHungOneWithFullStacks() {
        Thread hung = start("evidence-hung", EvidenceTest::sleepForever);
        Thread bystander = start("evidence-bystander", EvidenceTest::deepSleeper);
        awaitSleepingIn(hung, "sleepForever");
        awaitSleepingIn(bystander, "sleepForever");

        List<ThreadSnapshot> others = Evidence.capture(hung).otherThreads();

        assertThat(others).noneMatch(snapshot -> snapshot.getMessage().startsWith(nameAndId(hung)));
        assertThat(others).anyMatch(snapshot -> snapshot.getMessage().startsWith(nameAndId(Thread.currentThread())));
        ThreadSnapshot snapshot = others.stream()
                .filter(other -> other.getMessage().startsWith(nameAndId(bystander)))
                .findFirst().orElseThrow();
        assertThat(snapshot.getMessage()).isEqualTo(nameAndId(bystander) + " daemon TIMED_WAITING");
        List<String> methods = methods(snapshot.getStackTrace());
        assertThat(methods).contains("sleepForever", "deepSleeper");
        assertThat(methods.stream().filter("descend"::equals)).hasSize(RECURSION + 1);
    }

    @Test
    void hungStackIsACopy() {
        Thread sleeper = start("evidence-copy", EvidenceTest::sleepForever);
        awaitSleepingIn(sleeper, "sleepForever");
        Evidence evidence = Evidence.capture(sleeper);

        evidence.hungStack()[0] = null;

        assertThat(evidence.hungStack()[0]).isNotNull();
    }

    @Test
    void noDeadlockWhenNothingIsDeadlocked() {
        Thread sleeper = start("evidence-no-deadlock", EvidenceTest::sleepForever);
        awaitSleepingIn(sleeper, "sleepForever");

        Evidence evidence = Evidence.capture(sleeper);

        assertThat(evidence.involvesDeadlock(sleeper)).isFalse();
        assertThat(evidence.involvesDeadlock(Thread.currentThread())).isFalse();
        // Empty even when another test left a deadlock behind in this JVM: that one is only in the dump.
        assertThat(evidence.deadlock()).isEmpty();
    }

    @Test
    void reentrantLockDeadlockIsNamedWithItsSynchronizersAndOwners() {
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        CountDownLatch bothHold = new CountDownLatch(2);
        Thread a = start("evidence-juc-a", () -> lockInOrder(first, second, bothHold));
        Thread b = start("evidence-juc-b", () -> lockInOrder(second, first, bothHold));
        await().atMost(10, SECONDS).until(() -> second.hasQueuedThread(a) && first.hasQueuedThread(b));

        Evidence evidence = Evidence.capture(a);

        String cycle = paragraphWith(evidence.deadlock().orElseThrow(), a);
        assertThat(cycle).startsWith("Deadlock (2 threads):\n");
        String syncPattern = "(java\\.util\\.concurrent\\.locks\\.ReentrantLock\\$NonfairSync@[0-9a-f]+)";
        String aWaitsFor = group(cycle, "  " + Pattern.quote(nameAndId(a)) + " is WAITING on " + syncPattern
                + " owned by " + Pattern.quote(nameAndId(b)) + "\n");
        String bWaitsFor = group(cycle, "  " + Pattern.quote(nameAndId(b)) + " is WAITING on " + syncPattern
                + " owned by " + Pattern.quote(nameAndId(a)) + "\n");
        assertThat(aWaitsFor).isNotEqualTo(bWaitsFor);
        assertThat(cycle).contains("    at dev.reaper.internal.evidence.EvidenceTest.lockInOrder(EvidenceTest.java:");
        // What each waits for is what the other holds, as the dump's synchronizer sections show.
        assertThat(section(evidence.threadDump(), b))
                .contains("\tLocked ownable synchronizers:\n\t- " + aWaitsFor + "\n");
        assertThat(section(evidence.threadDump(), a))
                .contains("\t- parking to wait for " + aWaitsFor + " owned by " + nameAndId(b) + "\n")
                .contains("\tLocked ownable synchronizers:\n\t- " + bWaitsFor + "\n");
        assertThat(evidence.hungThreadHeader())
                .isEqualTo(nameAndId(a) + " daemon WAITING on " + aWaitsFor + " owned by " + nameAndId(b));
        assertThat(evidence.involvesDeadlock(a)).isTrue();
        assertThat(evidence.involvesDeadlock(b)).isTrue();
        assertThat(evidence.involvesDeadlock(Thread.currentThread())).isFalse();
    }

    @Test
    void deadlockAcrossAMonitorAndAReentrantLockIsNamed() {
        Vault vault = new Vault();
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch bothHold = new CountDownLatch(2);
        Thread a = start("evidence-mixed-monitor-holder", () -> {
            synchronized (vault) {
                try {
                    meet(bothHold);
                    lock.lockInterruptibly(); // interrupted at the end of the test, which releases the vault
                    lock.unlock();
                } catch (InterruptedException e) {
                    // the test is over
                }
            }
        });
        Thread b = start("evidence-mixed-lock-holder", () -> {
            lock.lock();
            try {
                meet(bothHold);
                synchronized (vault) {
                    // entered only once a is interrupted
                }
            } catch (InterruptedException e) {
                // not reached once both hold
            } finally {
                lock.unlock();
            }
        });
        await().atMost(10, SECONDS).until(() -> lock.hasQueuedThread(a) && b.getState() == Thread.State.BLOCKED);

        Evidence evidence = Evidence.capture(b);

        String cycle = paragraphWith(evidence.deadlock().orElseThrow(), a);
        assertThat(cycle).startsWith("Deadlock (2 threads):\n")
                .contains(
                        "  " + nameAndId(b) + " is BLOCKED on " + lockName(vault) + " owned by " + nameAndId(a) + "\n")
                .containsPattern(Pattern.quote("  " + nameAndId(a) + " is WAITING on ")
                        + "java\\.util\\.concurrent\\.locks\\.ReentrantLock\\$NonfairSync@[0-9a-f]+"
                        + Pattern.quote(" owned by " + nameAndId(b) + "\n"));
        assertThat(section(evidence.threadDump(), a)).contains("\t- locked " + lockName(vault) + "\n");
        assertThat(section(evidence.threadDump(), b))
                .contains("\t- waiting to lock " + lockName(vault) + " owned by " + nameAndId(a) + "\n")
                .contains("\tLocked ownable synchronizers:\n");
        assertThat(evidence.involvesDeadlock(a)).isTrue();
        assertThat(evidence.involvesDeadlock(b)).isTrue();
    }

    @Test
    void independentCyclesAreListedEachOnItsOwn() {
        List<Thread[]> pairs = new ArrayList<>();
        for (String pair : List.of("one", "two")) {
            ReentrantLock first = new ReentrantLock();
            ReentrantLock second = new ReentrantLock();
            CountDownLatch bothHold = new CountDownLatch(2);
            Thread a = start("evidence-cycle-" + pair + "-a", () -> lockInOrder(first, second, bothHold));
            Thread b = start("evidence-cycle-" + pair + "-b", () -> lockInOrder(second, first, bothHold));
            await().atMost(10, SECONDS).until(() -> second.hasQueuedThread(a) && first.hasQueuedThread(b));
            pairs.add(new Thread[] {a, b});
        }

        Evidence evidence = Evidence.capture(pairs.get(0)[0]);

        // The failure names the hung thread's own cycle; the dump lists every cycle.
        assertThat(evidence.deadlock().orElseThrow()).contains(nameAndId(pairs.get(0)[1]))
                .doesNotContain(nameAndId(pairs.get(1)[0]));
        String text = evidence.threadDump().substring(evidence.threadDump().indexOf("Deadlock ("));
        String one = paragraphWith(text, pairs.get(0)[0]);
        String two = paragraphWith(text, pairs.get(1)[0]);
        assertThat(one).isNotEqualTo(two).startsWith("Deadlock (2 threads):\n")
                .contains(nameAndId(pairs.get(0)[1]) + " is WAITING")
                .doesNotContain(nameAndId(pairs.get(1)[0]), nameAndId(pairs.get(1)[1]));
        assertThat(two).startsWith("Deadlock (2 threads):\n")
                .contains(nameAndId(pairs.get(1)[1]) + " is WAITING")
                .doesNotContain(nameAndId(pairs.get(0)[0]), nameAndId(pairs.get(0)[1]));
        for (Thread[] pair : pairs) {
            assertThat(evidence.involvesDeadlock(pair[0])).isTrue();
            assertThat(evidence.involvesDeadlock(pair[1])).isTrue();
        }
    }

    @Test
    void aThreadWaitingOnADeadlockIsListedUnderItButNotAsAMember() {
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        CountDownLatch bothHold = new CountDownLatch(2);
        Thread a = start("evidence-tail-a", () -> lockInOrder(first, second, bothHold));
        Thread b = start("evidence-tail-b", () -> lockInOrder(second, first, bothHold));
        await().atMost(10, SECONDS).until(() -> second.hasQueuedThread(a) && first.hasQueuedThread(b));
        // Like a test thread calling into a service whose two workers deadlocked.
        Thread test = start("evidence-tail-test", () -> {
            try {
                first.lockInterruptibly();
                first.unlock();
            } catch (InterruptedException e) {
                // the test is over
            }
        });
        await().atMost(10, SECONDS).until(() -> first.hasQueuedThread(test));

        Evidence evidence = Evidence.capture(test);

        String cycle = paragraphWith(evidence.deadlock().orElseThrow(), a);
        assertThat(cycle).startsWith("Deadlock (2 threads):\n")
                .containsPattern("  Waiting on this deadlock \\(1 thread\\):\n    " + Pattern.quote(nameAndId(test))
                        + " is WAITING on \\S+ owned by " + Pattern.quote(nameAndId(a)) + "\n");
        assertThat(evidence.involvesDeadlock(test)).isFalse();
        assertThat(evidence.involvesDeadlock(a)).isTrue();
    }

    @Test
    void withoutJavaManagementTheDumpFallsBackToStackTracesAndSaysSo() {
        Thread hung = start("evidence-degraded-hung", EvidenceTest::sleepForever);
        Thread bystander = start("evidence-degraded-bystander", EvidenceTest::deepSleeper);
        awaitSleepingIn(hung, "sleepForever");
        awaitSleepingIn(bystander, "sleepForever");

        Evidence evidence = Evidence.capture(hung, () -> {
            throw new NoClassDefFoundError("java/lang/management/ManagementFactory");
        });

        assertThat(evidence.threadDump())
                .contains(
                        "Note: ThreadMXBean unavailable (java.lang.NoClassDefFoundError: java/lang/management/ManagementFactory)")
                .contains("Thread.getAllStackTraces()");
        assertThat(section(evidence.threadDump(), hung))
                .startsWith(nameAndId(hung) + " daemon TIMED_WAITING\n")
                .contains("EvidenceTest.sleepForever(");
        assertThat(section(evidence.threadDump(), bystander)).contains("EvidenceTest.deepSleeper(");
        assertThat(methods(evidence.hungStack())).contains("sleepForever");
        assertThat(evidence.deadlock()).isEmpty();
        assertThat(evidence.otherThreads())
                .anyMatch(snapshot -> snapshot.getMessage().startsWith(nameAndId(bystander)));
    }

    @Test
    void aThreadMxBeanThatSupportsNothingDegradesWithoutThrowing() {
        Thread hung = start("evidence-unsupported", EvidenceTest::sleepForever);
        awaitSleepingIn(hung, "sleepForever");
        ThreadMXBean unsupported = (ThreadMXBean) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ThreadMXBean.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName() + " unsupported here");
                });

        Evidence evidence = Evidence.capture(hung, () -> ThreadSampler.sample(unsupported));

        assertThat(evidence.threadDump())
                .contains(
                        "Note: deadlock detection unavailable (java.lang.UnsupportedOperationException: findMonitorDeadlockedThreads unsupported here)")
                .contains(
                        "Note: ThreadMXBean.dumpAllThreads failed (java.lang.UnsupportedOperationException: dumpAllThreads unsupported here)")
                .contains(nameAndId(hung) + " daemon TIMED_WAITING\n");
        assertThat(evidence.deadlock()).isEmpty();
        assertThat(evidence.involvesDeadlock(hung)).isFalse();
    }

    @Test
    void withoutMonitorAndSynchronizerSupportTheDumpSaysWhatIsMissing() {
        Vault vault = new Vault();
        Thread holder = start("evidence-no-monitor-usage", () -> holdMonitor(vault));
        awaitSleepingIn(holder, "sleepForever");
        ThreadMXBean real = ManagementFactory.getThreadMXBean();
        ThreadMXBean limited = (ThreadMXBean) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ThreadMXBean.class}, (proxy, method, args) -> {
                    if (method.getName().equals("isObjectMonitorUsageSupported")
                            || method.getName().equals("isSynchronizerUsageSupported")) {
                        return false;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        Evidence evidence = Evidence.capture(holder, () -> ThreadSampler.sample(limited));

        assertThat(evidence.threadDump())
                .contains("Note: deadlocks on java.util.concurrent locks not checked")
                .contains("Note: held monitors (\"- locked\") unavailable")
                .contains("Note: held java.util.concurrent locks unavailable");
        assertThat(section(evidence.threadDump(), holder)).contains("EvidenceTest.holdMonitor(")
                .doesNotContain("- locked");
    }

    @Test
    void aDeadlockIsStillReportedWhenTheDumpFallsBackToStackTraces() {
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        CountDownLatch bothHold = new CountDownLatch(2);
        Thread a = start("evidence-fallback-a", () -> lockInOrder(first, second, bothHold));
        Thread b = start("evidence-fallback-b", () -> lockInOrder(second, first, bothHold));
        await().atMost(10, SECONDS).until(() -> second.hasQueuedThread(a) && first.hasQueuedThread(b));
        ThreadMXBean real = ManagementFactory.getThreadMXBean();
        ThreadMXBean noDump = (ThreadMXBean) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ThreadMXBean.class}, (proxy, method, args) -> {
                    if (method.getName().equals("dumpAllThreads")) {
                        throw new SecurityException("no dump for you");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        Evidence evidence = Evidence.capture(a, () -> ThreadSampler.sample(noDump));

        // Without lock owners the cycle cannot be drawn, but the JVM's verdict is not lost.
        assertThat(evidence.deadlock().orElseThrow())
                .contains("Reported deadlocked by the JVM, cycle not resolved from the lock owners at hand:\n")
                .contains("  " + nameAndId(a) + " is WAITING\n")
                .contains("  " + nameAndId(b) + " is WAITING\n");
        assertThat(evidence.threadDump())
                .contains("Note: ThreadMXBean.dumpAllThreads failed (java.lang.SecurityException: no dump for you)");
        assertThat(evidence.involvesDeadlock(a)).as("the JVM's verdict").isTrue();
        assertThat(evidence.involvesDeadlock(b)).isTrue();
    }

    @Test
    void aThreadThatAlreadyEndedStillGetsEvidence() throws InterruptedException {
        Thread ended = start("evidence-ended", () -> {});
        ended.join(SECONDS.toMillis(10));

        Evidence evidence = Evidence.capture(ended);

        assertThat(evidence.hungStack()).isEmpty();
        assertThat(evidence.hungThreadHeader()).isEqualTo(nameAndId(ended) + " daemon TERMINATED");
        assertThat(evidence.threadDump()).contains("Note: the hung thread is not in the JVM's thread list");
        assertThat(evidence.otherThreads()).isNotEmpty();
    }

    @Test
    void captureWithTwoHundredThreadsIsQuick() {
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 200; i++) {
            start("evidence-crowd-" + i, () -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    // the test is over
                }
            });
        }
        Thread hung = start("evidence-crowd-hung", EvidenceTest::deepSleeper);
        awaitSleepingIn(hung, "sleepForever");
        Evidence.capture(hung); // warm up: first use loads and links the management classes

        long[] nanos = new long[5];
        Evidence evidence = null;
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            evidence = Evidence.capture(hung);
            nanos[i] = System.nanoTime() - start;
        }
        release.countDown();

        Arrays.sort(nanos);
        System.out.printf("Evidence.capture with %d threads on Java %s: median %.2f ms, max %.2f ms%n",
                evidence.otherThreads().size() + 1, Runtime.version(), nanos[2] / 1e6, nanos[4] / 1e6);
        assertThat(evidence.otherThreads()).hasSizeGreaterThan(200);
        assertThat(nanos[2]).as("median capture, ns").isLessThan(SECONDS.toNanos(2));
    }

    // --- threads in known states ---

    private Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        started.add(thread);
        thread.start();
        return thread;
    }

    private static void awaitSleepingIn(Thread thread, String method) {
        await().atMost(10, SECONDS).until(() -> thread.getState() == Thread.State.TIMED_WAITING
                && methods(thread.getStackTrace()).contains(method));
    }

    static void deepSleeper() {
        descend(RECURSION);
    }

    static void descend(int depth) {
        if (depth == 0) {
            sleepForever();
        } else {
            descend(depth - 1);
        }
    }

    /** Sleeps until interrupted. */
    static void sleepForever() {
        try {
            while (true) {
                Thread.sleep(60_000);
            }
        } catch (InterruptedException e) {
            // the test is over
        }
    }

    static void holdMonitor(Vault vault) {
        synchronized (vault) {
            sleepForever();
        }
    }

    static void lockInOrder(Lock mine, Lock theirs, CountDownLatch bothHold) {
        mine.lock();
        try {
            meet(bothHold);
            theirs.lockInterruptibly(); // the deadlock; interrupted at the end of the test
            theirs.unlock();
        } catch (InterruptedException e) {
            // the test is over
        } finally {
            mine.unlock();
        }
    }

    /** Both threads hold their first lock before either asks for the second. */
    private static void meet(CountDownLatch bothHold) throws InterruptedException {
        bothHold.countDown();
        bothHold.await();
    }

    /** A monitor with a recognisable class name. */
    static final class Vault {}

    // --- reading the text ---

    private static String lockName(Object lock) {
        return lock.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(lock));
    }

    private static String nameAndId(Thread thread) {
        return "\"" + thread.getName() + "\" #" + thread.getId();
    }

    private static List<String> methods(StackTraceElement[] stack) {
        List<String> methods = new ArrayList<>();
        for (StackTraceElement frame : stack) {
            methods.add(frame.getMethodName());
        }
        return methods;
    }

    /** The dump's part for one thread: from its header to the next thread's. */
    private static String section(String dump, Thread thread) {
        int start = dump.indexOf("\n\n" + nameAndId(thread) + " ");
        assertThat(start).as("%s in the dump:%n%s", thread.getName(), dump).isNotNegative();
        int end = dump.indexOf("\n\n\"", start + 2);
        return dump.substring(start + 2, end < 0 ? dump.length() : end + 1);
    }

    /** The deadlock paragraph (cycles are separated by blank lines) that mentions the thread. */
    private static String paragraphWith(String deadlock, Thread thread) {
        return Arrays.stream(deadlock.split("\n\n"))
                .filter(paragraph -> paragraph.contains(nameAndId(thread) + " is "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(thread.getName() + " not in:\n" + deadlock));
    }

    private static String group(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("/%s/ in:%n%s", regex, text).isTrue();
        return matcher.group(1);
    }

    private static int countLines(String text, String prefix) {
        return (int) text.lines().filter(line -> line.startsWith(prefix.replace("\n", ""))).count();
    }

    private static int indexOfLineStartingWith(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
