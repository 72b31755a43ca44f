package dev.reaper.report;

import org.junit.jupiter.api.Test;

import dev.reaper.Reaper;

/** Run in a child JVM by {@link GitHubActionsTest}: one test hangs, one passes. */
@Reaper(timeout = "300 ms", grace = "300 ms")
public class GitHubFixture {

    @Test
    void hangs() {
        while (true) {
            try {
                Thread.sleep(10_000); // the annotated line: the topmost frame of the project's own code
            } catch (InterruptedException swallowed) {
                // the interrupt rung fails; the stop rung ends it
            }
        }
    }

    @Test
    void passes() {
    }
}
