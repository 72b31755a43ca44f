package dev.reaper.internal.ladder;

import dev.reaper.Rung;

/**
 * {@link Thread#interrupt()}, repeated: code that catches {@link InterruptedException} in a retry loop
 * often ends on a later interrupt, once it has left the blocking call that swallowed the first.
 */
final class InterruptStep implements Step {

    @Override
    public Rung rung() {
        return Rung.INTERRUPT;
    }

    @Override
    public String verb() {
        return "interrupting";
    }

    @Override
    public int actsPerGrace() {
        return 5;
    }

    @Override
    public void act(HungThread target) {
        target.interrupt();
    }
}
