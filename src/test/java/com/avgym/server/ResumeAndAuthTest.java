package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.avgym.protocol.Json;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** resume after a gap, resync_required, and auth_refresh keeping a socket alive past its first token. */
class ResumeAndAuthTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String type(JsonNode frame) {
        return frame.path("type").asText();
    }

    private static TokenPair refresh(Rest rest, String refreshToken) {
        Rest.Response r = rest.post("/api/auth/token/refresh/", null, Map.of("refresh", refreshToken));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return Json.convert(r.body(), TokenPair.class);
    }

    private static JsonNode checkIn(WsClient c, String number) {
        JsonNode reply = c.awaitReply(c.sendFrame("check_in", Map.of("clientRequestId", "r-" + UUID.randomUUID(),
                "membershipNumber", number, "location", "Front desk")), WAIT);
        assertThat(type(reply)).isEqualTo("check_in_success");
        return reply;
    }

    @Test
    void resumeAfterAGapReplaysTheMissedEventsInOrderThenResumed() {
        WsClient a = server.desk();
        long lastSeen = a.frames().getFirst().path("payload").path("lastSeq").asLong();
        a.close();
        a.awaitClose(WAIT);

        WsClient b = server.desk();
        checkIn(b, "M0011");
        checkIn(b, "M0012");
        JsonNode out = b.awaitReply(b.sendFrame("check_out", Map.of("clientRequestId", "r-" + UUID.randomUUID(),
                "membershipNumber", "M0011")), WAIT);
        assertThat(type(out)).isEqualTo("check_out_success");
        long current = server.rest().get("/api/health", null).body().path("lastSeq").asLong();
        assertThat(current).isEqualTo(lastSeen + 3);
        b.close();

        WsClient again = server.desk();
        try {
            String id = again.sendFrame("resume", Map.of("lastSeq", lastSeen));
            JsonNode resumed = again.awaitReply(id, WAIT);
            assertThat(type(resumed)).isEqualTo("resumed");
            assertThat(resumed.path("payload").path("fromSeq").asLong()).isEqualTo(lastSeen + 1);
            assertThat(resumed.path("payload").path("toSeq").asLong()).isEqualTo(current);

            List<JsonNode> frames = again.frames();
            int resumedAt = frames.indexOf(resumed);
            List<JsonNode> replayed = frames.subList(2, resumedAt);
            assertThat(replayed).extracting(f -> f.path("seq").asLong())
                    .containsExactly(lastSeen + 1, lastSeen + 2, lastSeen + 3);
            assertThat(replayed).extracting(ResumeAndAuthTest::type).containsExactly(
                    "member_checked_in", "member_checked_in", "member_checked_out");
            assertThat(replayed.get(0).path("payload").path("membershipNumber").asText()).isEqualTo("M0011");
            assertThat(replayed.get(1).path("payload").path("membershipNumber").asText()).isEqualTo("M0012");
            assertThat(replayed.get(2).path("payload").path("stats").path("currentlyIn").isNumber()).isTrue();

            // Nothing missed: an empty resume answers resumed with toSeq < fromSeq and no events.
            String none = again.sendFrame("resume", Map.of("lastSeq", current));
            JsonNode empty = again.awaitReply(none, WAIT);
            assertThat(type(empty)).isEqualTo("resumed");
            assertThat(empty.path("payload").path("fromSeq").asLong()).isEqualTo(current + 1);
            assertThat(empty.path("payload").path("toSeq").asLong()).isEqualTo(current);
            assertThat(again.frames().subList(resumedAt + 1, again.frames().indexOf(empty))).isEmpty();
        } finally {
            again.close();
        }
    }

    @Test
    void resumeWithASeqNewerThanTheServersIsAnsweredWithResyncRequired() {
        WsClient c = server.desk();
        try {
            long current = c.frames().getFirst().path("payload").path("lastSeq").asLong();
            String id = c.sendFrame("resume", Map.of("lastSeq", current + 1_000));
            JsonNode reply = c.awaitReply(id, WAIT);
            assertThat(type(reply)).isEqualTo("resync_required");
            assertThat(reply.path("payload").path("lastSeq").asLong()).isEqualTo(current + 1_000);
            assertThat(reply.path("payload").path("currentSeq").asLong()).isEqualTo(current);
            assertThat(c.isClosedNow()).isFalse();
        } finally {
            c.close();
        }
    }

    @Test
    void authRefreshWithAFreshTokenOfTheSameUserMovesTheExpiry() {
        TokenPair first = server.login("desk");
        long issuedSecond = Instant.now().getEpochSecond();
        WsClient c = WsClient.open(server.wsUrl(), first.access());
        try {
            Instant firstExpiry = Instant.parse(c.frames().getFirst().path("payload").path("accessExpiresAt").asText());
            // Token expiries have whole seconds: wait for the next one so the new token expires later.
            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                    .until(() -> Instant.now().getEpochSecond() > issuedSecond);
            TokenPair next = refresh(server.rest(), first.refresh());
            assertThat(next.access()).isNotEqualTo(first.access());

            String id = c.sendFrame("auth_refresh", Map.of("access", next.access()));
            JsonNode reply = c.awaitReply(id, WAIT);
            assertThat(type(reply)).isEqualTo("auth_refreshed");
            assertThat(Instant.parse(reply.path("payload").path("accessExpiresAt").asText())).isAfter(firstExpiry);
        } finally {
            c.close();
        }
    }

    @Test
    void authRefreshWithAnotherUsersTokenIsForbiddenAndTheSocketStaysOpen() {
        WsClient c = server.desk();
        try {
            String adminAccess = server.login("admin").access();
            JsonNode reply = c.awaitReply(c.sendFrame("auth_refresh", Map.of("access", adminAccess)), WAIT);
            assertThat(type(reply)).isEqualTo("error");
            assertThat(reply.path("payload").path("code").asText()).isEqualTo("FORBIDDEN");
            JsonNode ack = c.awaitReply(c.sendFrame("heartbeat", Map.of()), WAIT);
            assertThat(type(ack)).isEqualTo("heartbeat_ack");
            assertThat(c.isClosedNow()).isFalse();
        } finally {
            c.close();
        }
    }

    @Test
    void authRefreshWithAGarbageTokenIsTokenInvalid() {
        WsClient c = server.desk();
        try {
            JsonNode reply = c.awaitReply(c.sendFrame("auth_refresh", Map.of("access", "not.a.jwt")), WAIT);
            assertThat(type(reply)).isEqualTo("error");
            assertThat(reply.path("payload").path("code").asText()).isEqualTo("TOKEN_INVALID");
            JsonNode ack = c.awaitReply(c.sendFrame("heartbeat", Map.of()), WAIT);
            assertThat(type(ack)).isEqualTo("heartbeat_ack");
        } finally {
            c.close();
        }
    }

    /**
     * With a 2 s access TTL and a clock the test moves, the socket that refreshed outlives its first
     * token while the one that did not is closed with 4401; the refreshed one closes too once its new
     * token expires.
     */
    @Test
    void aSocketThatRefreshesOutlivesItsFirstTokenAndOneThatDoesNotGets4401() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        MutableClock clock = new MutableClock(t0);
        try (TestServer shortLived = TestServer.start(c -> c.withClock(clock, ZoneOffset.UTC)
                .withTokenTtls(Duration.ofSeconds(2), Duration.ofHours(1)))) {
            TokenPair aTokens = shortLived.login("desk");
            TokenPair bTokens = shortLived.login("desk");
            WsClient a = WsClient.open(shortLived.wsUrl(), aTokens.access());
            WsClient b = WsClient.open(shortLived.wsUrl(), bTokens.access());
            Instant firstExpiry = Instant.parse(a.frames().getFirst().path("payload").path("accessExpiresAt").asText());
            assertThat(firstExpiry).isEqualTo(t0.plusSeconds(2));

            clock.set(t0.plusSeconds(1));
            TokenPair aNext = refresh(shortLived.rest(), aTokens.refresh());
            JsonNode refreshed = a.awaitReply(a.sendFrame("auth_refresh", Map.of("access", aNext.access())), WAIT);
            assertThat(type(refreshed)).isEqualTo("auth_refreshed");
            Instant secondExpiry = Instant.parse(refreshed.path("payload").path("accessExpiresAt").asText());
            assertThat(secondExpiry).isEqualTo(t0.plusSeconds(3));

            clock.set(t0.plusMillis(2_500));
            WsClient.Closed bClosed = b.awaitClose(WAIT);
            assertThat(bClosed.code()).isEqualTo(4401);
            // The same timer pass looked at a: it is past its first token and still served.
            assertThat(a.isClosedNow()).isFalse();
            JsonNode ack = a.awaitReply(a.sendFrame("heartbeat", Map.of()), WAIT);
            assertThat(type(ack)).isEqualTo("heartbeat_ack");

            clock.set(t0.plusMillis(3_500));
            assertThat(a.awaitClose(WAIT).code()).isEqualTo(4401);
        }
    }
}
