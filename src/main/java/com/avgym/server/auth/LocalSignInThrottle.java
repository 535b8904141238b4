package com.avgym.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
    private final Map<String, ThrottleCounter> byUser = new HashMap<>();
    private final Map<String, ThrottleCounter> byAddress = new HashMap<>();
    private final Map<String, ThrottleCounter> byPair = new HashMap<>();
    private Instant nextPrune = Instant.MIN;

    public LocalSignInThrottle(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Attempt begin(String username, String address) {
        Instant now = clock.instant();
        prune(now);
        String user = ThrottleCounter.normalizeUser(username);
        String addr = address == null ? "" : address;
        ThrottleCounter u = counter(byUser, user, USER_FREE, now);
        ThrottleCounter a = counter(byAddress, addr, ADDRESS_FREE, now);
        ThrottleCounter p = counter(byPair, user + "\n" + addr, PAIR_FREE, now);
        ThrottleCounter.admit(u, a, p, now);
        return new LocalAttempt(u, a, p, user + "\n" + addr);
    }

    private static ThrottleCounter counter(Map<String, ThrottleCounter> map, String key, int free, Instant now) {
        ThrottleCounter c = map.computeIfAbsent(key, k -> new ThrottleCounter(free));
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
        private final ThrottleCounter user;
        private final ThrottleCounter address;
        private final ThrottleCounter pair;
        private final String pairKey;
        private boolean ended;

        LocalAttempt(ThrottleCounter user, ThrottleCounter address, ThrottleCounter pair, String pairKey) {
            this.user = user;
            this.address = address;
            this.pair = pair;
            this.pairKey = pairKey;
        }

        @Override
        public void succeeded() {
            synchronized (LocalSignInThrottle.this) {
                if (end()) {
                    pair.succeeded();
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
            ThrottleCounter.end(user, address, pair);
            return true;
        }
    }
}
