package dev.reaper.internal.leak;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import dev.reaper.internal.process.OwnProcesses;
import dev.reaper.internal.util.ReaperThread;

/**
 * Finds what a test (or class) left running, in one pass over the live platform threads:
 *
 * <ul>
 *   <li>threads created after the test began: only when no unrelated test ran meanwhile
 *       ({@link Overlaps}); otherwise the enclosing class answers for them if it ran alone;
 *   <li>virtual threads created after the test began (a JSON dump), only when it ran alone, carrier
 *       threads exist (virtual threads ran lately), and some thread id taken during the test belongs to
 *       no live platform thread;
 *   <li>processes: children whose reapers were not busy when the test began, with their descendants,
 *       only when it ran alone; while an idle-named reaper exists (a child may have just been started)
 *       the children are listed from the process table instead.
 * </ul>
 *
 * The common case (nothing started, nothing left) costs the enumeration and one comparison per thread.
 */
final class Attribution {

    private Attribution() {
    }

    /**
     * @param test the test's name, asked for only when something is found
     * @param own  the run's fork workers, which are no leak
     */
    static List<Leak> find(Supplier<String> test, Mark mark, boolean hung, List<Leak> adopted,
            Supplier<LeakFilter> filters, OwnProcesses own) {
        boolean alone = mark.window().ranAlone();
        long idMarkNow = VirtualThreads.SUPPORTED && alone ? ThreadIds.mark() : Long.MAX_VALUE;
        Thread[] threads = PlatformThreads.all();

        List<Leak> found = null;
        // First: what a dynamic test handed over names it, and the first claim of a thread wins.
        for (Leak leak : adopted) {
            if (leak.isAlive()) {
                found = add(found, leak);
            }
        }
        boolean carriers = false;
        long newerPlatformThreads = 0;
        Set<Long> newChildren = null;
        boolean unsureOfChildren = false;
        for (Thread thread : threads) {
            long id = thread.getId();
            if (id > mark.threadIds() && id < idMarkNow) {
                newerPlatformThreads++;
            }
            if (thread instanceof ReaperThread) {
                continue;
            }
            carriers |= PlatformThreads.isCarrier(thread);
            long pid = PlatformThreads.childPidOf(thread);
            if (pid > 0 && !mark.childPids().contains(pid)) {
                if (newChildren == null) {
                    newChildren = new HashSet<>();
                }
                newChildren.add(pid);
            }
            unsureOfChildren |= pid < 0 && PlatformThreads.isIdleReaper(thread);
            if (alone && id > mark.threadIds() && thread.isAlive()) {
                found = add(found, Leak.thread(thread, new Origin(test.get(), Origin.WHILE_RUNNING, hung)));
            }
        }
        // Ids taken during the test that no live platform thread holds: a thread that ended, or a virtual one.
        long unexplainedIds = idMarkNow - mark.threadIds() - 1 - newerPlatformThreads;
        if (alone && carriers && unexplainedIds > 0) {
            Set<Long> platformIds = new HashSet<>();
            for (Thread thread : threads) {
                platformIds.add(thread.getId());
            }
            for (VirtualThreads.Dumped virtual : VirtualThreads.newerThan(mark.threadIds(), platformIds)
                    .orElse(List.of())) {
                found = add(found, Leak.virtualThread(virtual, new Origin(test.get(), Origin.WHILE_RUNNING, hung)));
            }
        }
        if (alone && unsureOfChildren) {
            for (long pid : PlatformThreads.childPids()) {
                if (!mark.childPids().contains(pid)) {
                    newChildren = newChildren == null ? new HashSet<>() : newChildren;
                    newChildren.add(pid);
                }
            }
        }
        if (alone && newChildren != null) {
            for (Leak process : Subprocesses.of(newChildren, new Origin(test.get(), Origin.WHILE_RUNNING, hung), own)) {
                found = add(found, process);
            }
        }
        return found == null ? List.of() : filter(found, filters.get());
    }

    /** Drops what is well known, ignored or allowed, and what another test (or this one) already answered for. */
    private static List<Leak> filter(List<Leak> found, LeakFilter filter) {
        List<Leak> leaks = new ArrayList<>(found.size());
        for (Leak leak : found) {
            LeakFilter.Verdict verdict = switch (leak.kind()) {
                case THREAD -> filter.thread(leak.thread());
                case VIRTUAL_THREAD -> filter.virtualThread(leak.name());
                case PROCESS -> filter.process(leak.name());
            };
            if (verdict != LeakFilter.Verdict.IGNORED && Claims.claim(leak) && verdict == LeakFilter.Verdict.SUSPECT) {
                leaks.add(leak);
            }
        }
        return leaks;
    }

    private static List<Leak> add(List<Leak> list, Leak leak) {
        List<Leak> result = list == null ? new ArrayList<>() : list;
        result.add(leak);
        return result;
    }
}
