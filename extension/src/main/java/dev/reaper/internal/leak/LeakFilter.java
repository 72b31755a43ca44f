package dev.reaper.internal.leak;

import dev.reaper.internal.config.LeakPolicy;

/**
 * Which suspects a test is not asked about: the well-known threads, the names the user ignores for
 * every test ({@code reaper.leaks.ignore}) and those this test may leave running
 * ({@code @Reaper(allowLeaks)}). Compiled once per watch, and only when the scan found a suspect.
 */
final class LeakFilter {

    enum Verdict {
        /** Not a leak for anyone; not claimed. */
        IGNORED,
        /** This test's, and allowed: claimed, so that its class does not report it either. */
        ALLOWED,
        SUSPECT
    }

    private final NamePatterns ignored;
    private final NamePatterns allowed;

    private LeakFilter(NamePatterns ignored, NamePatterns allowed) {
        this.ignored = ignored;
        this.allowed = allowed;
    }

    static LeakFilter of(LeakPolicy policy) {
        return new LeakFilter(NamePatterns.of(policy.ignore()), NamePatterns.of(policy.allowed()));
    }

    Verdict thread(Thread thread) {
        if (KnownThreads.isKnown(thread)) {
            return Verdict.IGNORED;
        }
        return byName(thread.getName());
    }

    Verdict virtualThread(String name) {
        return KnownThreads.isKnownName(name) ? Verdict.IGNORED : byName(name);
    }

    Verdict process(String commandLine) {
        return byName(commandLine);
    }

    private Verdict byName(String name) {
        if (ignored.matches(name)) {
            return Verdict.IGNORED;
        }
        return allowed.matches(name) ? Verdict.ALLOWED : Verdict.SUSPECT;
    }
}
