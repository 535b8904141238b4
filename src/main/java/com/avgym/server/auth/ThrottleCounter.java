package com.avgym.server.auth;

import com.avgym.protocol.ErrorCode;
import java.time.Duration;
import java.time.Instant;

/**
 * Failures of one throttle key (a username, an address, or the pair): settled ones with the lock they earned and
 * attempts still being checked. The rules of {@link LocalSignInThrottle} live here, so the database-backed
 * throttle of a cluster applies exactly the same ones to the rows it loads.
 */
final class ThrottleCounter {
    final int free;
    int failures;
    int pending;
    Instant lastFailure;
    Instant lockedUntil;

    ThrottleCounter(int free) {
        this.free = free;
    }

    void forgetIfOld(Instant now) {
        if (lastFailure != null && !now.isBefore(lastFailure.plus(LocalSignInThrottle.FORGET_AFTER))) {
            failures = 0;
            lastFailure = null;
            lockedUntil = null;
        }
    }

    boolean clean() {
        return failures == 0 && pending == 0;
    }

    /** Seconds to wait, or 0 if one more attempt may start now. */
    long secondsToWait(Instant now) {
        if (failures + pending < free) {
            return 0;
        }
        if (lockedUntil != null && now.isBefore(lockedUntil)) {
            long ms = Duration.between(now, lockedUntil).toMillis();
            return Math.max(1, (ms + 999) / 1000);
        }
        // Over the allowance: one attempt per lock period, and this period's is still being checked.
        return pending > 0 ? 1 : 0;
    }

    void failed(Instant now) {
        failures++;
        lastFailure = now;
        if (failures >= free) {
            long seconds = Math.min(LocalSignInThrottle.MAX_WAIT.toSeconds(), 1L << Math.min(20, failures - free));
            lockedUntil = now.plusSeconds(seconds);
        }
    }

    /** The owner is in: this address's record for the name is cleared, the others' are kept. */
    void succeeded() {
        failures = 0;
        lockedUntil = null;
        lastFailure = null;
    }

    boolean idle(Instant now) {
        return pending == 0 && (lastFailure == null || !now.isBefore(lastFailure.plus(LocalSignInThrottle.FORGET_AFTER)));
    }

    /**
     * Admits one attempt against the counts of its username, address and pair (taking a pending place in each), or
     * throws {@code RATE_LIMITED} with the seconds to wait.
     */
    static void admit(ThrottleCounter user, ThrottleCounter address, ThrottleCounter pair, Instant now) {
        // Lock the attacker, not the owner: a username's own count binds only addresses that failed lately.
        long wait = Math.max(pair.secondsToWait(now), address.secondsToWait(now));
        if (!address.clean()) {
            wait = Math.max(wait, user.secondsToWait(now));
        }
        if (wait > 0) {
            throw new AuthException(ErrorCode.RATE_LIMITED, "too many failed sign-ins; try again later", wait);
        }
        if (user.pending >= LocalSignInThrottle.MAX_CONCURRENT) {
            throw new AuthException(ErrorCode.RATE_LIMITED, "sign-in for this user is busy; try again in a second", 1);
        }
        user.pending++;
        address.pending++;
        pair.pending++;
    }

    /** Gives back the pending places {@link #admit} took. */
    static void end(ThrottleCounter user, ThrottleCounter address, ThrottleCounter pair) {
        user.pending = Math.max(0, user.pending - 1);
        address.pending = Math.max(0, address.pending - 1);
        pair.pending = Math.max(0, pair.pending - 1);
    }

    static String normalizeUser(String username) {
        return username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
