package com.avgym.client;

import com.avgym.protocol.message.Hello;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of {@link ConnectionService}: the states ({@link ConnectionState}), and in one place every
 * decision that moves between them: what a lost socket means for each {@link ErrorClass} (retry with backoff,
 * restart spread, overload wait, refresh once, stop in AUTH_REQUIRED), when RECONNECTING becomes BACKUP or
 * OFFLINE, when the socket is tried again at once, and how the service stops. It also keeps the snapshot and
 * counters the desk reads. Scheduler thread only.
 */
final class ConnectionMachine {
    private static final Logger log = LoggerFactory.getLogger(ConnectionMachine.class);

    private final ServiceContext c;
    private final Backoff backoff;

    private ConnectionState state = ConnectionState.CLOSED;
    private ConnectionError lastError;
    private int attempt;
    private Instant nextRetryAt;
    private Instant connectedSince;
    private Instant socketLostAt;
    private boolean refreshedForThisFailure;
    private Scheduler.Cancellable retryTimer;
    private Scheduler.Cancellable backupTimer;

    private final EnumMap<ErrorClass, Long> failuresByClass = new EnumMap<>(ErrorClass.class);
    private final EnumMap<ConnectionState, Duration> timeInState = new EnumMap<>(ConnectionState.class);
    private Instant stateSince;
    private volatile ConnectionSnapshot snapshot;
    private volatile ClientCounters counters;

    ConnectionMachine(ServiceContext c, Backoff backoff) {
        this.c = c;
        this.backoff = backoff;
        this.stateSince = c.now();
        this.snapshot = new ConnectionSnapshot(state, null, null, 0, 0, -1, null);
        this.counters = new ClientCounters(Map.of(), Map.of(), state, stateSince, 0);
    }

    ConnectionState state() {
        return state;
    }

    /** Signed out, shut down or waiting for a person to sign in: nothing may reach the server. */
    boolean ended() {
        return state == ConnectionState.CLOSED || state == ConnectionState.AUTH_REQUIRED;
    }

    ConnectionError lastError() {
        return lastError;
    }

    int attempt() {
        return attempt;
    }

    /** Any thread. */
    ConnectionSnapshot snapshot() {
        return snapshot;
    }

    /** Any thread. */
    ClientCounters counters() {
        return counters;
    }

    // --- session start and socket attempts --------------------------------------------------------

    /** A session begins with these tokens (sign-in or tokens from elsewhere). */
    void start(String access, String refresh) {
        c.tokens.set(access, refresh);
        c.sessionEnded = false;
        refreshedForThisFailure = false;
        attempt = 0;
        socketLostAt = null;
        transition(ConnectionState.CONNECTING, null);
        connectSocket();
    }

    /** Skips the wait before the next socket attempt. */
    void retryNow() {
        if (state == ConnectionState.RECONNECTING || state == ConnectionState.BACKUP || state == ConnectionState.OFFLINE) {
            Timers.cancel(retryTimer);
            connectSocket();
        }
    }

    /**
     * Starts from a refresh token saved by an earlier run (no access token yet): refresh first, then the socket.
     * Until that works it counts as a lost socket (retries, then BACKUP/OFFLINE), so a device started during an
     * outage still queues scans; a refused token ends in AUTH_REQUIRED.
     */
    void resume(String refresh) {
        c.tokens.set(null, refresh);
        c.sessionEnded = false;
        refreshedForThisFailure = false;
        attempt = 0;
        socketLostAt = c.now();
        transition(ConnectionState.CONNECTING, null);
        connectSocket();
    }

    void connectSocket() {
        String token = c.tokens.access();
        if (ended()) {
            return;
        }
        if (token == null) {
            if (c.tokens.refreshToken() != null) {
                c.tokens.refresh(this::connectSocket); // a resumed session gets its access token first
            }
            return;
        }
        nextRetryAt = null;
        c.socket.open(token);
        publish();
    }

