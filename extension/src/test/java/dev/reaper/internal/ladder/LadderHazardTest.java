package dev.reaper.internal.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.reaper.Rung;

/**
 * How the ladder treats a rung whose act would break more than the hung code, without real threads
 * (those are in ClinitStopTest): noted and acted on in thread isolation, skipped in a fork worker.
 */
class LadderHazardTest {

    static final Hazard HAZARD = new Hazard("stopping it inside X", "it is inside X");

    final HungThread target = mock(HungThread.class);
    final List<String> lines = new ArrayList<>();

    /** A stop-like rung acting three times a grace, hazardous as scripted, one answer per ask. */
    static final class ScriptedStep implements Step {
        final Deque<Optional<Hazard>> hazards;
        int acts;

        @SafeVarargs
        ScriptedStep(Optional<Hazard>... hazards) {
            this.hazards = new ArrayDeque<>(Arrays.asList(hazards));
        }

        @Override
        public Rung rung() {
            return Rung.STOP;
        }

        @Override
        public String verb() {
            return "stopping the thread";
        }

        @Override
        public int actsPerGrace() {
            return 3;
        }

        @Override
        public void act(HungThread target) {
            acts++;
        }

        @Override
        public Optional<Hazard> hazard(HungThread target) {
            return hazards.isEmpty() ? Optional.empty() : hazards.poll();
        }
    }

    @Test
    void inThreadIsolationTheRungActsAndTheHazardIsNotedOnce() {
        ScriptedStep stop = new ScriptedStep(Optional.of(HAZARD), Optional.of(HAZARD), Optional.empty());

        Climb climb = new Ladder(List.of(stop), false).climb(target, Duration.ofMillis(3), lines::add);

        assertThat(stop.acts).isEqualTo(3);
        assertThat(climb.tried()).containsExactly(Rung.STOP);
        assertThat(climb.notes()).containsExactly("stopping it inside X");
        assertThat(climb.skipped()).isEmpty();
        assertThat(lines).containsExactly("stopping the thread", "stopping it inside X");
    }

    @Test
    void inAWorkerTheRungIsSkippedAndTheNextRungStillActs() {
        ScriptedStep stop = new ScriptedStep(Optional.of(HAZARD));
        when(target.thread()).thenReturn(new Thread(() -> {}, "not started"));
        when(target.awaitFinish(anyLong())).thenReturn(false);

        Climb climb = new Ladder(List.of(stop, new InterruptStep()), true).climb(target, Duration.ofMillis(1),
                lines::add);

        assertThat(stop.acts).isZero();
        assertThat(climb.tried()).containsExactly(Rung.INTERRUPT);
        assertThat(climb.skipped()).containsExactly("stop rung skipped: it is inside X");
        assertThat(climb.notes()).isEmpty();
        assertThat(lines).containsExactly("stop rung skipped: it is inside X", "interrupting");
    }

    @Test
    void inAWorkerTheRungStopsActingWhenTheThreadMovesIntoTheHazard() {
        ScriptedStep stop = new ScriptedStep(Optional.empty(), Optional.of(HAZARD));

        Climb climb = new Ladder(List.of(stop), true).climb(target, Duration.ofMillis(1), lines::add);

        assertThat(stop.acts).isEqualTo(1);
        assertThat(climb.tried()).containsExactly(Rung.STOP);
        assertThat(climb.skipped()).containsExactly("stop rung skipped: it is inside X");
        assertThat(climb.isZombie()).isTrue();
    }

    @Test
    void theOldFactoryIsThreadIsolation() {
        when(target.thread()).thenReturn(new Thread(() -> {}));

        Climb climb = Ladder.forThreads(List.of(Rung.INTERRUPT)).climb(target, Duration.ofMillis(1), lines::add);

        assertThat(climb.notes()).isEmpty();
        assertThat(climb.skipped()).isEmpty();
    }
}
