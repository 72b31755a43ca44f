package dev.reaper.internal.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.reaper.internal.process.OwnProcesses;
import dev.reaper.internal.util.Json;

/** The small parts of leak detection, each on its own. */
class LeakPartsTest {

    @Test
    void namePatternsAreGlobs() {
        NamePatterns patterns = NamePatterns.of(List.of("pool-*-thread-?", "exact", "a.b(c)*"));

        assertThat(patterns.matches("pool-1-thread-2")).isTrue();
        assertThat(patterns.matches("pool-12-thread-3")).isTrue();
        assertThat(patterns.matches("pool-1-thread-12")).isFalse();
        assertThat(patterns.matches("exact")).isTrue();
        assertThat(patterns.matches("exactly")).isFalse();
        assertThat(patterns.matches("a.b(c) and more")).as("regex characters are literal").isTrue();
        assertThat(patterns.matches("axb(c)")).isFalse();
        assertThat(NamePatterns.NONE.matches("anything")).isFalse();
    }

    @Test
    void wellKnownThreadsAreRecognised() {
        assertThat(KnownThreads.isKnownName("ForkJoinPool.commonPool-worker-3")).isTrue();
        assertThat(KnownThreads.isKnownName("process reaper")).isTrue();
        assertThat(KnownThreads.isKnownName("HttpClient-1-SelectorManager")).isTrue();
        assertThat(KnownThreads.isKnownName("junit-jupiter-timeout-watcher")).isTrue();
        assertThat(KnownThreads.isKnownName("surefire-forkedjvm-ping-30s")).isTrue();
        assertThat(KnownThreads.isKnownName("ForkJoinPool-2-worker-1")).as("a pool the test made").isFalse();
        assertThat(KnownThreads.isKnownName("pool-1-thread-1")).isFalse();
        Thread userThread = new Thread(() -> {}, "pool-1-thread-1");
        assertThat(KnownThreads.isKnown(userThread)).isFalse();
        assertThat(KnownThreads.isKnown(new Thread(PlatformThreads.ROOT, () -> {}, "anything"))).isTrue();
        ThreadGroup carriers = new ThreadGroup(PlatformThreads.ROOT, "CarrierThreads");
        assertThat(KnownThreads.isKnown(new Thread(carriers, () -> {}, "ForkJoinPool-1-delayScheduler"))).isTrue();
        ThreadGroup userGroup = new ThreadGroup("CarrierThreads"); // same name, below main: the user's
        assertThat(KnownThreads.isKnown(new Thread(userGroup, () -> {}, "worker"))).isFalse();
    }

    @Test
    void windowsOfUnrelatedWatchesOverlapButNestedOnesDoNot() {
        Overlaps.Window outer = Overlaps.open("[engine:junit-jupiter]/[class:A]");
        Overlaps.Window inner = Overlaps.open("[engine:junit-jupiter]/[class:A]/[method:t()]");
        assertThat(outer.ranAlone()).isTrue();
        assertThat(inner.ranAlone()).isTrue();
        inner.close();

        Overlaps.Window sibling = Overlaps.open("[engine:junit-jupiter]/[class:A]/[method:u()]");
        Overlaps.Window prefixOnly = Overlaps.open("[engine:junit-jupiter]/[class:AB]");
        assertThat(sibling.ranAlone()).isFalse();
        assertThat(prefixOnly.ranAlone()).isFalse();
        assertThat(outer.ranAlone()).as("[class:AB] is not inside [class:A]").isFalse();
        assertThat(inner.ranAlone()).as("closed before the others opened").isTrue();
        sibling.close();
        prefixOnly.close();
        outer.close();
    }

    @Test
    void threadIdMarksOnlyGrow() {
        long mark = ThreadIds.mark();
        Thread later = new Thread(() -> {});

        assertThat(later.getId()).isGreaterThan(mark);
        assertThat(ThreadIds.mark()).isGreaterThan(later.getId());
    }

    @Test
    void jsonReadsWhatTheThreadDumpWrites() {
        Object parsed = Json
                .parse("{\"a\": [1, -2.5e3, true, false, null, \"x\\\"y\\\\z\\/w\\u0041\\n\"], \"b\": {}, \"c\": []}");

        assertThat(parsed).isEqualTo(Map.of(
                "a", java.util.Arrays.asList("1", "-2.5e3", true, false, null, "x\"y\\z/wA\n"),
                "b", Map.of(),
                "c", List.of()));
        assertThatThrownBy(() -> Json.parse("{\"a\": 1} x")).hasMessageContaining("trailing");
        assertThatThrownBy(() -> Json.parse("{\"a\" 1}")).hasMessageContaining("expected ':'");
    }

