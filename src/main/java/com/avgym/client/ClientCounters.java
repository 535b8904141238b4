package com.avgym.client;

import java.time.Duration;
import java.util.Map;

/** Observability for the UI: failures by class (each led to a reconnect or a stop), time spent in each state, queue size. */
public record ClientCounters(Map<ErrorClass, Long> failuresByClass, Map<ConnectionState, Duration> timeInState,
                             int queued) {
}
