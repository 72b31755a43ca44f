package dev.reaper.internal.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A launcher session is a run: {@link RunSession} opens its {@link ReaperRun} with it, which is the current
 * one until the session closes, and a later session gets a run of its own.
 */
class ReaperRunTest {

    @Test
    void aLauncherSessionsRunIsTheCurrentOneUntilItCloses() {
        ReaperRun outside = ReaperRun.current();
        ReaperRun inside;
        try (LauncherSession session = LauncherFactory.openSession()) {
            inside = ReaperRun.current();
            assertThat(ReaperRun.current()).isSameAs(inside);
            assertThat(inside).isNotSameAs(outside);
        }

        assertThat(ReaperRun.current()).isNotSameAs(inside);
    }

    @Test
    void aLaterSessionDoesNotInheritTheBudgetOrTheLauncherKeysOfAnEarlierOne() {
        try (LauncherSession first = LauncherFactory.openSession()) {
            ReaperRun run = ReaperRun.current();
            run.budget().exhaust("reaper.run.timeout of 1 s exhausted");
            assertThat(run.budget().exhaustedReason()).contains("reaper.run.timeout of 1 s exhausted");
        }
        try (LauncherSession second = LauncherFactory.openSession()) {
            ReaperRun run = ReaperRun.current();
            assertThat(run.budget().exhaustedReason()).isEmpty();
            assertThat(run.budget().notRunReason()).isEmpty();
        }
    }

    @Test
    void everyRunHandsDownTheJvmsOneReportsAndWorkerProcesses() {
        ReaperRun closed = ReaperRun.open();
        closed.close();
        ReaperRun current = ReaperRun.current();

        assertThat(current).isNotSameAs(closed);
        assertThat(current.reports()).isSameAs(closed.reports());
        assertThat(current.workerProcesses()).isSameAs(closed.workerProcesses());
    }
}
