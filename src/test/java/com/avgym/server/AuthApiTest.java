package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.message.TokenPair;
import com.avgym.server.support.MutableClock;
import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sign-in, throttling, refresh rotation with re-use detection, logout and /me over real HTTP. */
class AuthApiTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Frozen, so the login throttle's lock does not run out between two requests on a slow machine. */
    private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static TestServer server;
    private static Rest rest;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withClock(CLOCK, ZoneOffset.UTC));
        rest = server.rest();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Rest.Response login(String username, String password) {
        return rest.post("/api/auth/token/", null, Map.of("username", username, "password", password));
    }

    private static Rest.Response refresh(String refreshToken) {
        return rest.post("/api/auth/token/refresh/", null, Map.of("refresh", refreshToken));
    }

    @Test
    void loginReturnsATokenPairAndTheUser() {
        Rest.Response r = login("desk", TestServer.PASSWORD);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("access").asText()).isNotBlank();
        assertThat(r.body().path("refresh").asText()).isNotBlank().isNotEqualTo(r.body().path("access").asText());
        JsonNode user = r.body().path("user");
        assertThat(user.path("id").asText()).isNotBlank();
        assertThat(user.path("username").asText()).isEqualTo("desk");
        assertThat(user.path("role").asText()).isEqualTo("staff");
        assertThat(user.path("fullName").asText()).isEqualTo("Front Desk");

        Rest.Response me = rest.get("/api/auth/me/", r.body().path("access").asText());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("id").asText()).isEqualTo(user.path("id").asText());
        assertThat(me.body().path("username").asText()).isEqualTo("desk");
        assertThat(me.body().path("role").asText()).isEqualTo("staff");
        assertThat(me.body().path("fullName").asText()).isEqualTo("Front Desk");

        assertThat(rest.get("/api/auth/me/", rest.login("admin", TestServer.PASSWORD).access()).body()
                .path("role").asText()).isEqualTo("admin");
    }

    @Test
    void wrongPasswordAndUnknownUserAreTheSame401() {
        Rest.Response wrong = login("admin", "not-the-password");
        Rest.Response unknown = login("nobody-" + UUID.randomUUID(), TestServer.PASSWORD);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknown.body().path("message").asText()).isEqualTo(wrong.body().path("message").asText());
        assertThat(wrong.text()).doesNotContain("hash").doesNotContain("pbkdf2");
    }

    @Test
    void repeatedFailuresForOneUsernameAreThrottledWithRetryAfter() {
        // trainer is used by no other test of this class
        for (int i = 1; i <= 5; i++) {
            Rest.Response r = login("trainer", "guess-" + i);
            assertThat(r.status()).as("free failure %d", i).isEqualTo(401);
            assertThat(r.code()).isEqualTo("INVALID_CREDENTIALS");
        }
        Rest.Response locked = login("trainer", "guess-6");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.code()).isEqualTo("RATE_LIMITED");
        assertThat(locked.header("Retry-After")).isPresent();
        long retryAfter = Long.parseLong(locked.header("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 300L);

        // While locked even the right password is refused (the guesser learns nothing)...
        Rest.Response rightButLocked = login("TRAINER ", TestServer.PASSWORD);
        assertThat(rightButLocked.status()).isEqualTo(429);
        // ...other usernames are unaffected...
        assertThat(login("admin", TestServer.PASSWORD).status()).isEqualTo(200);

        // ...and once the wait is over the right password works again.
        CLOCK.advance(Duration.ofSeconds(retryAfter));
        assertThat(login("trainer", TestServer.PASSWORD).status()).isEqualTo(200);
        assertThat(login("trainer", "one-more-wrong").status()).as("success cleared the failures").isEqualTo(401);
    }

    @Test
    void refreshRotatesThePair() {
        TokenPair first = server.login("desk");
        Rest.Response r = refresh(first.refresh());

        assertThat(r.status()).isEqualTo(200);
        String access2 = r.body().path("access").asText();
        String refresh2 = r.body().path("refresh").asText();
        assertThat(access2).isNotBlank().isNotEqualTo(first.access());
        assertThat(refresh2).isNotBlank().isNotEqualTo(first.refresh());
        assertThat(rest.get("/api/auth/me/", access2).status()).isEqualTo(200);

        Rest.Response r3 = refresh(refresh2);
        assertThat(r3.status()).isEqualTo(200);
        assertThat(rest.get("/api/auth/me/", r3.body().path("access").asText()).body().path("username").asText())
                .isEqualTo("desk");
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeChain() {
        TokenPair first = server.login("desk");
        Rest.Response rotated = refresh(first.refresh());
        assertThat(rotated.status()).isEqualTo(200);
        String access2 = rotated.body().path("access").asText();
        String refresh2 = rotated.body().path("refresh").asText();
        assertThat(rest.get("/api/auth/me/", access2).status()).isEqualTo(200);

        // Past the reuse interval for a lost reply (RefreshReuseIntervalTest): this is re-use.
        CLOCK.advance(Duration.ofSeconds(31));
        Rest.Response reused = refresh(first.refresh());
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.code()).isEqualTo("TOKEN_REVOKED");

        // The newer token of the chain (perhaps the legitimate user's) is dead too, and so are its access tokens.
        Rest.Response newer = refresh(refresh2);
        assertThat(newer.status()).isEqualTo(401);
        assertThat(newer.code()).isEqualTo("TOKEN_REVOKED");
        Rest.Response me2 = rest.get("/api/auth/me/", access2);
        assertThat(me2.status()).isEqualTo(401);
        assertThat(me2.code()).isEqualTo("TOKEN_REVOKED");
        Rest.Response me1 = rest.get("/api/auth/me/", first.access());
        assertThat(me1.status()).isEqualTo(401);
        assertThat(me1.code()).isEqualTo("TOKEN_REVOKED");

        // Another session of the same user is untouched.
        assertThat(rest.get("/api/auth/me/", server.login("desk").access()).status()).isEqualTo(200);
    }

    @Test
    void refreshWithGarbageOrAnAccessTokenIsRefused() {
        TokenPair pair = server.login("desk");
        Rest.Response withAccess = refresh(pair.access());
        assertThat(withAccess.status()).isEqualTo(401);
        assertThat(withAccess.code()).isEqualTo("TOKEN_INVALID");
        Rest.Response garbage = refresh("not.a.token");
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(garbage.code()).isEqualTo("TOKEN_INVALID");
        // the failed attempts did not spoil the real chain
        assertThat(refresh(pair.refresh()).status()).isEqualTo(200);
    }

    @Test
    void logoutRevokesTheChainAndClosesOnlyThatSessionsSockets() {
        TokenPair a = server.login("desk");
        TokenPair b = server.login("desk");
        WsClient socketA1 = WsClient.open(server.wsUrl(), a.access());
        WsClient socketA2 = WsClient.open(server.wsUrl(), a.access());
        WsClient socketB = WsClient.open(server.wsUrl(), b.access());
        try {
            Rest.Response out = rest.post("/api/auth/logout/", a.access(), Map.of("refresh", a.refresh()));
            assertThat(out.status()).isEqualTo(200);
            assertThat(out.body().path("loggedOut").asBoolean()).isTrue();

            assertThat(socketA1.awaitClose(WAIT).code()).isEqualTo(4401);
            assertThat(socketA2.awaitClose(WAIT).code()).isEqualTo(4401);

            Rest.Response refreshA = refresh(a.refresh());
            assertThat(refreshA.status()).isEqualTo(401);
            assertThat(refreshA.code()).isEqualTo("TOKEN_REVOKED");
            Rest.Response meA = rest.get("/api/auth/me/", a.access());
            assertThat(meA.status()).isEqualTo(401);
            assertThat(meA.code()).isEqualTo("TOKEN_REVOKED");

            // Session b still works, and its socket is still open: it receives a broadcast after a's sockets closed.
            assertThat(rest.get("/api/auth/me/", b.access()).status()).isEqualTo(200);
            assertThat(socketB.isClosedNow()).isFalse();
            Rest.Response checkIn = rest.post("/api/checkins/", b.access(), Map.of(
                    "clientRequestId", "auth-logout-" + UUID.randomUUID(), "membershipNumber", "M0012", "location", "Front desk"));
            assertThat(checkIn.status()).isEqualTo(201);
            String visitId = checkIn.body().path("checkIn").path("id").asText();
            socketB.await(f -> "member_checked_in".equals(f.path("type").asText())
                    && visitId.equals(f.path("payload").path("id").asText()), WAIT, "the check-in broadcast");
            assertThat(socketB.isClosedNow()).isFalse();
            assertThat(refresh(b.refresh()).status()).isEqualTo(200);
        } finally {
            socketA1.close();
            socketA2.close();
            socketB.close();
        }
    }

    @Test
    void logoutWithOnlyTheAccessTokenEndsTheCallersSession() {
        TokenPair a = server.login("admin");
        Rest.Response out = rest.post("/api/auth/logout/", a.access(), "");
        assertThat(out.status()).isEqualTo(200);
        assertThat(rest.get("/api/auth/me/", a.access()).code()).isEqualTo("TOKEN_REVOKED");
        assertThat(refresh(a.refresh()).code()).isEqualTo("TOKEN_REVOKED");
    }

    @Test
    void logoutNeedsAnAccessToken() {
        TokenPair a = server.login("admin");
        Rest.Response out = rest.post("/api/auth/logout/", null, Map.of("refresh", a.refresh()));
        assertThat(out.status()).isEqualTo(401);
        assertThat(out.code()).isEqualTo("TOKEN_MISSING");
        assertThat(refresh(a.refresh()).status()).as("the session was not ended").isEqualTo(200);
    }

    @Test
    void meWithoutATokenIs401() {
        Rest.Response me = rest.get("/api/auth/me/", null);
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.code()).isEqualTo("TOKEN_MISSING");
    }
}