    /** The server greeted the socket: LIVE, counters reset, resume what was missed, send what waits. */
    void greeted(Hello hello) {
        c.socket.greeted(hello);
        if (hello.accessExpiresAt() != null) {
            c.tokens.expiresAt(hello.accessExpiresAt());
        }
        attempt = 0;
        socketLostAt = null;
        refreshedForThisFailure = false;
        connectedSince = c.now();
        stopRetryingAndPolling();
        c.outbox.socketOpened();
        transition(ConnectionState.LIVE, lastError);
        c.socket.armHeartbeat();
        c.tokens.scheduleProactiveRefresh();
        c.events.socketGreeted();
        c.outbox.pump();
    }

    /** The socket closed, was refused, never answered or went silent: what now depends on the error's class. */
    void socketClosed(ConnectionError error) {
        ConnectionError e = error.at(c.now());
        if (e.type() == ErrorClass.OVERLOADED && Integer.valueOf(503).equals(e.httpStatus()) && lastError != null
                && lastError.type() == ErrorClass.RESTART && socketLostAt != null) {
            // A server that said "restarting" and now answers 503 is still draining: keep the short restart wait.
            e = new ConnectionError(ErrorClass.RESTART, "server still restarting (HTTP 503)", null, 503, e.at(), null);
        }
        boolean wasLive = state == ConnectionState.LIVE;
        c.socket.drop();
        if (ended()) {
            return;
        }
        failuresByClass.merge(e.type(), 1L, Long::sum);
        lastError = e;
        if (wasLive || socketLostAt == null) {
            socketLostAt = c.now();
            connectedSince = null;
            c.poller.socketLost();
        }
        log.info("socket failed: {} ({}{})", e.type(), e.message(),
                e.closeCode() != null ? ", close " + e.closeCode() : e.httpStatus() != null ? ", HTTP " + e.httpStatus() : "");
        switch (e.type()) {
            case TOKEN_EXPIRED -> {
                if (refreshedForThisFailure) {
                    authRequired(FailureClassifier.refreshRefused(401, "TOKEN_REJECTED").at(c.now()));
                } else {
                    refreshedForThisFailure = true;
                    scheduleRetry(Duration.ZERO, false);
                    Timers.cancel(retryTimer);
                    c.tokens.refresh(this::connectSocket);
                }
            }
            case AUTH_INVALID, FORBIDDEN -> authRequired(e);
            // A draining server spreads its desks' returns with a hint in the 1012; without one, our own spread.
            case RESTART -> scheduleRetry(e.retryAfter() != null ? e.retryAfter() : backoff.uniform(c.config.restartSpread()), true);
            case OVERLOADED -> scheduleRetry(e.retryAfter() != null ? e.retryAfter() : FailureClassifier.OVERLOAD_WAIT, true);
            default -> scheduleRetry(backoff.delay(attempt), true);
        }
    }

    private void scheduleRetry(Duration delay, boolean countAttempt) {
        if (countAttempt) {
            attempt++;
        }
        nextRetryAt = c.now().plus(delay);
        Timers.cancel(retryTimer);
        retryTimer = c.timers.schedule(this::connectSocket, delay);
        Timers.cancel(backupTimer);
        Duration untilBackup = Duration.between(c.now(), socketLostAt.plus(c.config.backupAfter()));
        if (!untilBackup.isNegative() && !untilBackup.isZero()) {
            backupTimer = c.timers.schedule(this::updateDownState, untilBackup);
        }
        updateDownState();
    }

    /** RECONNECTING at first; BACKUP (polling) after 3 attempts or 15 s; OFFLINE while REST fails too. */
    void updateDownState() {
        if (c.socket.isGreeted() || ended() || socketLostAt == null) {
            return;
        }
        boolean longDown = attempt >= c.config.backupAfterAttempts()
                || !c.now().isBefore(socketLostAt.plus(c.config.backupAfter()));
        transition(longDown ? c.poller.downState() : ConnectionState.RECONNECTING, lastError);
        if (longDown) {
            c.poller.startIfIdle();
        }
    }

