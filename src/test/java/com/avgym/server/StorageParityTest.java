package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.support.MutableClock;
import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database paths of the REST and socket API, end to end on a real server. Runs on SQLite by default
 * and on PostgreSQL under the postgres profile, so one code base is checked against both dialects
 * (null and boolean binding, AVG, LIKE ... ESCAPE, LIMIT/OFFSET, partial unique index).
 */
class StorageParityTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static TestServer server;
    private static Rest rest;
    private static String desk;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        rest = server.rest();
        desk = server.login("desk").access();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, Object> checkIn(String requestId, String number) {
        return Map.of("clientRequestId", requestId, "membershipNumber", number, "location", "Front desk");
    }

    @Test
    void oneClientRequestIdGivesOneRowAndTheSameAnswerOverRestAndSocket() {
        Rest.Response first = rest.post("/api/checkins", desk, checkIn("parity-1", "M0003"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().path("duplicate").asBoolean()).isFalse();
        assertThat(first.body().path("checkIn").path("notes").isNull()).isTrue();
        assertThat(first.body().path("checkIn").path("checkOutTime").isNull()).isTrue();
        String visitId = first.body().path("checkIn").path("id").asText();

        WsClient socket = server.desk();
        try {
            String id = socket.sendFrame("check_in", checkIn("parity-1", "M0003"));
            JsonNode reply = socket.awaitReply(id, WAIT);
            assertThat(reply.path("type").asText()).isEqualTo("check_in_success");
            assertThat(reply.path("payload").path("duplicate").asBoolean()).isTrue();
            assertThat(reply.path("payload").path("checkIn").path("id").asText()).isEqualTo(visitId);
        } finally {
            socket.close();
        }

        Rest.Response again = rest.post("/api/checkins/", desk, checkIn("parity-1", "M0003"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("duplicate").asBoolean()).isTrue();
        assertThat(again.body().path("checkIn").path("id").asText()).isEqualTo(visitId);

        Rest.Response history = rest.get("/api/checkins/history?q=m0003", desk);
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body().path("total").asLong()).isEqualTo(1);

        Rest.Response other = rest.post("/api/checkins", desk, checkIn("parity-1b", "M0003"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.code()).isEqualTo("ALREADY_CHECKED_IN");
        assertThat(other.body().path("details").path("checkInId").asText()).isEqualTo(visitId);
        assertThat(other.body().path("details").path("location").asText()).isEqualTo("Front desk");
    }

    @Test
    void aStoredRefusalIsReplayedWithItsDetails() {
        Rest.Response first = rest.post("/api/checkins", desk, checkIn("parity-2", "M0049"));
        assertThat(first.status()).isEqualTo(409);
        assertThat(first.code()).isEqualTo("MEMBERSHIP_EXPIRED");
        assertThat(first.body().path("details").path("expiredOn").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        Rest.Response again = rest.post("/api/checkins", desk, checkIn("parity-2", "M0049"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.body().path("clientRequestId").asText()).isEqualTo("parity-2");

        assertThat(rest.post("/api/checkins", desk, checkIn("parity-3", "M0050")).code()).isEqualTo("MEMBER_INACTIVE");
        Rest.Response missing = rest.post("/api/checkins", desk, checkIn("parity-4", "NOPE-1"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("MEMBER_NOT_FOUND");
    }

    @Test
    void checkOutClosesTheVisitAndFeedsTheStatsAndHistory() {
        Instant twoMinutesAgo = Instant.now().minus(Duration.ofMinutes(2));
        Rest.Response in = rest.post("/api/checkins", desk, Map.of("clientRequestId", "parity-5",
                "membershipNumber", "M0004", "location", "Front desk", "notes", "towel",
                "occurredAt", twoMinutesAgo.toString()));
        assertThat(in.status()).isEqualTo(201);
        assertThat(in.body().path("checkIn").path("notes").asText()).isEqualTo("towel");

        Rest.Response out = rest.post("/api/checkins/checkout", desk,
                Map.of("clientRequestId", "parity-6", "membershipNumber", "M0004"));
        assertThat(out.status()).isEqualTo(201);
        assertThat(out.body().path("checkIn").path("checkOutTime").isTextual()).isTrue();
        assertThat(out.body().path("checkIn").path("autoClosed").asBoolean()).isFalse();
        assertThat(out.body().path("stats").path("averageStayMinutes").asDouble()).isPositive();

        Rest.Response twice = rest.post("/api/checkins/checkout", desk,
                Map.of("clientRequestId", "parity-7", "membershipNumber", "M0004"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("NOT_CHECKED_IN");

        assertThat(rest.get("/api/checkins/history?status=out&q=M0004", desk).body().path("total").asLong()).isEqualTo(1);
        assertThat(rest.get("/api/checkins/history?status=in&q=M0004", desk).body().path("total").asLong()).isZero();
        Rest.Response stats = rest.get("/api/checkins/stats", desk);
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.body().path("averageStayMinutes").asDouble()).isPositive();
    }

    @Test
    void readsWorkOnEitherDatabase() {
        Rest.Response search = rest.get("/api/members?q=M000&perPage=5&page=2", desk);
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.body().path("total").asLong()).isEqualTo(9);
        assertThat(search.body().path("results")).hasSize(4);

        Rest.Response byNumber = rest.get("/api/members/by-number/m0001", desk);
        assertThat(byNumber.status()).isEqualTo(200);
        assertThat(byNumber.body().path("membershipNumber").asText()).isEqualTo("M0001");
        assertThat(byNumber.body().path("membershipCurrent").asBoolean()).isTrue();

        Rest.Response expiring = rest.get("/api/memberships/expiring?days=366", desk);
        assertThat(expiring.status()).isEqualTo(200);
        assertThat(expiring.body().isArray()).isTrue();
        assertThat(expiring.body()).isNotEmpty();

        Rest.Response events = rest.get("/api/events?after=0&limit=1000", desk);
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.body().path("resyncRequired").asBoolean()).isFalse();
        long last = events.body().path("lastSeq").asLong();
        assertThat(rest.get("/api/events?after=" + (last + 1), desk).body().path("resyncRequired").asBoolean()).isTrue();
    }

    @Test
    void deactivatingAUserStoresTheFlag() {
        String admin = server.login("admin").access();
        Rest.Response off = rest.patch("/api/users/trainer", admin, Map.of("active", false));
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.body().path("active").asBoolean()).isFalse();
        Rest.Response refused = rest.post("/api/auth/token", null, Map.of("username", "trainer", "password", TestServer.PASSWORD));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("INVALID_CREDENTIALS");

        assertThat(rest.patch("/api/users/trainer", admin, Map.of("active", true)).status()).isEqualTo(200);
        assertThat(rest.post("/api/auth/token", null, Map.of("username", "trainer", "password", TestServer.PASSWORD))
                .status()).isEqualTo(200);
    }

    @Test
    void aStaleVisitIsAutoClosedAndLeftOutOfTheAverage() {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestServer own = TestServer.start(c -> c.withClock(clock, ZoneOffset.UTC).withMaxVisit(Duration.ofHours(1)))) {
            String token = own.login("desk").access();
            assertThat(own.rest().post("/api/checkins", token, checkIn("stale-1", "M0005")).status()).isEqualTo(201);
            clock.advance(Duration.ofHours(2));
            own.server().housekeeping().closeStaleVisits();

            String fresh = own.login("desk").access();
            Rest.Response out = own.rest().get("/api/checkins/history?status=out&q=M0005", fresh);
            assertThat(out.body().path("total").asLong()).isEqualTo(1);
            JsonNode visit = out.body().path("results").get(0);
            assertThat(visit.path("autoClosed").asBoolean()).isTrue();
            assertThat(Duration.between(Instant.parse(visit.path("checkInTime").asText()),
                    Instant.parse(visit.path("checkOutTime").asText()))).isEqualTo(Duration.ofHours(1));
            JsonNode stats = own.rest().get("/api/checkins/stats", fresh).body();
            assertThat(stats.path("currentlyIn").asLong()).isZero();
            assertThat(stats.path("averageStayMinutes").asDouble()).isZero();
        }
    }
}
