package com.avgym.client.fake;

import com.avgym.client.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** A scheduler whose clock moves only in {@link #advance}; tasks run on the test thread, in time order. */
public final class FakeScheduler implements Scheduler {
    private final class Task implements Comparable<Task>, Cancellable {
        final Instant at;
        final long order;
        final Runnable body;
        boolean cancelled;

        Task(Instant at, long order, Runnable body) {
            this.at = at;
            this.order = order;
            this.body = body;
        }

        @Override
        public int compareTo(Task o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private Instant now;
    private long order;

    public FakeScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(new Task(now, order++, task));
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        Task t = new Task(now.plus(delay.isNegative() ? Duration.ZERO : delay), order++, task);
        tasks.add(t);
        return t;
    }

    /** Runs everything due now, including what those tasks post for now. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves time forward, running each task at its own time. */
    public void advance(Duration d) {
        Instant target = now.plus(d);
        while (!tasks.isEmpty() && !tasks.peek().at.isAfter(target)) {
            Task t = tasks.poll();
            if (t.cancelled) {
                continue;
            }
            if (t.at.isAfter(now)) {
                now = t.at;
            }
            t.body.run();
        }
        now = target;
    }
}
