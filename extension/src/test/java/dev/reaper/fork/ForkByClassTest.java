package dev.reaper.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reaper.HungTestException;
import dev.reaper.Rung;
import dev.reaper.WorkerExitedException;
import dev.reaper.testing.Kit;

/**
 * Fork isolation by class: a class runs once, as a whole, in a worker, and nothing of it in this JVM; a
 * kill or an exit costs the test that was running and nothing else; classes run in workers side by side.
 */
class ForkByClassTest {

    @TempDir
    Path dir;

    @BeforeEach
    void shareTheDirectory() {
        System.setProperty(ByClassFixtures.DIR, dir.toString());
    }

    @AfterEach
    void forgetTheDirectory() {
        System.clearProperty(ByClassFixtures.DIR);
    }

    private List<Long> pids(String file) throws IOException {
        Path path = dir.resolve(file);
        return Files.exists(path) ? Files.readAllLines(path).stream().map(Long::parseLong).toList() : List.of();
    }

    private List<String> files(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith(prefix)).sorted()
                    .toList();
        }
    }

    @Test
    void aClassRunsOnceInAWorkerAndIsNeverConstructedHere() throws IOException {
        Kit kit = Kit.run(ByClassFixtures.TenTests.class);

        for (int i = 1; i <= 10; i++) {
            kit.assertSuccessful(String.format("t%02d", i));
        }
        long here = ProcessHandle.current().pid();
        assertThat(pids("beforeAll")).hasSize(1).doesNotContain(here);
        assertThat(pids("constructed")).hasSize(10).containsOnly(pids("beforeAll").get(0));
        assertThat(pids("afterAll")).containsExactlyElementsOf(pids("beforeAll"));
    }

    @Test
    void aParameterizedTestGeneratesItsArgumentsOnceAndJUnitsTimeoutTimesOnlyTheTest() throws IOException {
        Kit kit = Kit.run(ByClassFixtures.ManyInvocations.class);

        assertThat(kit.events(event -> event.getType() == org.junit.platform.testkit.engine.EventType.FINISHED
                && event.getTestDescriptor().isTest()
                && event.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .getStatus() == org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL))
                .hasSize(2_001);
        // Selected once, as a template, the arguments are generated once, not once per invocation.
        assertThat(pids("generated")).hasSize(1);
        // A worker's start is no part of the 200 ms JUnit gives the test.
        kit.assertSuccessful("quickUnderJUnitsTimeout");
    }

    @Test
    void nothingReaperCreatesOutlivesTheRun() throws IOException {
        // The channels' directories go to this run's own temporary directory, where nobody else writes.
        Path temporary = Files.createDirectory(dir.resolve("tmp"));
        String before = System.setProperty("java.io.tmpdir", temporary.toString());
        try {
            Kit.run(List.of(selectClass(ByClassFixtures.DeadlockThird.class),
                    selectClass(ByClassFixtures.ExitInSecond.class),
                    selectClass(ByClassFixtures.DeadlockWithoutKill.class)),
                    "reaper.ladder", "interrupt, flag, stop");
        } finally {
            System.setProperty("java.io.tmpdir", before);
        }

        try (Stream<Path> left = Files.list(temporary)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void withoutTheReaperEngineEachTestRunsInAWorkerByItself() throws IOException {
        // A build that includes only the Jupiter engine: the test-by-test fallback, said once.
        org.junit.platform.testkit.engine.EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(ByClassFixtures.TenTests.class)).execute()
                .testEvents().assertStatistics(stats -> stats.succeeded(10));

        assertThat(pids("beforeAll")).hasSize(10).doesNotContain(ProcessHandle.current().pid());
        assertThat(pids("constructed")).contains(ProcessHandle.current().pid());
    }

    @Test
    void aSpringContextLoadsOnceInTheWorker() throws IOException {
        Kit kit = Kit.run(ByClassFixtures.SpringInAWorker.class);

        kit.assertSuccessful("first").assertSuccessful("second").assertSuccessful("third");
        assertThat(pids("context")).hasSize(1).doesNotContain(ProcessHandle.current().pid());
    }

    @Test
    void aKilledTestCostsOnlyItselfAndTheClassGoesOnInAFreshWorker() throws IOException {
        Kit kit = Kit.run(ByClassFixtures.DeadlockThird.class);

        kit.assertSuccessful("t1").assertSuccessful("t2");
        HungTestException hung = kit.hung("t3");
        assertThat(hung.stoppedBy()).contains(Rung.KILL);
        assertThat(hung.deadlock()).hasValueSatisfying(deadlock -> assertThat(deadlock).contains("deadlock-partner"));
        kit.assertSuccessful("t4").assertSuccessful("t5").assertSuccessful("t6");
        kit.assertSuccessful("DeadlockThird");

        List<Long> workers = pids("beforeAll");
        assertThat(workers).hasSize(2).doesNotHaveDuplicates();
        assertThat(pids("t1")).containsExactly(workers.get(0));
        assertThat(pids("t3")).containsExactly(workers.get(0));
        assertThat(pids("t4")).containsExactly(workers.get(1));
        assertThat(pids("t6")).containsExactly(workers.get(1));
        assertThat(kit.events(event -> event.getType() == org.junit.platform.testkit.engine.EventType.FINISHED))
                .as("every test and container finished once").hasSize(8);
    }

    @Test
    void anExitFailsItsTestNamingTheStatusAndTheRestPass() throws IOException {
        Kit kit = Kit.run(ByClassFixtures.ExitInSecond.class);

        kit.assertSuccessful("t1").assertSuccessful("t3").assertSuccessful("t4");
        assertThat(kit.failure("t2")).isInstanceOf(WorkerExitedException.class)
                .hasMessageContaining("ExitInSecond.t2() exited during the test").hasMessageContaining("code 3");
        assertThat(pids("t1")).doesNotContainAnyElementsOf(pids("t3"));
    }

    @Test
    void aKilledTestIsDescribedWithTheLadderItsAnnotationGaveNotTheConfigurations() throws IOException {
        Kit kit =
                Kit.run(ByClassFixtures.DeadlockWithItsOwnLadder.class, "reaper.ladder", "interrupt, flag, stop, kill");

        HungTestException hung = kit.hung("a_deadlocks");
        assertThat(hung.stoppedBy()).contains(Rung.KILL);
        assertThat(hung.getMessage()).contains("the worker JVM's own ladder (interrupt, stop) could not stop it")
                .doesNotContain("flag");
        kit.assertSuccessful("b_passes");
        assertThat(pids("b")).doesNotContainAnyElementsOf(pids("a"));
    }

    @Test
    void withoutTheKillRungAnUnstoppableTestIsAZombieAndItsWorkerIsRetiredNotKilled() throws IOException {
        Kit kit = Kit.run(ByClassFixtures.DeadlockWithoutKill.class, "reaper.ladder", "interrupt, flag, stop");

        HungTestException hung = kit.hung("a_deadlocks");
        assertThat(hung.isZombie()).isTrue();
        assertThat(hung.stoppedBy()).isEmpty();
        assertThat(hung.getMessage()).doesNotContain("was killed");
        kit.assertSuccessful("b_passes");
        assertThat(pids("b")).doesNotContainAnyElementsOf(pids("a"));
    }

    @Test
    void aThreadMethodInAForkClassRunsWithItsClassInTheWorkerAndIsNeverKilled() throws IOException {
        Kit kit = Kit.run(ByClassFixtures.ThreadMethodInForkClass.class);

        HungTestException hung = kit.hung("a_deadlocks");
        assertThat(hung.isZombie()).isTrue();
        assertThat(hung.stoppedBy()).isEmpty();
        kit.assertSuccessful("b_passes");
        List<Long> workers = pids("beforeAll");
        assertThat(workers).hasSize(2).doesNotContain(ProcessHandle.current().pid());
        assertThat(pids("a")).containsExactly(workers.get(0));
        assertThat(pids("b")).containsExactly(workers.get(1));
    }

    @Test
    void classesRunInTwoWorkersAtOnceAndNeverMore() throws IOException {
        Kit kit = Kit.run(List.of(selectClass(ByClassFixtures.RendezvousA.class),
                selectClass(ByClassFixtures.RendezvousB.class), selectClass(ByClassFixtures.RendezvousC.class),
                selectClass(ByClassFixtures.RendezvousD.class)), "reaper.fork.workers", "2");

        assertThat(kit.events(event -> event.getType() == org.junit.platform.testkit.engine.EventType.FINISHED
                && event.getTestDescriptor().isTest())).hasSize(4)
                .allSatisfy(event -> assertThat(event.getRequiredPayload(
                        org.junit.platform.engine.TestExecutionResult.class).getStatus())
                        .isEqualTo(org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL));
        assertThat(files("met-")).containsExactly("met-true");
        assertThat(files("concurrency-")).isNotEmpty().allSatisfy(
                name -> assertThat(Integer.parseInt(name.substring("concurrency-".length()))).isBetween(1, 2));
    }

    @Test
    void aDynamicTestOrInvocationSelectedByItsUniqueIdRunsAloneAsInJupiter() throws IOException {
        // As Surefire reruns failed tests (rerunFailingTestsCount): by unique ID, here the Reaper engine's.
        String testClass = "[engine:reaper]/[class:" + ByClassFixtures.PartlySelected.class.getName() + "]";
        Kit kit = Kit.run(List.of(selectUniqueId(testClass + "/[test-factory:dynamic()]/[dynamic-test:#2]"),
                selectUniqueId(testClass + "/[test-template:invocation(int)]/[test-template-invocation:#3]")));

        kit.assertSuccessful("dynamic 2").assertSuccessful("[3]");
        assertThat(kit.events(event -> event.getType() == org.junit.platform.testkit.engine.EventType.FINISHED
                && event.getTestDescriptor().isTest())).hasSize(2);
        assertThat(files("dynamic-")).containsExactly("dynamic-2");
        assertThat(files("invocation-")).containsExactly("invocation-3");
    }
}
