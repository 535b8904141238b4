package com.avgym.client;

import com.auth0.jwt.JWT;
import com.avgym.protocol.Frame;
import com.avgym.protocol.MessageType;
import com.avgym.protocol.message.AuthRefresh;
import com.avgym.protocol.message.AuthRefreshed;
import com.avgym.protocol.message.TokenPair;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session's tokens for {@link ConnectionService}: the access and refresh token, when the access token
 * expires, the proactive refresh before that, one REST refresh at a time (then {@code auth_refresh} on a live
 * socket), and the desk's lookups waiting for a newer token. Scheduler thread only.
 */
final class TokenKeeper {
    private static final Logger log = LoggerFactory.getLogger(TokenKeeper.class);

    private final ServiceContext c;
    private String accessToken;
    private String refreshToken;
    private Instant accessExpiresAt;
    private boolean refreshInFlight;
    /** What each caller of the refresh under way does once it lands (run in order; dropped if it fails). */
    private final List<Runnable> afterRefresh = new ArrayList<>();
    private Scheduler.Cancellable refreshTimer;
    /** Calls waiting for a refreshed access token (the desk's lookups after a 401). */
    private final TokenWaiters waiters = new TokenWaiters();

    TokenKeeper(ServiceContext c) {
        this.c = c;
    }

    String access() {
        return accessToken;
    }

    String refreshToken() {
        return refreshToken;
    }

    boolean refreshInFlight() {
        return refreshInFlight;
    }

    void set(String access, String refresh) {
        accessToken = access;
        refreshToken = refresh;
        if (access == null) {
            accessExpiresAt = null; // a resumed session: the first refresh brings an access token
            return;
        }
        try {
            accessExpiresAt = JWT.decode(access).getExpiresAtAsInstant();
        } catch (RuntimeException e) {
            accessExpiresAt = null;
        }
    }

    /** Signed out: the tokens are forgotten. */
    void clear() {
        accessToken = null;
        refreshToken = null;
    }

    /** The server told us when the access token expires (hello). */
    void expiresAt(Instant at) {
        accessExpiresAt = at;
    }

    /** The server took the refreshed token on the socket (auth_refreshed): plan the next refresh by its expiry. */
    void refreshedOnSocket(AuthRefreshed refreshed) {
        accessExpiresAt = refreshed.accessExpiresAt();
        scheduleProactiveRefresh();
    }

    /** Lookups waiting for a token get none: the session ended. */
    void releaseWaiters() {
        waiters.release(null, notSignedIn());
    }

    /** Refreshes a little before expiry (a fifth of the remaining life, 1 s to 60 s early). */
    void scheduleProactiveRefresh() {
        Timers.cancel(refreshTimer);
        if (accessExpiresAt == null) {
            return;
        }
        Duration left = Duration.between(c.now(), accessExpiresAt);
        Duration early = left.dividedBy(ConnectionService.REFRESH_EARLY_DIVISOR);
        early = early.compareTo(ConnectionService.REFRESH_EARLY_MAX) > 0 ? ConnectionService.REFRESH_EARLY_MAX
                : early.compareTo(ConnectionService.REFRESH_EARLY_MIN) < 0 ? ConnectionService.REFRESH_EARLY_MIN : early;
        Duration wait = left.minus(early);
        refreshTimer = c.timers.schedule(() -> refresh(() -> { }), wait.isNegative() ? Duration.ZERO : wait);
    }

    /** The last refresh got no answer while the socket still works: try again after {@code delay}. */
    void refreshAgainIn(Duration delay) {
        Timers.cancel(refreshTimer);
        refreshTimer = c.timers.schedule(() -> refresh(() -> { }), delay);
    }

    /** The tokens as the desk's lookups see them. */
    Queries.Tokens forQueries() {
        return new Queries.Tokens() {
            @Override
            public CompletableFuture<String> current() {
                CompletableFuture<String> f = new CompletableFuture<>();
                c.scheduler.execute(() -> {
                    // After AUTH_REQUIRED the token is dead: no lookup may take it to the server.
                    if (accessToken == null || c.machine.state() == ConnectionState.AUTH_REQUIRED) {
                        f.completeExceptionally(notSignedIn());
                    } else {
                        f.complete(accessToken);
                    }
                });
                return f;
            }

            @Override
            public CompletableFuture<String> newerThan(String stale) {
                CompletableFuture<String> f = new CompletableFuture<>();
                c.scheduler.execute(() -> {
                    if (accessToken != null && !accessToken.equals(stale)) {
                        f.complete(accessToken);
                    } else if (refreshToken == null || c.machine.ended()) {
                        f.completeExceptionally(notSignedIn());
                    } else {
                        waiters.add(f);
                        refresh(() -> { });
                    }
                });
                return f;
            }
        };
    }

    static ApiException notSignedIn() {
        return new ApiException(401, "TOKEN_MISSING", "Session expired: sign in again", null, null);
    }

    /** REST refresh; then auth_refresh on a live socket so it outlives the old token; then {@code then}. */
    void refresh(Runnable then) {
        if (refreshToken == null) {
            return;
        }
        // A refresh already under way serves this caller too: its continuation (e.g. reconnecting the socket after a
        // 4401) must run when that one lands, not be dropped, or the service waits for a retry nobody scheduled.
        afterRefresh.add(then);
        if (refreshInFlight) {
            return;
        }
        refreshInFlight = true;
        String token = refreshToken;
        c.net.execute(() -> {
            try {
                c.stayHomeIfEnded();
                TokenPair pair = c.api.refresh(token);
                // The old refresh token is spent now: the saved one must be the new one before anything uses it.
                c.session.save(pair.refresh());
                c.scheduler.execute(() -> refreshed(pair));
            } catch (ApiException e) {
                if (e.status() == 401 || e.status() == 403) {
                    c.session.forget(); // refused for good: a restart must not try it again
                }
                c.scheduler.execute(() -> {
                    refreshInFlight = false;
                    afterRefresh.clear();
                    waiters.release(null, e);
                    if (e.status() == 401 || e.status() == 403) {
                        c.machine.authRequired(FailureClassifier.refreshRefused(e.status(), e.code()).at(c.now()));
                    } else {
                        c.machine.refreshFailed(FailureClassifier.ofHttp(e.status(), e.code(), e.getMessage(), e.retryAfter()));
                    }
                });
            } catch (IOException e) {
                c.scheduler.execute(() -> {
                    refreshInFlight = false;
                    afterRefresh.clear();
                    waiters.release(null, e);
                    c.machine.refreshFailed(FailureClassifier.ofIo("token refresh failed", e));
                });
            }
        });
    }

    private void refreshed(TokenPair pair) {
        refreshInFlight = false;
        List<Runnable> then = List.copyOf(afterRefresh);
        afterRefresh.clear();
        if (c.machine.ended()) {
            waiters.release(null, notSignedIn());
            return;
        }
        set(pair.access(), pair.refresh());
        waiters.release(pair.access(), null);
        log.info("access token refreshed");
        if (c.machine.state() == ConnectionState.LIVE) {
            c.socket.send(Frame.of(MessageType.AUTH_REFRESH, UUID.randomUUID().toString(), null, c.now(),
                    new AuthRefresh(pair.access())));
        }
        scheduleProactiveRefresh();
        then.forEach(Runnable::run);
    }
}
