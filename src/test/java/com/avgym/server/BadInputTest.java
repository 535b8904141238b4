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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Item 4 of issue 9: input a desk or a probe can send is a 4xx with a defined code, never 500 / retryable
 * INTERNAL (a desk queue would resend that forever). The server runs on a fixed clock so the occurredAt range
 * is exact.
 */
class BadInputTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static TestServer server;
    private static Rest rest;
    private static String desk;
    private static String admin;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withClock(new MutableClock(NOW), ZoneOffset.UTC));
        rest = server.rest();
        desk = server.login("desk").access();
        admin = server.login("admin").access();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertClientError(Rest.Response r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.body().path("retryable").asBoolean()).isFalse();
        assertThat(r.body().path("message").asText()).isNotBlank();
    }

    @Test
    void aJsonNullBodyIsInvalidMessageOnEveryBodyRoute() {
        assertClientError(rest.post("/api/auth/token", null, "null"), 400, "INVALID_MESSAGE");
        assertClientError(rest.post("/api/auth/token/refresh", null, "null"), 400, "INVALID_MESSAGE");
        assertClientError(rest.patch("/api/users/trainer", admin, "null"), 400, "INVALID_MESSAGE");
        assertClientError(rest.post("/api/checkins", desk, "null"), 400, "INVALID_MESSAGE");
        assertClientError(rest.post("/api/checkins/checkout", desk, "null"), 400, "INVALID_MESSAGE");
        for (String notAnObject : List.of("[]", "42", "\"text\"", "true")) {
            assertClientError(rest.post("/api/auth/token/refresh", null, notAnObject), 400, "INVALID_MESSAGE");
            assertClientError(rest.post("/api/checkins", desk, notAnObject), 400, "INVALID_MESSAGE");
        }
        // logout's body is optional: null means "end the caller's session", as an empty body does.
        String own = server.login("desk").access();
        assertThat(rest.post("/api/auth/logout", own, "null").status()).isEqualTo(200);
    }

    @Test
    void datesOutsideTheYears2000To2100AreInvalidMessage() {
        for (String date : List.of("+300000000-01-01", "-999999999-01-01", "1999-12-31", "2101-01-01", "+10000-01-01")) {
            assertClientError(rest.get("/api/checkins/history?from=" + date, desk), 400, "INVALID_MESSAGE");
            assertClientError(rest.get("/api/checkins/history?to=" + date, desk), 400, "INVALID_MESSAGE");
            Rest.Response hourly = rest.get("/api/checkins/hourly?date=" + date, desk);
            assertClientError(hourly, 400, "INVALID_MESSAGE");
            assertThat(hourly.body().path("message").asText()).contains("2000-01-01").contains("2100-12-31");
        }
        assertThat(rest.get("/api/checkins/history?from=2000-01-01&to=2100-12-31", desk).status()).isEqualTo(200);
        assertThat(rest.get("/api/checkins/hourly?date=2100-12-31", desk).status()).isEqualTo(200);
    }

    private static Map<String, Object> checkIn(String number, String occurredAt) {
        return Map.of("clientRequestId", UUID.randomUUID().toString(), "membershipNumber", number,
                "location", "Front desk", "occurredAt", occurredAt);
    }

    private static final List<String> OUT_OF_RANGE = List.of(
            Instant.MIN.toString(), Instant.MAX.toString(), "+300000000-01-01T00:00:00Z",
            NOW.minus(Duration.ofDays(7)).minusSeconds(1).toString(), NOW.plus(Duration.ofMinutes(5)).plusSeconds(1).toString());

    @Test
    void occurredAtOutsideSevenDaysBackToFiveMinutesAheadIsInvalidMessageOverRest() {
        for (String at : OUT_OF_RANGE) {
            Rest.Response in = rest.post("/api/checkins", desk, checkIn("M0031", at));
            assertClientError(in, 400, "INVALID_MESSAGE");
            assertThat(in.body().path("message").asText()).as(at)
                    .contains(NOW.minus(Duration.ofDays(7)).toString()).contains(NOW.plus(Duration.ofMinutes(5)).toString());
            assertClientError(rest.post("/api/checkins/checkout", desk, Map.of("clientRequestId", UUID.randomUUID().toString(),
                    "membershipNumber", "M0031", "occurredAt", at)), 400, "INVALID_MESSAGE");
        }
        assertThat(rest.post("/api/checkins", desk, checkIn("M0032", NOW.minus(Duration.ofDays(7)).toString())).status())
                .as("the earliest allowed instant").isEqualTo(201);
        assertThat(rest.post("/api/checkins", desk, checkIn("M0033", NOW.plus(Duration.ofMinutes(5)).toString())).status())
                .as("the latest allowed instant").isEqualTo(201);
    }

    @Test
    void occurredAtOutOfRangeIsACheckInErrorOnTheSocketAndTheSocketStaysUsable() {
        // Two sockets: every bad payload counts as a protocol violation, and the 10th on one socket closes it (4400).
        WsClient checkIns = WsClient.open(server.wsUrl(), desk);
        WsClient checkOuts = WsClient.open(server.wsUrl(), desk);
        try {
            for (String at : OUT_OF_RANGE) {
                JsonNode reply = checkIns.awaitReply(checkIns.sendFrame("check_in", checkIn("M0034", at)), WAIT);
                assertThat(reply.path("type").asText()).as(at).isEqualTo("check_in_error");
                assertThat(reply.path("payload").path("code").asText()).isEqualTo("INVALID_MESSAGE");
                assertThat(reply.path("payload").path("retryable").asBoolean()).isFalse();
                assertThat(reply.path("payload").path("message").asText()).contains("7 days");
                JsonNode out = checkOuts.awaitReply(checkOuts.sendFrame("check_out", Map.of("clientRequestId",
                        UUID.randomUUID().toString(), "membershipNumber", "M0034", "occurredAt", at)), WAIT);
                assertThat(out.path("type").asText()).isEqualTo("check_out_error");
                assertThat(out.path("payload").path("code").asText()).isEqualTo("INVALID_MESSAGE");
            }
            JsonNode ok = checkIns.awaitReply(checkIns.sendFrame("check_in",
                    checkIn("M0034", NOW.minus(Duration.ofDays(6)).toString())), WAIT);
            assertThat(ok.path("type").asText()).isEqualTo("check_in_success");
        } finally {
            checkIns.close();
            checkOuts.close();
        }
    }

    @Test
    void aNulInAQueryParameterIsInvalidMessage() {
        assertClientError(rest.get("/api/members?q=a%00b", desk), 400, "INVALID_MESSAGE");
        assertClientError(rest.get("/api/checkins/history?q=%00", desk), 400, "INVALID_MESSAGE");
    }
}
