package com.avgym.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: attempt n waits a uniform random time in [0, min(cap, base*2^n)].
 * Full jitter spreads many desks reconnecting to one restarted server (AWS architecture blog, 2015).
 */
public final class Backoff {
    private final Duration base;
    private final Duration cap;
    private final DoubleSupplier random;

    public Backoff(Duration base, Duration cap, DoubleSupplier random) {
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** The ceiling for attempt {@code n} (0-based): min(cap, base * 2^n). */
    public Duration ceiling(int attempt) {
        int shift = Math.min(Math.max(attempt, 0), 30);
        long ms = base.toMillis() << shift;
        return ms <= 0 || ms > cap.toMillis() ? cap : Duration.ofMillis(ms);
    }

    public Duration delay(int attempt) {
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling(attempt).toMillis()));
    }

    /** Uniform in [0, max]: the RESTART spread. */
    public Duration uniform(Duration max) {
        return Duration.ofMillis((long) (random.getAsDouble() * max.toMillis()));
    }
}
