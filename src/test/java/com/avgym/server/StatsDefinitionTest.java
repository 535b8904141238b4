package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.support.MutableClock;
import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The one definition of the dashboard figures (StatsQuery), driven by a hand-moved clock in a zone far
 * from UTC: "today" is the gym's local date, the average counts today's completed, not auto-closed
 * visits, and REST, initial_stats and stats_update all say the same.
 */
class StatsDefinitionTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ZoneId ADDIS = ZoneId.of("Africa/Addis_Ababa"); // UTC+3, no DST
    private static final LocalDate DAY = LocalDate.now(ADDIS);

    private static Instant local(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(ADDIS).toInstant();
    }

    private static TestServer start(MutableClock clock, Duration maxVisit) {
        return TestServer.start(c -> c.withClock(clock, ADDIS).withMaxVisit(maxVisit)
                .withTokenTtls(Duration.ofDays(2), Duration.ofDays(3)));
    }

    private static JsonNode checkIn(Rest rest, String token, String number) {
        Rest.Response r = rest.post("/api/checkins/", token, Map.of("clientRequestId", UUID.randomUUID().toString(),
                "membershipNumber", number, "location", "Front desk"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.body();
    }

    private static JsonNode stats(Rest rest, String token) {
        Rest.Response r = rest.get("/api/checkins/stats/", token);
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    private static void assertStats(JsonNode stats, long currentlyIn, long todayTotal, double averageStayMinutes) {
        assertThat(stats.path("currentlyIn").asLong()).as("currentlyIn in " + stats).isEqualTo(currentlyIn);
        assertThat(stats.path("todayTotal").asLong()).as("todayTotal in " + stats).isEqualTo(todayTotal);
        assertThat(stats.path("averageStayMinutes").asDouble(-1)).as("averageStayMinutes in " + stats)
                .isEqualTo(averageStayMinutes);
    }

    @Test
    void todayIsTheGymsLocalDateAndTheAverageCountsTodaysCompletedVisits() {
        MutableClock clock = new MutableClock(local(DAY, 23, 50));
        try (TestServer server = start(clock, Duration.ofHours(12))) {
            Rest rest = server.rest();
            String token = server.login("desk").access();
            assertStats(stats(rest, token), 0, 0, 0.0);

            JsonNode first = checkIn(rest, token, "M0001");
            assertStats(first.path("stats"), 1, 1, 0.0);
            assertStats(stats(rest, token), 1, 1, 0.0);
            assertThat(Instant.parse(first.path("checkIn").path("checkInTime").asText())).isEqualTo(local(DAY, 23, 50));
            checkIn(rest, token, "M0002"); // stays inside past midnight
            assertStats(stats(rest, token), 2, 2, 0.0);

            clock.set(local(DAY, 23, 59));
            Rest.Response out = rest.post("/api/checkins/checkout/", token, Map.of("clientRequestId",
                    UUID.randomUUID().toString(), "membershipNumber", "M0001"));
            assertThat(out.status()).isEqualTo(201);
            assertStats(out.body().path("stats"), 1, 2, 9.0);
            JsonNode beforeMidnight = stats(rest, token);
            assertStats(beforeMidnight, 1, 2, 9.0);

            WsClient early = server.desk();
            try {
                assertThat(early.frames().get(1).path("type").asText()).isEqualTo("initial_stats");
                assertThat(early.frames().get(1).path("payload")).isEqualTo(beforeMidnight);

                // 00:01 local (21:01 UTC, still the same UTC date): a new gym day
                clock.set(local(DAY.plusDays(1), 0, 1));
                JsonNode afterMidnight = stats(rest, token);
                assertStats(afterMidnight, 1, 0, 0.0);

                WsClient late = server.desk();
                try {
                    assertThat(late.frames().get(1).path("payload")).isEqualTo(afterMidnight);
                } finally {
                    late.close();
                }

                // housekeeping announces the new day's figures to sockets that were already open
                server.server().housekeeping().run();
                JsonNode update = early.awaitType("stats_update", WAIT);
                assertThat(update.path("payload")).isEqualTo(afterMidnight);

                // a visit from yesterday closed today does not count in today's average
                Rest.Response outM2 = rest.post("/api/checkins/checkout/", token, Map.of("clientRequestId",
                        UUID.randomUUID().toString(), "membershipNumber", "M0002"));
                assertThat(outM2.status()).isEqualTo(201);
                assertStats(stats(rest, token), 0, 0, 0.0);
                // a visit of today does
                clock.set(local(DAY.plusDays(1), 0, 5));
                checkIn(rest, token, "M0003");
                clock.set(local(DAY.plusDays(1), 0, 35));
                Rest.Response outM3 = rest.post("/api/checkins/checkout/", token, Map.of("clientRequestId",
                        UUID.randomUUID().toString(), "membershipNumber", "M0003"));
                assertStats(outM3.body().path("stats"), 0, 1, 30.0);
                JsonNode last = early.await(f -> "member_checked_out".equals(f.path("type").asText())
                        && f.path("payload").path("stats").path("averageStayMinutes").asDouble() == 30.0, WAIT,
                        "the check-out carrying the 30 min stay");
                assertThat(last.path("payload").path("stats")).isEqualTo(stats(rest, token));
            } finally {
                early.close();
            }
        }
    }

    @Test
    void visitsOpenLongerThanMaxVisitAreAutoClosedAndBroadcast() {
        MutableClock clock = new MutableClock(local(DAY, 8, 0));
        try (TestServer server = start(clock, Duration.ofHours(12))) {
            Rest rest = server.rest();
            String token = server.login("desk").access();
            String staleId = checkIn(rest, token, "M0004").path("checkIn").path("id").asText();
            clock.set(local(DAY, 19, 0));
            String freshId = checkIn(rest, token, "M0005").path("checkIn").path("id").asText();

            clock.set(local(DAY, 19, 59));
            assertThat(server.server().housekeeping().closeStaleVisits()).as("nothing is 12 h old yet").isZero();
            assertStats(stats(rest, token), 2, 2, 0.0);

            WsClient ws = server.desk();
            try {
                clock.set(local(DAY, 20, 1));
                assertThat(server.server().housekeeping().closeStaleVisits()).isEqualTo(1);

                JsonNode closed = ws.awaitType("member_checked_out", WAIT);
                assertThat(closed.path("payload").path("id").asText()).isEqualTo(staleId);
                assertThat(closed.path("payload").path("autoClosed").asBoolean()).isTrue();
                assertThat(Instant.parse(closed.path("payload").path("checkOutTime").asText()))
                        .as("closed at check-in + max visit").isEqualTo(local(DAY, 20, 0));
                // one still inside; both count today; the auto-closed visit is not an average stay
                assertStats(closed.path("payload").path("stats"), 1, 2, 0.0);
                assertStats(stats(rest, token), 1, 2, 0.0);

                JsonNode history = rest.get("/api/checkins/history/?status=out", token).body();
                assertThat(history.path("total").asLong()).isEqualTo(1);
                assertThat(history.path("results").get(0).path("id").asText()).isEqualTo(staleId);
                assertThat(history.path("results").get(0).path("autoClosed").asBoolean()).isTrue();
                JsonNode open = rest.get("/api/checkins/history/?status=in", token).body();
                assertThat(open.path("results").get(0).path("id").asText()).isEqualTo(freshId);
                assertThat(open.path("results").get(0).path("autoClosed").asBoolean()).isFalse();

                // idempotent: a second pass finds nothing, and the member can check in again
                assertThat(server.server().housekeeping().closeStaleVisits()).isZero();
                checkIn(rest, token, "M0004");
                assertStats(stats(rest, token), 2, 3, 0.0);
            } finally {
                ws.close();
            }
        }
    }
}
