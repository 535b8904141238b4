package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.Json;
import com.avgym.server.db.Sql;
import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Let in anyway": a check-in with {@code override: {reason}} admits an expired (M0049) or inactive (M0050) member
 * for admin and staff only, records {@code {reason, by}} on the visit row and in the event log, and is refused with
 * OVERRIDE_REASON_REQUIRED without a reason. Runs on SQLite and, in the postgres profile, on PostgreSQL.
 */
class OverrideCheckInTest {
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

    /** Each test may leave M0049 or M0050 inside; the next one starts with both out. */
    @AfterEach
    void checkBothOut() {
        for (String n : List.of("M0049", "M0050")) {
            rest.post("/api/checkins/checkout/", desk, Map.of("clientRequestId", id(), "membershipNumber", n));
        }
    }

    private static String id() {
        return "ovr-" + UUID.randomUUID();
    }

    private static Map<String, Object> checkIn(String number, Object override) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientRequestId", id());
        body.put("membershipNumber", number);
        body.put("location", "Front desk");
        if (override != null) {
            body.put("override", override);
        }
        return body;
    }

    private record Row(String reason, String by) {
    }

    private static Optional<Row> visitRow(String visitId) {
        return server.server().database().read(c -> Sql.one(c,
                "SELECT override_reason, override_by FROM check_ins WHERE id = ?",
                rs -> new Row(rs.getString(1), rs.getString(2)), visitId));
    }

    private static JsonNode loggedCheckIn(String visitId) {
        List<String> payloads = server.server().database().read(c -> Sql.list(c,
                "SELECT payload FROM events WHERE type = ? ORDER BY seq", rs -> rs.getString(1), "member_checked_in"));
        return payloads.stream().map(Json::parse).filter(p -> visitId.equals(p.path("id").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no member_checked_in event for " + visitId));
    }

    private static boolean inside(String number) {
        return rest.get("/api/members/by-number/" + number, desk).body().path("openCheckInId").isTextual();
    }

    @Test
    void staffLetsInAnExpiredMemberAndTheVisitAndEventLogCarryTheOverride() {
        WsClient watcher = server.desk();
        try {
            Rest.Response r = rest.post("/api/checkins/", desk, checkIn("M0049", Map.of("reason", " Renewing today ")));

            assertThat(r.status()).isEqualTo(201);
            JsonNode visit = r.body().path("checkIn");
            assertThat(visit.path("override").path("reason").asText()).isEqualTo("Renewing today");
            assertThat(visit.path("override").path("by").asText()).isEqualTo("desk");
            String visitId = visit.path("id").asText();
            assertThat(visitRow(visitId)).contains(new Row("Renewing today", "desk"));
            JsonNode logged = loggedCheckIn(visitId);
            assertThat(logged.path("override").path("reason").asText()).isEqualTo("Renewing today");
            assertThat(logged.path("override").path("by").asText()).isEqualTo("desk");
            JsonNode broadcast = watcher.await(f -> "member_checked_in".equals(f.path("type").asText())
                    && visitId.equals(f.path("payload").path("id").asText()), WAIT, "the broadcast");
            assertThat(broadcast.path("payload").path("override").path("by").asText()).isEqualTo("desk");
        } finally {
            watcher.close();
        }
        JsonNode history = rest.get("/api/checkins/history/?q=M0049&status=in", desk).body().path("results").get(0);
        assertThat(history.path("override").path("reason").asText()).isEqualTo("Renewing today");
    }

    @Test
    void adminLetsInAnInactiveMemberOverTheSocket() {
        WsClient admin = WsClient.open(server.wsUrl(), server.login("admin").access());
        try {
            String frame = admin.sendFrame("check_in", checkIn("M0050", Map.of("reason", "Manager approval")));
            JsonNode reply = admin.awaitReply(frame, WAIT);

            assertThat(reply.path("type").asText()).isEqualTo("check_in_success");
            JsonNode visit = reply.path("payload").path("checkIn");
            assertThat(visit.path("override").path("by").asText()).isEqualTo("admin");
            assertThat(visitRow(visit.path("id").asText())).contains(new Row("Manager approval", "admin"));
            assertThat(loggedCheckIn(visit.path("id").asText()).path("override").path("reason").asText())
                    .isEqualTo("Manager approval");
        } finally {
            admin.close();
        }
    }

    @Test
    void aTrainerMayNotLetAnyoneIn() {
        String trainer = server.login("trainer").access();
        Rest.Response r = rest.post("/api/checkins/", trainer, checkIn("M0049", Map.of("reason", "Guest pass")));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("FORBIDDEN");
        assertThat(inside("M0049")).isFalse();
    }

    @Test
    void aMissingOrBlankReasonIsRefusedWithItsOwnCodeOverRestAndSocket() {
        for (Object override : List.of(Map.of(), Map.of("reason", "   "))) {
            Rest.Response r = rest.post("/api/checkins/", desk, checkIn("M0049", override));
            assertThat(r.status()).as("override %s", override).isEqualTo(400);
            assertThat(r.code()).isEqualTo("OVERRIDE_REASON_REQUIRED");
            assertThat(r.body().path("retryable").asBoolean(true)).isFalse();
        }
        WsClient ws = server.desk();
        try {
            String frame = ws.sendFrame("check_in", checkIn("M0050", Map.of("reason", "")));
            JsonNode reply = ws.awaitReply(frame, WAIT);
            assertThat(reply.path("type").asText()).isEqualTo("check_in_error");
            assertThat(reply.path("payload").path("code").asText()).isEqualTo("OVERRIDE_REASON_REQUIRED");
        } finally {
            ws.close();
        }
        assertThat(inside("M0049")).isFalse();
        assertThat(inside("M0050")).isFalse();
    }

    @Test
    void withoutOverrideTheRefusalsStand() {
        assertThat(rest.post("/api/checkins/", desk, checkIn("M0049", null)).code()).isEqualTo("MEMBERSHIP_EXPIRED");
        assertThat(rest.post("/api/checkins/", desk, checkIn("M0050", null)).code()).isEqualTo("MEMBER_INACTIVE");
    }

    @Test
    void anOverrideSkipsOnlyTheMembershipChecks() {
        Rest.Response unknown = rest.post("/api/checkins/", desk, checkIn("M9999", Map.of("reason", "Guest pass")));
        assertThat(unknown.code()).isEqualTo("MEMBER_NOT_FOUND");

        // A current member needs no override: the visit is an ordinary one, nothing is recorded as overridden.
        Rest.Response current = rest.post("/api/checkins/", desk, checkIn("M0011", Map.of("reason", "Guest pass")));
        assertThat(current.status()).isEqualTo(201);
        assertThat(current.body().path("checkIn").path("override").isNull()).isTrue();
        assertThat(visitRow(current.body().path("checkIn").path("id").asText())).contains(new Row(null, null));
        rest.post("/api/checkins/checkout/", desk, Map.of("clientRequestId", id(), "membershipNumber", "M0011"));

        Rest.Response first = rest.post("/api/checkins/", desk, checkIn("M0049", Map.of("reason", "Renewing today")));
        assertThat(first.status()).isEqualTo(201);
        Rest.Response again = rest.post("/api/checkins/", desk, checkIn("M0049", Map.of("reason", "Renewing today")));
        assertThat(again.code()).isEqualTo("ALREADY_CHECKED_IN");
    }

    @Test
    void anOverlongReasonIsAnInvalidMessage() {
        Rest.Response r = rest.post("/api/checkins/", desk, checkIn("M0049", Map.of("reason", "x".repeat(201))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("INVALID_MESSAGE");
        assertThat(r.body().path("message").asText()).contains("override.reason");
    }
}