    @Test
    void virtualThreadsAreReadFromBothDumpFormats() {
        String jdk25 =
                """
                        {"threadDump": {"processId": "1", "threadContainers": [
                          {"container": "<root>", "parent": null, "owner": null, "threads": [
                            {"tid": "3", "name": "main", "state": "RUNNABLE", "stack": ["java.base\\/java.lang.Thread.sleep(Thread.java:540)"]},
                            {"tid": "31", "virtual": true, "name": "vspin", "state": "RUNNABLE",
                             "stack": ["app.Spin.run(Spin.java:12)"], "carrier": "25"}
                          ], "threadCount": "2"},
                          {"container": "java.util.concurrent.ThreadPerTaskExecutor@1", "parent": "<root>", "owner": null,
                           "threads": [{"tid": "40", "virtual": true, "name": "", "state": "WAITING", "stack": []}]}
                        ]}}""";
        String jdk21 = """
                {"threadDump": {"threadContainers": [{"container": "<root>", "threads": [
                  {"tid": "3", "name": "main", "stack": []}, {"tid": "31", "name": "", "stack": []}]}]}}""";

        assertThat(VirtualThreads.threads(jdk25)).extracting(VirtualThreads.Dumped::id, VirtualThreads.Dumped::virtual)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, null),
                        org.assertj.core.groups.Tuple.tuple(31L, true),
                        org.assertj.core.groups.Tuple.tuple(40L, true));
        assertThat(VirtualThreads.threads(jdk25).get(1).stack()).containsExactly("app.Spin.run(Spin.java:12)");
        assertThat(VirtualThreads.threads(jdk21)).extracting(VirtualThreads.Dumped::state).containsOnlyNulls();
    }

    @Test
    void dumpFramesBecomeStackTraceElements() {
        assertThat(Frames.parse("java.base/java.lang.Thread.sleep(Thread.java:540)"))
                .hasToString("java.base/java.lang.Thread.sleep(Thread.java:540)");
        assertThat(Frames.parse("java.base@25.0.3/java.lang.Object.wait0(Native Method)"))
                .hasToString("java.base/java.lang.Object.wait0(Native Method)");
        assertThat(Frames.parse("app.Spin.lambda$run$0(Spin.java:12)"))
                .hasToString("app.Spin.lambda$run$0(Spin.java:12)");
        assertThat(Frames.parse("app//app.Spin.run(Unknown Source)")).hasToString("app.Spin.run(Unknown Source)");
        assertThat(Frames.parse("my.module@1.2/app.Spin.run(Spin.java:3)"))
                .hasToString("my.module@1.2/app.Spin.run(Spin.java:3)");
        assertThat(Frames.parse("not a frame")).hasToString("not a frame.(Unknown Source)");
    }

    @Test
    void busyReapersNameTheirChild() {
        assertThat(PlatformThreads.childPidOf(new Thread(() -> {}, "process reaper (pid 4711)"))).isEqualTo(4711);
        assertThat(PlatformThreads.childPidOf(new Thread(() -> {}, "process reaper"))).isEqualTo(-1);
        assertThat(PlatformThreads.isIdleReaper(new Thread(() -> {}, "process reaper"))).isTrue();
        assertThat(PlatformThreads.childPidOf(new Thread(() -> {}, "worker"))).isEqualTo(-1);
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "zombies are told apart through /proc")
    void aZombieIsNotALeak() throws Exception {
        // The shell's background sleep ends at once; after the exec its parent is a sleep that never
        // reaps it, so it stays a zombie: what a killed child is until its reaper collects it.
        Process child = new ProcessBuilder("sh", "-c", "sleep 0 & exec sleep 600").start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> child.descendants()
                    .anyMatch(descendant -> !Subprocesses.isRunning(descendant)));
            assertThat(child.descendants().filter(ProcessHandle::isAlive)).as("the zombie counts as alive").hasSize(1);

            List<Leak> leaks = Subprocesses.of(Set.of(child.pid()), new Origin("t()", Origin.WHILE_RUNNING, false),
                    new OwnProcesses());

            assertThat(leaks).singleElement().satisfies(leak -> {
                assertThat(leak.id()).isEqualTo(child.pid());
                assertThat(leak.depth()).isEqualTo(1);
            });
        } finally {
            child.destroyForcibly().waitFor();
        }
    }
}
