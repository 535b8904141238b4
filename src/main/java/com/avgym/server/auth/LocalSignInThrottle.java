package com.avgym.server.auth;

import com.avgym.protocol.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Password guessing slowed per username, per client address and per (username, address), the way Keycloak
 * and Centrifugo do, so that a stranger cannot lock staff out:
 * <ul>
 *   <li>per (username, address): {@value #PAIR_FREE} failures are free, then each further attempt waits
 *       1, 2, 4 ... s (at most 300 s) after the last failure;</li>
 *   <li>per address, over all usernames: {@value #ADDRESS_FREE} free (one client trying many names);</li>
 *   <li>per username, over all addresses: {@value #USER_FREE} free; this one does not apply to an address
 *       with no recent failures, so the owner at her desk still signs in while the guesser is locked;</li>
 *   <li>at most {@value #MAX_CONCURRENT} passwords of one username checked at the same time.</li>
 * </ul>
 * An attempt in flight counts against the free allowance from the moment it is admitted, so 40 guesses sent
 * at once get {@value #PAIR_FREE} evaluations, not 40. Failures are forgotten 15 minutes after the last one.
 * One lock guards all counts: sign-ins are rare and the decision is a few map lookups.
 */
public final class LocalSignInThrottle implements SignInThrottle {
    public static final int PAIR_FREE = 5;
    public static final int ADDRESS_FREE = 20;
    public static final int USER_FREE = 10;
    public static final int MAX_CONCURRENT = 2;
    static final Duration MAX_WAIT = Duration.ofMinutes(5);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);

    private final Clock clock;
    private final Map<String, Counter> byUser = new HashMap<>();
    private final Map<String, Counter> byAddress = new HashMap<>();
    private final Map<String, Counter> byPair = new HashMap<>();
    private Instant nextPrune = Instant.MIN;

    public LocalSignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Failures of one key: settled ones (with the lock they earned) and attempts still being checked. */
    private static final class Counter {
        final int free;
        int failures;
        int pending;
        Instant lastFailure;
        Instant lockedUntil;

        Counter(int free) {
            this.free = free;
        }

        void forgetIfOld(Instant now) {
            if (lastFailure != null && !now.isBefore(lastFailure.plus(FORGET_AFTER))) {
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
                long seconds = Math.min(MAX_WAIT.toSeconds(), 1L << Math.min(20, failures - free));
                lockedUntil = now.plusSeconds(seconds);
            }
        }

        boolean idle(Instant now) {
            return pending == 0 && (lastFailure == null || !now.isBefore(lastFailure.plus(FORGET_AFTER)));
        }
    }

    @Override
    public synchronized Attempt begin(String username, String address) {
        Instant now = clock.instant();
        prune(now);
        String user = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        String addr = address == null ? "" : address;
        Counter u = counter(byUser, user, USER_FREE, now);
        Counter a = counter(byAddress, addr, ADDRESS_FREE, now);
        Counter p = counter(byPair, user + "\n" + addr, PAIR_FREE, now);
        // Lock the attacker, not the owner: a username's own count binds only addresses that failed lately.
        long wait = Math.max(p.secondsToWait(now), a.secondsToWait(now));
        if (!a.clean()) {
            wait = Math.max(wait, u.secondsToWait(now));
        }
        if (wait > 0) {
            throw new AuthException(ErrorCode.RATE_LIMITED, "too many failed sign-ins; try again later", wait);
        }
        if (u.pending >= MAX_CONCURRENT) {
            throw new AuthException(ErrorCode.RATE_LIMITED, "sign-in for this user is busy; try again in a second", 1);
        }
        u.pending++;
        a.pending++;
        p.pending++;
        return new LocalAttempt(u, a, p, user + "\n" + addr);
    }

    private static Counter counter(Map<String, Counter> map, String key, int free, Instant now) {
        Counter c = map.computeIfAbsent(key, k -> new Counter(free));
        c.forgetIfOld(now);
        return c;
    }

    /** Drops forgotten counters once a minute, so random usernames cannot grow memory for long. */
    private void prune(Instant now) {
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plusSeconds(60);
        byUser.values().removeIf(c -> c.idle(now));
        byAddress.values().removeIf(c -> c.idle(now));
        byPair.values().removeIf(c -> c.idle(now));
    }

    private final class LocalAttempt implements Attempt {
        private final Counter user;
        private final Counter address;
        private final Counter pair;
        private final String pairKey;
        private boolean ended;

        LocalAttempt(Counter user, Counter address, Counter pair, String pairKey) {
            this.user = user;
            this.address = address;
            this.pair = pair;
            this.pairKey = pairKey;
        }

        @Override
        public void succeeded() {
            synchronized (LocalSignInThrottle.this) {
                if (end()) {
                    // The owner is in: this address's record for the name is cleared, the others' are kept.
                    pair.failures = 0;
                    pair.lockedUntil = null;
                    pair.lastFailure = null;
                    if (pair.pending == 0) {
                        byPair.remove(pairKey, pair);
                    }
                }
            }
        }

        @Override
        public void failed() {
            synchronized (LocalSignInThrottle.this) {
                if (end()) {
                    Instant now = clock.instant();
                    user.failed(now);
                    address.failed(now);
                    pair.failed(now);
                }
            }
        }

        @Override
        public void close() {
            synchronized (LocalSignInThrottle.this) {
                end();
            }
        }

        private boolean end() {
            if (ended) {
                return false;
            }
            ended = true;
            user.pending--;
            address.pending--;
            pair.pending--;
            return true;
        }
    }
}
