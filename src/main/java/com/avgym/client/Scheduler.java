package com.avgym.client;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;

/**
 * The one thread the connection logic runs on, and its clock. Real: {@link ExecutorScheduler}; tests
 * use a fake whose time moves only when told.
 */
public interface Scheduler extends Executor {

    interface Cancellable {
        void cancel();
    }

    Instant now();

    Cancellable schedule(Runnable task, Duration delay);
}
