package dev.reaper.internal.leak;

import java.util.ArrayList;
import java.util.List;

import dev.reaper.LeakAction;
import dev.reaper.LeakedThreadsException;

/** What users read about a leak: one headline, one entry per leak, and the failure that carries them. */
final class LeakReport {

    private final String test;
    private final List<Leak> leaks;
    private final LeakAction action;
    private final boolean stoppedWithHungTest;

    LeakReport(String test, List<Leak> leaks, LeakAction action, boolean stoppedWithHungTest) {
        this.test = test;
        this.leaks = leaks;
        this.action = action;
        this.stoppedWithHungTest = stoppedWithHungTest;
    }

    /** {@code CheckoutTest.pays() left 2 threads and 1 process running (reaper.leaks=warn)}. */
    String headline() {
        int threads = leaks.size() - Leak.ofKind(leaks, Leak.Kind.PROCESS).size();
        int processes = leaks.size() - threads;
        List<String> parts = new ArrayList<>(2);
        if (threads > 0) {
            parts.add(threads + (threads == 1 ? " thread" : " threads"));
        }
        if (processes > 0) {
            parts.add(processes + (processes == 1 ? " process" : " processes"));
        }
        return test + " left " + String.join(" and ", parts) + " running (reaper.leaks=" + action.configName()
                + (stoppedWithHungTest && action != LeakAction.STOP
                        ? "; the test hung, so Reaper stopped what it could" : "")
                + ")";
    }

    /** Headline and one entry per leak: header, origin, outcome, and the first frame of the application. */
    String text() {
        StringBuilder out = new StringBuilder(headline());
        for (Leak leak : leaks) {
            out.append("\n  ").append(leak.header()).append(" (").append(origin(leak.origin())).append(')');
            if (leak.outcome() != null) {
                out.append(": ").append(leak.outcome());
            }
            StackTraceElement frame = Frames.firstApplicationFrame(leak.stack());
            if (frame != null) {
                out.append("\n      at ").append(frame);
            }
        }
        return out.toString();
    }

    /** {@link #text()} with every leaked thread's whole stack, for the console. */
    String fullText() {
        StringBuilder out = new StringBuilder(headline());
        for (Leak leak : leaks) {
            out.append("\n  ").append(leak.header()).append(" (").append(origin(leak.origin())).append(')');
            if (leak.outcome() != null) {
                out.append(": ").append(leak.outcome());
            }
            for (StackTraceElement frame : leak.stack()) {
                out.append("\n      at ").append(frame);
            }
        }
        return out.toString();
    }

    /** One line per leak, no stacks: for a JUnit report entry. */
    String summary() {
        StringBuilder out = new StringBuilder(headline());
        for (Leak leak : leaks) {
            out.append("; ").append(leak.header());
            if (leak.outcome() != null) {
                out.append(": ").append(leak.outcome());
            }
        }
        return out.toString();
    }

    LeakedThreadsException exception() {
        List<LeakedThreadsException.LeakedThread> threads = new ArrayList<>();
        List<LeakedThreadsException.LeakedProcess> processes = new ArrayList<>();
        for (Leak leak : leaks) {
            if (leak.kind() == Leak.Kind.PROCESS) {
                processes.add(new LeakedThreadsException.LeakedProcess(leak.id(), leak.name(), leak.depth(),
                        leak.outcome()));
            } else {
                threads.add(new LeakedThreadsException.LeakedThread(
                        leak.header() + " (" + origin(leak.origin()) + ")"
                                + (leak.outcome() == null ? "" : ": " + leak.outcome()),
                        leak.name(), leak.id(), leak.state(), leak.daemon(), leak.kind() == Leak.Kind.VIRTUAL_THREAD,
                        leak.outcome(), leak.stack()));
            }
        }
        return new LeakedThreadsException(text(), test, threads, processes);
    }

    /** {@code created while it ran}, or, for a leak handed over by a dynamic test, while which test ran. */
    private String origin(Origin origin) {
        return origin.test().equals(test) ? origin.how() : "created while " + origin.test() + " ran";
    }
}
