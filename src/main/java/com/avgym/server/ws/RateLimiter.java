package com.avgym.server.ws;

/** A token bucket: {@code perSecond} frames a second on average, bursts up to {@code burst}. Not thread-safe. */
final class RateLimiter {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    RateLimiter(double perSecond, int burst, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    boolean tryAcquire(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * perNano);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
