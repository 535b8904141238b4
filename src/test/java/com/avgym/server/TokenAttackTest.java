package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.avgym.protocol.message.TokenPair;
import com.avgym.server.auth.SigningKey;
import com.avgym.server.support.MutableClock;
import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens an attacker might try, each against REST (401 + the right code) and the socket upgrade (refused
 * before any frame). A forged token signed with the real key is accepted, which shows the refusals are
 * about the signature or kind, not about the forged claims.
 */
class TokenAttackTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static TestServer server;
    private static Rest rest;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        rest = server.rest();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Signs the claims of a real access token again with {@code algorithm}. */
    private static String reSign(String realToken, Algorithm algorithm) {
        DecodedJWT real = JWT.decode(realToken);
        return JWT.create()
                .withIssuer("avgym")
                .withSubject(real.getSubject())
                .withJWTId(UUID.randomUUID().toString())
                .withIssuedAt(Instant.now())
                .withExpiresAt(Instant.now().plusSeconds(300))
                .withClaim("typ", "access")
                .withClaim("sid", real.getClaim("sid").asString())
                .withClaim("role", "admin")
                .withClaim("username", real.getClaim("username").asString())
                .sign(algorithm);
    }

    private static void assertRefused(String token, int status, String code) {
        Rest.Response me = rest.get("/api/auth/me/", token);
        assertThat(me.status()).as("REST status").isEqualTo(status);
        assertThat(me.code()).as("REST code").isEqualTo(code);
        assertThat(me.text()).doesNotContain("Exception");

        WsClient ws = WsClient.connect(server.wsUrl(), token);
        try {
            WsClient.Closed closed = ws.awaitClose(WAIT);
            // Java-WebSocket reports a refused upgrade as a protocol error naming the HTTP status.
            assertThat(closed.code()).isEqualTo(1002);
            assertThat(closed.reason()).contains(Integer.toString(status));
            assertThat(ws.frames()).as("no hello or any other frame").isEmpty();
        } finally {
            ws.close();
        }
    }

    @Test
    void theRealTokenAndOneForgedWithTheRealKeyAreAccepted() throws Exception {
        TokenPair pair = server.login("desk");
        assertThat(rest.get("/api/auth/me/", pair.access()).status()).isEqualTo(200);

        byte[] key = Base64.getDecoder().decode(Files.readString(server.dataDir().resolve(SigningKey.FILE_NAME)).trim());
        String forgedWithRealKey = reSign(pair.access(), Algorithm.HMAC256(key));
        Rest.Response me = rest.get("/api/auth/me/", forgedWithRealKey);
        assertThat(me.status()).isEqualTo(200);
        // the role comes from the database, not from the token's claim
        assertThat(me.body().path("role").asText()).isEqualTo("staff");
        assertThat(rest.patch("/api/users/desk", forgedWithRealKey, Map.of("role", "admin")).code()).isEqualTo("FORBIDDEN");

        WsClient ws = WsClient.open(server.wsUrl(), pair.access());
        assertThat(ws.frames().getFirst().path("type").asText()).isEqualTo("hello");
        ws.close();
    }

    @Test
    void tokenSignedWithAnotherKeyIsInvalid() {
        TokenPair pair = server.login("desk");
        String forged = reSign(pair.access(), Algorithm.HMAC256("some-other-secret-of-sufficient-length-0123456789"));
        assertRefused(forged, 401, "TOKEN_INVALID");
    }

    @Test
    void algNoneTokenIsInvalid() {
        TokenPair pair = server.login("desk");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = pair.access().split("\\.")[1]; // the real, valid claims
        assertRefused(header + "." + payload + ".", 401, "TOKEN_INVALID");
        // with the original signature left on, a switched header must not pass either
        assertRefused(header + "." + payload + "." + pair.access().split("\\.")[2], 401, "TOKEN_INVALID");
    }

    @Test
    void refreshTokenIsNotAnAccessToken() {
        TokenPair pair = server.login("desk");
        assertRefused(pair.refresh(), 401, "TOKEN_INVALID");
        assertThat(rest.get("/api/auth/me/", pair.access()).status()).isEqualTo(200);
    }

    @Test
    void garbageAndMissingTokens() {
        assertRefused("garbage", 401, "TOKEN_INVALID");
        assertRefused("a.b.c", 401, "TOKEN_INVALID");
        assertRefused(null, 401, "TOKEN_MISSING");
    }

    @Test
    void expiredAccessTokenIsRefusedAsExpired() {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (TestServer short_ = TestServer.start(c -> c.withClock(clock, ZoneOffset.UTC)
                .withTokenTtls(Duration.ofSeconds(1), Duration.ofHours(1)))) {
            TokenPair pair = short_.login("desk");
            assertThat(short_.rest().get("/api/auth/me/", pair.access()).status()).isEqualTo(200);

            clock.advance(Duration.ofSeconds(5));
            Rest.Response me = short_.rest().get("/api/auth/me/", pair.access());
            assertThat(me.status()).isEqualTo(401);
            assertThat(me.code()).isEqualTo("TOKEN_EXPIRED");
            WsClient ws = WsClient.connect(short_.wsUrl(), pair.access());
            WsClient.Closed closed = ws.awaitClose(WAIT);
            assertThat(closed.code()).isEqualTo(1002);
            assertThat(closed.reason()).contains("401");
            assertThat(ws.frames()).isEmpty();
            ws.close();

            // the refresh token (1 h) still gets a fresh access token
            Rest.Response refreshed = short_.rest().post("/api/auth/token/refresh/", null, Map.of("refresh", pair.refresh()));
            assertThat(refreshed.status()).isEqualTo(200);
            assertThat(short_.rest().get("/api/auth/me/", refreshed.body().path("access").asText()).status()).isEqualTo(200);
        }
    }

    @Test
    void deactivatedUserIsRefusedWith403() {
        try (TestServer own = TestServer.start()) {
            Rest r = own.rest();
            TokenPair trainer = own.login("trainer");
            TokenPair desk = own.login("desk");
            String admin = own.login("admin").access();
            assertThat(r.get("/api/auth/me/", trainer.access()).status()).isEqualTo(200);

            Rest.Response notAdmin = r.patch("/api/users/trainer", desk.access(), Map.of("active", false));
            assertThat(notAdmin.status()).isEqualTo(403);
            assertThat(notAdmin.code()).isEqualTo("FORBIDDEN");
            assertThat(r.get("/api/auth/me/", trainer.access()).status()).isEqualTo(200);

            WsClient trainerSocket = WsClient.open(own.wsUrl(), trainer.access());
            Rest.Response patched = r.patch("/api/users/trainer", admin, Map.of("active", false));
            assertThat(patched.status()).isEqualTo(200);
            assertThat(patched.body().path("active").asBoolean(true)).isFalse();
            assertThat(trainerSocket.awaitClose(WAIT).code()).isEqualTo(4403);

            Rest.Response me = r.get("/api/auth/me/", trainer.access());
            assertThat(me.status()).isEqualTo(403);
            assertThat(me.code()).isEqualTo("USER_INACTIVE");
            Rest.Response stats = r.get("/api/checkins/stats/", trainer.access());
            assertThat(stats.status()).isEqualTo(403);
            assertThat(stats.code()).isEqualTo("USER_INACTIVE");
            Rest.Response refresh = r.post("/api/auth/token/refresh/", null, Map.of("refresh", trainer.refresh()));
            assertThat(refresh.status()).isEqualTo(403);
            assertThat(refresh.code()).isEqualTo("USER_INACTIVE");
            Rest.Response login = r.post("/api/auth/token/", null, Map.of("username", "trainer", "password", TestServer.PASSWORD));
            assertThat(login.status()).isEqualTo(401);
            assertThat(login.code()).isEqualTo("INVALID_CREDENTIALS");

            WsClient ws = WsClient.connect(own.wsUrl(), trainer.access());
            WsClient.Closed closed = ws.awaitClose(WAIT);
            assertThat(closed.code()).isEqualTo(1002);
            assertThat(closed.reason()).contains("403");
            assertThat(ws.frames()).isEmpty();
            ws.close();

            assertThat(r.patch("/api/users/nobody", admin, Map.of("active", false)).status()).isEqualTo(404);
            assertThat(r.patch("/api/users/trainer", admin, Map.of("role", "boss")).code()).isEqualTo("INVALID_MESSAGE");

            // reactivated, the trainer can sign in again
            assertThat(r.patch("/api/users/trainer", admin, Map.of("active", true)).status()).isEqualTo(200);
            assertThat(own.login("trainer").access()).isNotBlank();
        }
    }

    @Test
    void trainerMayReadButNotWrite() {
        String trainer = server.login("trainer").access();
        Rest.Response stats = rest.get("/api/checkins/stats/", trainer);
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.body().has("currentlyIn")).isTrue();
        assertThat(rest.get("/api/members/?q=M00", trainer).status()).isEqualTo(200);

        Map<String, String> body = Map.of("clientRequestId", "trainer-" + UUID.randomUUID(), "membershipNumber", "M0001",
                "location", "Front desk");
        Rest.Response write = rest.post("/api/checkins/", trainer, body);
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.code()).isEqualTo("FORBIDDEN");
        Rest.Response checkout = rest.post("/api/checkins/checkout/", trainer,
                Map.of("clientRequestId", "trainer-out-" + UUID.randomUUID(), "membershipNumber", "M0001"));
        assertThat(checkout.status()).isEqualTo(403);

        Rest.Response anonymous = rest.post("/api/checkins/", null, body);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("TOKEN_MISSING");
        assertThat(rest.get("/api/checkins/stats/", null).status()).isEqualTo(401);

        // nothing was written by the refused calls
        String desk = server.login("desk").access();
        assertThat(rest.get("/api/checkins/history/?q=M0001", desk).body().path("total").asLong()).isZero();
    }

    @Test
    void trainerSocketMayNotCheckIn() {
        WsClient ws = WsClient.open(server.wsUrl(), server.login("trainer").access());
        try {
            String id = ws.sendFrame("check_in", Map.of("clientRequestId", "trainer-ws-" + UUID.randomUUID(),
                    "membershipNumber", "M0002", "location", "Front desk"));
            var reply = ws.awaitReply(id, WAIT);
            assertThat(reply.path("type").asText()).isEqualTo("check_in_error");
            assertThat(reply.path("payload").path("code").asText()).isEqualTo("FORBIDDEN");
        } finally {
            ws.close();
        }
    }

    @Test
    void signingKeyFileIsOwnerOnly() throws Exception {
        Path key = server.dataDir().resolve(SigningKey.FILE_NAME);
        assertThat(key).exists();
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Base64.getDecoder().decode(Files.readString(key).trim())).hasSizeGreaterThanOrEqualTo(32);
    }
}
