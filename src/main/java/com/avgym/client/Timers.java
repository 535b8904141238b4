package com.avgym.client;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every timer {@link ConnectionService} has running, so that stopping the service cancels all of them: a timer
 * left behind (a refetch retry, say) would otherwise fire later with a token the server no longer accepts.
 * Used on the scheduler's thread only, like the service's state.
 */
final class Timers {
    private final Scheduler scheduler;
    private final Set<Scheduler.Cancellable> pending = new HashSet<>();

    Timers(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    Scheduler.Cancellable schedule(Runnable task, Duration delay) {
        Scheduler.Cancellable[] handle = new Scheduler.Cancellable[1];
        // Tasks run on this same thread, later: handle[0] is set by then.
        handle[0] = scheduler.schedule(() -> {
            pending.remove(handle[0]);
            task.run();
        }, delay);
        pending.add(handle[0]);
        return () -> {
            pending.remove(handle[0]);
            handle[0].cancel();
        };
    }

    /** Cancels {@code c}, if there is one. */
    static void cancel(Scheduler.Cancellable c) {
        if (c != null) {
            c.cancel();
        }
    }

    void cancelAll() {
        List<Scheduler.Cancellable> all = List.copyOf(pending);
        pending.clear();
        all.forEach(Scheduler.Cancellable::cancel);
    }
}
