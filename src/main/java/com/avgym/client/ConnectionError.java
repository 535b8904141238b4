package com.avgym.client;

import java.time.Duration;
import java.time.Instant;

/**
 * One classified failure: what the banner's details show. {@code closeCode} or {@code httpStatus} is set
 * when the failure carried one; {@code retryAfter} when the server asked for a wait.
 */
public record ConnectionError(ErrorClass type, String message, Integer closeCode, Integer httpStatus, Instant at,
                              Duration retryAfter) {
    public boolean retryable() {
        return type.retryable();
    }

    ConnectionError at(Instant when) {
        return new ConnectionError(type, message, closeCode, httpStatus, when, retryAfter);
    }
}
