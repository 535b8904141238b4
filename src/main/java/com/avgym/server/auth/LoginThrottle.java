package com.avgym.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing per username: after {@link #FREE_FAILURES} failures, each further attempt
 * must wait 2^(n-free) seconds (capped at 5 minutes). A success clears the record.
 */
public final class LoginThrottle {
    public static final int FREE_FAILURES = 5;
    public static final Duration MAX_LOCK = Duration.ofMinutes(5);

    private record Failures(int count, Instant lockedUntil) {
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Failures> byUser = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Seconds the caller must still wait, or 0 when an attempt is allowed now. */
    public long secondsToWait(String username) {
        Failures f = byUser.get(key(username));
        if (f == null || f.lockedUntil == null) {
            return 0;
        }
        long ms = Duration.between(clock.instant(), f.lockedUntil).toMillis();
        return ms <= 0 ? 0 : (ms + 999) / 1000;
    }

    public void failed(String username) {
        byUser.compute(key(username), (k, f) -> {
            int n = f == null ? 1 : f.count + 1;
            Instant until = null;
            if (n >= FREE_FAILURES) {
                long seconds = Math.min(MAX_LOCK.toSeconds(), 1L << Math.min(20, n - FREE_FAILURES));
                until = clock.instant().plusSeconds(seconds);
            }
            return new Failures(n, until);
        });
    }

    public void succeeded(String username) {
        byUser.remove(key(username));
    }

    private static String key(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }
}
