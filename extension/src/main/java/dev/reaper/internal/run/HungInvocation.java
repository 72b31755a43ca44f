package dev.reaper.internal.run;

import dev.reaper.internal.ladder.HungThread;

/** An invocation past its deadline, as the ladder sees it. */
final class HungInvocation implements HungThread {

    private final Job<?> job;
    private final ManagedThread thread;
    private final TestDeadline deadline;
    private final String description;

    HungInvocation(Job<?> job, ManagedThread thread, TestDeadline deadline, String description) {
        this.job = job;
        this.thread = thread;
        this.deadline = deadline;
        this.description = description;
    }

    @Override
    public Thread thread() {
        return thread;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean hasFinished() {
        return job.isDone() || !thread.isAlive();
    }

    @Override
    public boolean awaitFinish(long untilNanos) {
        return job.await(untilNanos, thread) || !thread.isAlive();
    }

    @Override
    public void requestStop() {
        deadline.requestStop();
    }

    @Override
    public boolean stopFlagPolled() {
        return deadline.polled();
    }

    Throwable failure() {
        return job.isDone() ? job.failure() : null;
    }
}