    /**
     * REST answers again while the socket waits for its backoff slot: the server is back, try the socket now. Not
     * when the server asked for a wait (OVERLOADED), while a refresh is out, or while an attempt is under way.
     */
    void retrySocketNow() {
        boolean askedToWait = lastError != null && lastError.type() == ErrorClass.OVERLOADED;
        if (!c.socket.isOpen() && nextRetryAt != null && !c.tokens.refreshInFlight() && !askedToWait) {
            Timers.cancel(retryTimer);
            connectSocket();
        }
    }

    /** A poll failed for a reason other than the token. */
    void pollFailed(ConnectionError e) {
        lastError = e.at(c.now());
    }

    /** A token refresh got no answer (or a server error): try again, soon while LIVE, else with the next attempt. */
    void refreshFailed(ConnectionError e) {
        if (ended()) {
            return; // the session ended meanwhile: nothing to retry
        }
        lastError = e.at(c.now());
        if (state == ConnectionState.LIVE) {
            // The socket still works; try again shortly, before the token runs out.
            c.tokens.refreshAgainIn(Duration.ofSeconds(5));
        } else {
            // Token expiry led here; the next attempt will refresh again.
            refreshedForThisFailure = false;
            scheduleRetry(backoff.delay(attempt), true);
        }
        publish();
    }

    // --- stopping ---------------------------------------------------------------------------------

    /** The socket is back or the service stops: no scheduled attempt, no BACKUP timer, no polling. */
    private void stopRetryingAndPolling() {
        Timers.cancel(retryTimer);
        Timers.cancel(backupTimer);
        c.poller.stop();
        nextRetryAt = null;
    }

    void authRequired(ConnectionError e) {
        lastError = e;
        log.warn("sign-in required: {}", e.message());
        stopAll(ConnectionState.AUTH_REQUIRED, e);
    }

    void stopAll(ConnectionState target, ConnectionError e) {
        c.sessionEnded = true;
        c.socket.drop();
        c.timers.cancelAll();
        stopRetryingAndPolling();
        connectedSince = null;
        transition(target, e == null ? lastError : e);
        if (target == ConnectionState.CLOSED) {
            c.tokens.clear();
        }
        if (c.roster != null) {
            c.roster.sessionEnded();
        }
        // Scans waiting for an answer are safe on disk; tell their callers so (with the roster's verdict when the
        // session ended but not the app: a kiosk whose sign-in lapsed still decides). Lookups waiting for a token
        // get none.
        c.outbox.answerAllQueued(target != ConnectionState.CLOSED);
        c.tokens.releaseWaiters();
    }

    // --- state and snapshot -----------------------------------------------------------------------

    private void transition(ConnectionState to, ConnectionError cause) {
        if (to != state) {
            Instant now = c.now();
            timeInState.merge(state, Duration.between(stateSince, now), Duration::plus);
            stateSince = now;
            log.info("connection {} -> {}{}", state, to, cause == null || to == ConnectionState.LIVE ? ""
                    : " (" + cause.type() + ", attempt " + attempt + ")");
            ConnectionState from = state;
            state = to;
            if (c.roster != null && !ended()) {
                c.roster.connectionChanged(from, to);
            }
        }
        publish();
    }

    void publish() {
        int pending = c.outbox.size();
        ConnectionSnapshot next = new ConnectionSnapshot(state, lastError, nextRetryAt, attempt, pending,
                c.events.lastSeq(), connectedSince);
        // Called for every inbound frame: do the copying only when something changed (every failure
        // changes lastError, every transition the state, every scan the pending count).
        if (!next.equals(snapshot)) {
            counters = new ClientCounters(Map.copyOf(failuresByClass), Map.copyOf(timeInState), state, stateSince, pending);
            snapshot = next;
            c.listeners.forEach(l -> l.onSnapshot(next));
        }
    }
}
