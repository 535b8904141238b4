package com.avgym.protocol;

import com.avgym.client.Backoff;
import com.avgym.client.ClientConfig;
import com.avgym.client.ConnectionService;
import com.avgym.client.FailureClassifier;
import com.avgym.server.ServerConfig;
import com.avgym.server.auth.LocalSignInThrottle;
import com.avgym.server.auth.SignInThrottle;
import com.avgym.server.checkin.CheckInService;
import com.avgym.server.checkin.Housekeeping;
import com.avgym.server.http.ApiRoutes;
import com.avgym.server.roster.RosterQuery;
import com.avgym.server.ws.Connection;
import com.avgym.server.ws.ConnectionRegistry;
import com.avgym.server.ws.DrainPlan;
import com.avgym.server.ws.SocketLimits;
import com.avgym.server.ws.UpgradeGate;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers docs/PROTOCOL.md states, as the code has them. {@link #limits()} is the Limits table (section
 * 13) row by row; {@link #phrases()} are the places where the text repeats a number. To document a new limit:
 * add its row to the table and one {@code row(...)} line here that computes the value from the code.
 * Only tests use this class, so the protocol package itself still depends on nothing.
 */
final class DocNumbers {
    /** Text that section {@code section} (a part of its title) must contain, whitespace collapsed. */
    record Phrase(String section, String text) {
    }

    private static final SocketLimits SOCKET = ServerConfig.defaults(Path.of("unused")).socketLimits();
    private static final ServerConfig SERVER = ServerConfig.defaults(Path.of("unused"));
    private static final ClientConfig CLIENT = ClientConfig.defaults(URI.create("http://unused"), Path.of("unused"));

    private DocNumbers() {
    }

    /** Limit name (first column, as written) -> value (second column, as written). */
    static Map<String, String> limits() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("WebSocket text frame", kib(SOCKET.maxFrameBytes()));
        m.put("Inbound frames per socket", number(SOCKET.framesPerSecond()) + "/s, bursts of " + SOCKET.burst());
        m.put("Over-limit frames before the socket closes", SOCKET.rateStrikesBeforeClose() + " within "
                + seconds(Connection.RATE_STRIKE_WINDOW));
        m.put("Protocol violations per socket", number(SOCKET.violationsBeforeClose()));
        m.put("Frames waiting to be sent to one client", number(SOCKET.maxQueuedFrames()));
        m.put("Sockets per user", number(SOCKET.maxConnectionsPerUser()));
        m.put("Sockets per server", number(SOCKET.maxConnections()));
        m.put("Upgrades while the server drains", "none, `Retry-After: " + UpgradeGate.DRAINING_RETRY_AFTER_SECONDS + "`");
        m.put("Drain window", seconds(ServerConfig.DEFAULT_DRAIN_WINDOW));
        m.put("Time between drain batches", seconds(DrainPlan.STEP));
        m.put("Slowest drain", DrainPlan.MAX_RATE_PER_SECOND + " sockets/s");
        m.put("Heartbeat interval", seconds(SOCKET.heartbeatInterval()));
        m.put("Silence before the server closes a socket", serverSilentIntervals() + " heartbeat intervals");
        m.put("Silence before the client drops a socket", ConnectionService.SILENT_INTERVALS + " heartbeat intervals");
        m.put("Close handshake", seconds(Connection.CLOSE_GRACE));
        m.put("Events replayed on `resume`", number(ConnectionRegistry.MAX_REPLAY));
        m.put("Events kept", Housekeeping.EVENT_RETENTION.toDays() + " days, the newest "
                + number(Housekeeping.EVENTS_ALWAYS_KEPT) + " always");
        m.put("Roster removals kept", RosterQuery.REMOVALS_KEPT.toDays() + " days");
        m.put("REST request body", kib(SERVER.http().maxBodyBytes()));
        m.put("`perPage` of the list routes", number(ApiRoutes.MAX_PER_PAGE));
        m.put("`limit` of `GET /api/events`", number(ApiRoutes.MAX_EVENTS));
        m.put("`days` of `GET /api/memberships/expiring`", number(ApiRoutes.MAX_EXPIRING_DAYS));
        m.put("Scan time (`occurredAt`) ahead of the server's clock", minutes(CheckInService.FUTURE_TOLERANCE));
        m.put("Scan time (`occurredAt`) behind the server's clock", CheckInService.PAST_LIMIT.toDays() + " days");
        m.put("Access token lifetime", seconds(SERVER.accessTokenTtl()));
        m.put("Refresh token lifetime", hours(SERVER.refreshTokenTtl()));
        m.put("Failed sign-ins per username and address", signInThrottle());
        m.put("Failed sign-ins per address (all usernames)", LocalSignInThrottle.ADDRESS_FREE + ", then the same waits");
        m.put("Failed sign-ins per username (all addresses)", LocalSignInThrottle.USER_FREE
                + ", then the same waits, for addresses with recent failures only");
        m.put("Passwords of one username checked at once", number(LocalSignInThrottle.MAX_CONCURRENT));
        m.put("Open visit", hours(SERVER.maxVisit()) + ", closed within " + seconds(Housekeeping.INTERVAL) + " after");
        m.put("Client: reconnect backoff", "random in " + backoffRange());
        m.put("Client: reconnect after `1001` / `1012`", "random 0-" + seconds(CLIENT.restartSpread()));
        m.put("Client: wait when overloaded", "`Retry-After` or " + seconds(overloadWait()) + ", whichever is longer");
        m.put("Client: `hello` after connecting", seconds(CLIENT.connectTimeout()));
        m.put("Client: backup mode (REST polling)", "after " + CLIENT.backupAfterAttempts() + " failed attempts or "
                + seconds(CLIENT.backupAfter()) + " without a socket");
        m.put("Client: REST polling in backup mode", "every " + seconds(CLIENT.pollInterval()));
        m.put("Client: command timeout", seconds(CLIENT.commandTimeout()));
        m.put("Client: commands in flight per socket", number(CLIENT.sendWindow()));
        m.put("Client: resend after `RATE_LIMITED` or a retryable error", seconds(ConnectionService.RETRYABLE_RESEND)
                + ", then one at a time");
        m.put("Client: token refresh", "a " + fraction(ConnectionService.REFRESH_EARLY_DIVISOR) + " of the remaining life early, at least "
                + seconds(ConnectionService.REFRESH_EARLY_MIN) + ", at most " + seconds(ConnectionService.REFRESH_EARLY_MAX));
        return m;
    }

    /** Numbers the text repeats outside the Limits table. */
    static List<Phrase> phrases() {
        List<Phrase> p = new ArrayList<>();
        String transport = "Transport";
        p.add(new Phrase(transport, "an access token (default lifetime " + seconds(SERVER.accessTokenTtl()) + ") and a refresh token (default "
                + hours(SERVER.refreshTokenTtl()) + ")"));
        p.add(new Phrase(transport, "`Retry-After: " + UpgradeGate.TOO_MANY_SOCKETS_RETRY_AFTER_SECONDS + "` | this user already holds "
                + SOCKET.maxConnectionsPerUser() + " socket slots"));
        p.add(new Phrase(transport, "`Retry-After: " + UpgradeGate.DRAINING_RETRY_AFTER_SECONDS + "` | the server is shutting down"));
        p.add(new Phrase(transport, "text frames up to " + kib(SOCKET.maxFrameBytes()) + " (larger: close `1009`); "
                + number(SOCKET.framesPerSecond()) + " frames/s on average with bursts of " + SOCKET.burst()));
        p.add(new Phrase(transport, "at most " + SOCKET.maxQueuedFrames() + " outbound frames"));
        p.add(new Phrase(transport, "at most " + number(SOCKET.maxConnections()) + " sockets per server"));
        p.add(new Phrase("Frame envelope", "the " + SOCKET.violationsBeforeClose() + "th violation on one socket closes it"));
        p.add(new Phrase("Resume", "more than **MAX_REPLAY = " + ConnectionRegistry.MAX_REPLAY + "** events"));
        p.add(new Phrase("Resume", "events are kept **" + Housekeeping.EVENT_RETENTION.toDays() + " days**, and the newest **"
                + number(Housekeeping.EVENTS_ALWAYS_KEPT) + "** events"));
        p.add(new Phrase("Heartbeat", "(default " + number(SOCKET.heartbeatInterval().toMillis()) + " ms)"));
        p.add(new Phrase("Heartbeat", "no frame of any kind for " + serverSilentIntervals() + " intervals**"));
        p.add(new Phrase("Heartbeat", "no frame of any kind for " + ConnectionService.SILENT_INTERVALS + " intervals**"));
        p.add(new Phrase("Idempotency", "at most " + CheckInService.PAST_LIMIT.toDays() + " days before and at most "
                + minutes(CheckInService.FUTURE_TOLERANCE) + " after the server's clock"));
        String errors = "Error codes";
        p.add(new Phrase(errors, "more frames than " + number(SOCKET.framesPerSecond()) + "/s (burst " + SOCKET.burst() + ")"));
        p.add(new Phrase(errors, "send the command again after " + seconds(ConnectionService.RETRYABLE_RESEND)));
        p.add(new Phrase(errors, "already has " + SOCKET.maxConnectionsPerUser() + " sockets open (upgrade refused, `Retry-After: "
                + UpgradeGate.TOO_MANY_SOCKETS_RETRY_AFTER_SECONDS + "`)"));
        p.add(new Phrase(errors, "(upgrade refused, `Retry-After: " + UpgradeGate.DRAINING_RETRY_AFTER_SECONDS + "`; `/api/health`"));
        // the 503 rule: after a restart close, the restart spread again; otherwise OVERLOADED's wait
        p.add(new Phrase(errors, "it tries again after a random 0-" + seconds(CLIENT.restartSpread()) + ", as often as it gets 503"));
        p.add(new Phrase(errors, "counts as OVERLOADED (wait " + seconds(overloadWait()) + ")"));
        String closes = "Close codes";
        p.add(new Phrase(closes, "(at most " + seconds(FailureClassifier.MAX_RETRY_HINT) + "; a larger value counts as "
                + seconds(FailureClassifier.MAX_RETRY_HINT) + ")"));
        p.add(new Phrase(closes, "`--drain-window`, default " + seconds(ServerConfig.DEFAULT_DRAIN_WINDOW)));
        p.add(new Phrase(closes, "does not answer a close within " + seconds(Connection.CLOSE_GRACE) + " is disconnected"));
        p.add(new Phrase(closes, "a frame over " + kib(SOCKET.maxFrameBytes())));
        p.add(new Phrase(closes, "reconnect after a random 0-" + seconds(CLIENT.restartSpread())));
        p.add(new Phrase(closes, "already has " + number(SOCKET.maxConnections()) + " sockets | overloaded: wait "
                + seconds(overloadWait())));
        p.add(new Phrase(closes, "no frame from the client for " + serverSilentIntervals() + " heartbeat intervals"));
        p.add(new Phrase(closes, "more than " + SOCKET.maxQueuedFrames() + " frames waiting"));
        p.add(new Phrase(closes, "the " + SOCKET.rateStrikesBeforeClose() + "th over-limit frame within "
                + seconds(Connection.RATE_STRIKE_WINDOW) + ") | wait " + seconds(overloadWait())));
        String policy = "Client policy";
        p.add(new Phrase(policy, "attempt n waits a random time in " + backoffRange()));
        p.add(new Phrase(policy, "After " + CLIENT.backupAfterAttempts() + " failed attempts, or " + seconds(CLIENT.backupAfter())
                + " without a socket"));
        p.add(new Phrase(policy, "the client polls by REST every " + seconds(CLIENT.pollInterval())));
        p.add(new Phrase(policy, "no `hello` within " + seconds(CLIENT.connectTimeout())));
        p.add(new Phrase(policy, "reconnect after a random 0-" + seconds(CLIENT.restartSpread()) + " (desks spread out)"));
        p.add(new Phrase(policy, "wait `Retry-After` or " + seconds(overloadWait()) + ", whichever is longer"));
        p.add(new Phrase(policy, "carry no readable `Retry-After`: " + seconds(overloadWait()) + ")"));
        p.add(new Phrase(policy, "stays RESTART (random 0-" + seconds(CLIENT.restartSpread()) + ")"));
        p.add(new Phrase(policy, "at a " + fraction(ConnectionService.REFRESH_EARLY_DIVISOR) + " of the remaining life before "
                + "`accessExpiresAt`, between " + seconds(ConnectionService.REFRESH_EARLY_MIN) + " and "
                + seconds(ConnectionService.REFRESH_EARLY_MAX) + " early"));
        p.add(new Phrase(policy, "at most " + seconds(CLIENT.commandTimeout()) + " (the command timeout)"));
        p.add(new Phrase(policy, "At most " + CLIENT.sendWindow() + " commands are in flight"));
        String rest = "REST API";
        p.add(new Phrase(rest, "at most " + kib(SERVER.http().maxBodyBytes()) + " (empty = `{}`"));
        p.add(new Phrase(rest, "`perPage` (20, ≤ " + ApiRoutes.MAX_PER_PAGE + ")"));
        p.add(new Phrase(rest, "`limit` (100, ≤ " + ApiRoutes.MAX_EVENTS + ")"));
        p.add(new Phrase(rest, "`days` (7, 0.." + ApiRoutes.MAX_EXPIRING_DAYS + ")"));
        p.add(new Phrase("REST API", "per username and address: " + LocalSignInThrottle.PAIR_FREE
                + " failures free"));
        p.add(new Phrase("REST API", "per address, over all usernames: " + LocalSignInThrottle.ADDRESS_FREE
                + " failures free"));
        p.add(new Phrase("REST API", "per username, over all addresses: " + LocalSignInThrottle.USER_FREE
                + " failures free"));
        p.add(new Phrase("REST API", "at most " + LocalSignInThrottle.MAX_CONCURRENT
                + " passwords of one username checked at the same time"));
        p.add(new Phrase("Stats definition", "maximum stay (default " + hours(SERVER.maxVisit()) + ")"));
        p.add(new Phrase("Stats definition", "housekeeping (every " + seconds(Housekeeping.INTERVAL) + ")"));
        p.add(new Phrase("Stats definition", "(within " + seconds(Housekeeping.INTERVAL) + ")"));
        return p;
    }

    // --- values read from behaviour where no single constant holds them ----------------------------

    private static long serverSilentIntervals() {
        return SOCKET.idleLimit().dividedBy(SOCKET.heartbeatInterval());
    }

    /** What the client waits for an overload with no Retry-After. */
    private static Duration overloadWait() {
        Duration wait = FailureClassifier.ofHttp(503, null, "draining", null).retryAfter();
        Duration longer = FailureClassifier.ofHttp(429, null, "slow down", wait.multipliedBy(3)).retryAfter();
        if (!longer.equals(wait.multipliedBy(3)) || !FailureClassifier.ofClose(CloseCodes.TRY_AGAIN_LATER, null).retryAfter().equals(wait)) {
            throw new AssertionError("the overload wait is no longer 'Retry-After or " + wait + ", whichever is longer'");
        }
        return wait;
    }

    private static String backoffRange() {
        Backoff b = new Backoff(CLIENT.backoffBase(), CLIENT.backoffCap(), () -> 1.0);
        if (!b.ceiling(1).equals(CLIENT.backoffBase().multipliedBy(2)) || !b.ceiling(30).equals(CLIENT.backoffCap())) {
            throw new AssertionError("the backoff is no longer min(cap, base * 2^n)");
        }
        return "[0, min(" + seconds(CLIENT.backoffCap()) + ", " + seconds(CLIENT.backoffBase()) + " × 2^n)]";
    }

    /**
     * "5, then waits of 1, 2, 4 ... s, at most 300 s", read off a throttle for one name at one address on a clock
     * that jumps over each wait it is told: the failures before the first wait, then the waits in order.
     */
    private static String signInThrottle() {
        Instant[] now = {Instant.EPOCH};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        LocalSignInThrottle t = new LocalSignInThrottle(clock);
        int free = 0;
        List<Long> waits = new ArrayList<>();
        for (int n = 1; n <= 64; n++) {
            try (SignInThrottle.Attempt attempt = t.begin("someone", "192.0.2.1")) {
                attempt.failed();
                if (waits.isEmpty()) {
                    free++;
                }
            } catch (com.avgym.server.auth.AuthException locked) {
                waits.add(locked.retryAfterSeconds());
                now[0] = now[0].plusSeconds(locked.retryAfterSeconds());
            }
        }
        return free + ", then waits of " + waits.get(0) + ", " + waits.get(1) + ", " + waits.get(2) + " ... s, at most "
                + waits.getLast() + " s";
    }

    // --- how the document writes numbers ---------------------------------------------------------------

    private static String number(double n) {
        return n == Math.rint(n) ? String.format(Locale.ROOT, "%,d", (long) n) : Double.toString(n);
    }

    private static String kib(long bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? number(d.toSeconds()) + " s" : Double.toString(d.toMillis() / 1000.0) + " s";
    }

    private static String minutes(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " minutes" : seconds(d);
    }

    private static String hours(Duration d) {
        return d.toSeconds() % 3600 == 0 ? d.toHours() + " h" : seconds(d);
    }

    private static String fraction(int divisor) {
        return switch (divisor) {
            case 2 -> "half";
            case 3 -> "third";
            case 4 -> "quarter";
            case 5 -> "fifth";
            default -> "1/" + divisor;
        };
    }
}
