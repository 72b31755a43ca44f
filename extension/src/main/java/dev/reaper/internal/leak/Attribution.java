package dev.reaper.internal.leak;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import dev.reaper.internal.run.ThreadIsolation;

/**
 * Finds what a test (or class) left running, in one pass over the live platform threads:
 *
 * <ul>
 *   <li>threads in its thread groups: certain, also under parallel execution, since each test's
 *       managed thread is alone in its group and the threads it starts inherit the group;
 *   <li>threads outside every test's group, created after the test began: only when no unrelated test
 *       ran meanwhile ({@link Overlaps}); otherwise the enclosing class answers for them if it ran alone;
 *   <li>virtual threads created after the test began (a JSON dump), only when it ran alone, carrier
 *       threads exist (virtual threads ran lately), and some thread id taken during the test belongs to
 *       no live platform thread;
 *   <li>processes: children whose reapers were not busy when the test began, with their descendants,
 *       only when it ran alone; while an idle-named reaper exists (a child may have just been started)
 *       the children are listed from the process table instead (about 0.7 ms).
 * </ul>
 *
 * The common case (nothing started, nothing left) costs the enumeration and one comparison per thread.
 */
final class Attribution {

    private Attribution() {
    }

    /** @param test the test's name, asked for only when something is found */
    static List<Leak> find(Supplier<String> test, Mark mark, List<ThreadGroup> groups, boolean hung, List<Leak> adopted,
            Supplier<LeakFilter> filters) {
        boolean alone = mark.window().ranAlone();
        long idMarkNow = VirtualThreads.SUPPORTED && alone ? ThreadIds.mark() : Long.MAX_VALUE;
        ThreadGroup[] own = groups.toArray(ThreadGroup[]::new);
        Thread[] threads = PlatformThreads.all();

        List<Leak> found = null;
        boolean carriers = false;
        long newerPlatformThreads = 0;
        Set<Long> newChildren = null;
        boolean unsureOfChildren = false;
        for (Thread thread : threads) {
            long id = thread.getId();
            if (id > mark.threadIds() && id < idMarkNow) {
                newerPlatformThreads++;
            }
            if (ThreadIsolation.isManagedThread(thread)) {
                continue; // Reaper's own; a hung one is a zombie, reported as such
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
            ThreadGroup group = thread.getThreadGroup();
            if (group == null) {
                continue; // ended since the enumeration
            }
            Owner owner = owner(group, own);
            String how = owner == Owner.THIS ? Origin.IN_GROUP
                    : owner == Owner.NONE && alone && id > mark.threadIds() ? Origin.WHILE_RUNNING : null;
            if (how != null) {
                found = add(found, Leak.thread(thread, new Origin(test.get(), how, hung)));
            }
        }
        for (Leak leak : adopted) {
            if (leak.isAlive()) {
                found = add(found, leak);
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
            for (Leak process : Subprocesses.of(newChildren, new Origin(test.get(), Origin.WHILE_RUNNING, hung))) {
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

    private enum Owner {
        THIS, OTHER_TEST, NONE
    }

    /** Whose group: the test's own (or one created below it), another test's, or nobody's. */
    private static Owner owner(ThreadGroup group, ThreadGroup[] own) {
        for (ThreadGroup current = group; current != null; current = current.getParent()) {
            for (ThreadGroup mine : own) {
                if (current == mine) {
                    return Owner.THIS;
                }
            }
            if (ThreadIsolation.isManagedGroup(current)) {
                return Owner.OTHER_TEST;
            }
        }
        return Owner.NONE;
    }

    private static List<Leak> add(List<Leak> list, Leak leak) {
        List<Leak> result = list == null ? new ArrayList<>() : list;
        result.add(leak);
        return result;
    }
}
