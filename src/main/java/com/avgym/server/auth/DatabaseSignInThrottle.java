package com.avgym.server.auth;

import com.avgym.server.db.Database;
import com.avgym.server.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-in throttle of a cluster on PostgreSQL: the rules and numbers of {@link LocalSignInThrottle}
 * ({@link ThrottleCounter}), with the counts in the {@code signin_throttle} table, so guesses spread over N nodes
 * are limited as on one. Each decision loads the three counts, applies the rule and upserts them in one
 * transaction under one transaction-scoped advisory lock: sign-ins are rare, and one lock for all keys, as in
 * the local throttle, cannot deadlock. An attempt's pending place expires after {@link #PENDING_TIMEOUT} in
 * case its node died before the verdict.
 */
public final class DatabaseSignInThrottle implements SignInThrottle {
    private static final Logger log = LoggerFactory.getLogger(DatabaseSignInThrottle.class);
    static final Duration PENDING_TIMEOUT = Duration.ofSeconds(60);

    private final Database db;
    private final Clock clock;
    private volatile Instant nextPrune = Instant.MIN;

    public DatabaseSignInThrottle(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    private record Keys(String user, String address, String pair) {
        static Keys of(String username, String address) {
            String user = ThrottleCounter.normalizeUser(username);
            String addr = address == null ? "" : address;
            return new Keys("u:" + user, "a:" + addr, "p:" + user + "\n" + addr);
        }
    }

    @Override
    public Attempt begin(String username, String address) {
        Keys keys = Keys.of(username, address);
        Instant now = clock.instant();
        prune(now);
        db.write(c -> {
            lock(c);
            ThrottleCounter u = load(c, keys.user(), LocalSignInThrottle.USER_FREE, now);
            ThrottleCounter a = load(c, keys.address(), LocalSignInThrottle.ADDRESS_FREE, now);
            ThrottleCounter p = load(c, keys.pair(), LocalSignInThrottle.PAIR_FREE, now);
            ThrottleCounter.admit(u, a, p, now);
            save(c, keys.user(), u, now, true);
            save(c, keys.address(), a, now, true);
            save(c, keys.pair(), p, now, true);
            return null;
        });
        return new DatabaseAttempt(keys);
    }

    /** Serialises throttle decisions across nodes; scoped by schema, since advisory locks are per database. */
    private static void lock(Connection c) throws SQLException {
        Sql.one(c, "SELECT pg_advisory_xact_lock(hashtext('avgym_signin_throttle:' || current_schema()))", rs -> 1);
    }

    private static ThrottleCounter load(Connection c, String key, int free, Instant now) throws SQLException {
        ThrottleCounter counter = new ThrottleCounter(free);
        Optional<Boolean> found = Sql.one(c, "SELECT failures, pending, pending_since, last_failure, locked_until "
                + "FROM signin_throttle WHERE throttle_key = ?", rs -> {
                    counter.failures = rs.getInt("failures");
                    counter.pending = rs.getInt("pending");
                    Long since = Sql.nullableLong(rs, "pending_since");
                    if (counter.pending > 0 && (since == null || !now.isBefore(Instant.ofEpochMilli(since).plus(PENDING_TIMEOUT)))) {
                        counter.pending = 0;
                    }
                    counter.lastFailure = instant(Sql.nullableLong(rs, "last_failure"));
                    counter.lockedUntil = instant(Sql.nullableLong(rs, "locked_until"));
                    return true;
                }, key);
        if (found.isPresent()) {
            counter.forgetIfOld(now);
        }
        return counter;
    }

    private static void save(Connection c, String key, ThrottleCounter counter, Instant now, boolean newPending)
            throws SQLException {
        Sql.update(c, "INSERT INTO signin_throttle (throttle_key, failures, pending, pending_since, last_failure, locked_until) "
                        + "VALUES (?,?,?,?,?,?) ON CONFLICT (throttle_key) DO UPDATE SET failures = EXCLUDED.failures, "
                        + "pending = EXCLUDED.pending, pending_since = COALESCE(EXCLUDED.pending_since, signin_throttle.pending_since), "
                        + "last_failure = EXCLUDED.last_failure, locked_until = EXCLUDED.locked_until",
                key, counter.failures, counter.pending, newPending ? now.toEpochMilli() : null,
                millis(counter.lastFailure), millis(counter.lockedUntil));
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    /** Deletes forgotten counts once a minute per node, so random usernames cannot grow the table for long. */
    private void prune(Instant now) {
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plusSeconds(60);
        long forgotten = now.minus(LocalSignInThrottle.FORGET_AFTER).toEpochMilli();
        long stale = now.minus(PENDING_TIMEOUT).toEpochMilli();
        int n = db.write(c -> Sql.update(c, "DELETE FROM signin_throttle WHERE (last_failure IS NULL OR last_failure <= ?) "
                + "AND (pending = 0 OR pending_since <= ?)", forgotten, stale));
        if (n > 0) {
            log.debug("pruned {} sign-in throttle counts", n);
        }
    }

    private enum Verdict { SUCCEEDED, FAILED, NONE }

    private final class DatabaseAttempt implements Attempt {
        private final Keys keys;
        private boolean ended;

        DatabaseAttempt(Keys keys) {
            this.keys = keys;
        }

        @Override
        public void succeeded() {
            end(Verdict.SUCCEEDED);
        }

        @Override
        public void failed() {
            end(Verdict.FAILED);
        }

        @Override
        public void close() {
            if (ended) {
                return;
            }
            try {
                end(Verdict.NONE);
            } catch (RuntimeException e) {
                // Its pending place runs out after PENDING_TIMEOUT; the caller's own outcome matters more.
                log.warn("could not end a sign-in attempt in the shared throttle: {}", e.getMessage());
            }
        }

        private void end(Verdict verdict) {
            if (ended) {
                return;
            }
            ended = true;
            Instant now = clock.instant();
            db.write(c -> {
                lock(c);
                ThrottleCounter u = load(c, keys.user(), LocalSignInThrottle.USER_FREE, now);
                ThrottleCounter a = load(c, keys.address(), LocalSignInThrottle.ADDRESS_FREE, now);
                ThrottleCounter p = load(c, keys.pair(), LocalSignInThrottle.PAIR_FREE, now);
                ThrottleCounter.end(u, a, p);
                if (verdict == Verdict.FAILED) {
                    u.failed(now);
                    a.failed(now);
                    p.failed(now);
                } else if (verdict == Verdict.SUCCEEDED) {
                    p.succeeded();
                }
                save(c, keys.user(), u, now, false);
                save(c, keys.address(), a, now, false);
                save(c, keys.pair(), p, now, false);
                return null;
            });
        }
    }
}
