package dev.reaper.internal.ladder;

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
}
