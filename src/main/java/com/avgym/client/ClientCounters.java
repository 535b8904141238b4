package com.avgym.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Observability for the UI: failures by class (each led to a reconnect or a stop), time spent in each
 * state, queue size. {@code finishedStints} holds the time of states already left; the current state's
 * time is added on reading, so the service need not rebuild this on every frame.
 */
public record ClientCounters(Map<ErrorClass, Long> failuresByClass, Map<ConnectionState, Duration> finishedStints,
                             ConnectionState state, Instant stateSince, int queued) {

    /** Total time spent in {@code s} up to {@code now}. */
    public Duration timeIn(ConnectionState s, Instant now) {
        Duration total = finishedStints.getOrDefault(s, Duration.ZERO);
        return s == state ? total.plus(Duration.between(stateSince, now)) : total;
    }
}
