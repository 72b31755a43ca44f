package dev.reaper.internal.ladder;

import java.util.Optional;

import dev.reaper.Rung;

/** Turns on the cooperative stop flag that tests poll through {@link dev.reaper.Deadline}. */
final class FlagStep implements Step {

    @Override
    public Rung rung() {
        return Rung.FLAG;
    }

    @Override
    public String verb() {
        return "setting the stop flag";
    }

    @Override
    public int actsPerGrace() {
        return 1;
    }

    @Override
    public void act(HungThread target) {
        target.requestStop();
    }

    // A busy loop or an interrupt-swallowing loop that never polls the flag would cost a whole grace here
    // for nothing: the flag stays set, and the next rung acts at once.
    @Override
    public Optional<String> futileWait(HungThread target) {
        return target.stopFlagPolled() ? Optional.empty()
                : Optional.of("the test never polled the stop flag; not waiting for it");
    }
}
