package com.avgym.server;

import static com.avgym.server.support.OfflineScans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.checkin.Reviews;
import com.avgym.server.db.Sql;
import com.avgym.server.support.OfflineScans;
import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The "Needs review" list over REST (GET /api/reviews, POST /api/reviews/{id}/acknowledge) and the reviews_changed
 * frame, against a real server on SQLite and, in the postgres profile, PostgreSQL.
 */
class ReviewListTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static TestServer server;
    private static Rest rest;
    private static String desk;
    private static OfflineScans scans;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        rest = server.rest();
        desk = server.login("desk").access();
        scans = new OfflineScans(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A wrong offline refusal at {@code minutesAgo}: one new open REFUSED item; returns its id. */
    private static String newItem(long minutesAgo) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(minutesAgo));
        Rest.Response r = rest.post("/api/checkins/", desk, scan(scans.current(), "REFUSE_EXPIRED", at));
        assertThat(r.code()).isEqualTo("REFUSED_OFFLINE");
        return r.body().path("details").path("reviewId").asText();
    }

    private static List<String> ids(Rest.Response list) {
        assertThat(list.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.body().forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    @Test
    void theListIsNewestScanFirstAndAnAcknowledgedItemLeavesTheOpenList() {
        String older = newItem(30);
        String newer = newItem(20);

        List<String> open = ids(rest.get("/api/reviews", desk));
        assertThat(open).containsSubsequence(newer, older);
        assertThat(ids(rest.get("/api/reviews/?state=open", desk))).isEqualTo(open);

        Rest.Response ack = rest.post("/api/reviews/" + older + "/acknowledge", desk, Map.of("note", " Phoned her, fine "));

        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.body().path("id").asText()).isEqualTo(older);
        assertThat(ack.body().path("note").asText()).isEqualTo("Phoned her, fine");
        assertThat(ack.body().path("acknowledgedBy").asText()).isEqualTo("desk");
        assertThat(ack.body().path("acknowledgedAt").isTextual()).isTrue();
        assertThat(ids(rest.get("/api/reviews/", desk))).contains(newer).doesNotContain(older);
        assertThat(ids(rest.get("/api/reviews/?state=all", desk))).containsSubsequence(newer, older);
    }

    @Test
    void aSecondAcknowledgementIsAConflictAndChangesNothing() {
        String id = newItem(5);
        String admin = server.login("admin").access();
        assertThat(rest.post("/api/reviews/" + id + "/acknowledge", admin, Map.of("note", "first")).status()).isEqualTo(200);

        Rest.Response again = rest.post("/api/reviews/" + id + "/acknowledge", desk, Map.of("note", "second"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("REVIEW_ALREADY_ACKNOWLEDGED");
        assertThat(again.body().path("retryable").asBoolean(true)).isFalse();
        JsonNode stored = itemIn(rest.get("/api/reviews/?state=all", desk), id);
        assertThat(stored.path("note").asText()).isEqualTo("first");
        assertThat(stored.path("acknowledgedBy").asText()).isEqualTo("admin");
    }

    @Test
    void anUnknownItemIsNotFoundAndABadNoteOrStateIsAnInvalidMessage() {
        Rest.Response unknown = rest.post("/api/reviews/" + UUID.randomUUID() + "/acknowledge", desk, Map.of("note", "x"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND");

        String id = newItem(4);
        for (Object body : List.of(Map.of(), Map.of("note", ""), Map.of("note", "   "),
                Map.of("note", "x".repeat(Reviews.MAX_NOTE + 1)))) {
            Rest.Response r = rest.post("/api/reviews/" + id + "/acknowledge", desk, body);
            assertThat(r.status()).as("body %s", body).isEqualTo(400);
            assertThat(r.code()).isEqualTo("INVALID_MESSAGE");
        }
        assertThat(rest.post("/api/reviews/" + id + "/acknowledge", desk, Map.of("note", "x".repeat(Reviews.MAX_NOTE)))
                .status()).as("a note of exactly the limit").isEqualTo(200);

        Rest.Response badState = rest.get("/api/reviews/?state=closed", desk);
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.code()).isEqualTo("INVALID_MESSAGE");
    }

    @Test
    void aTrainerMayNeitherSeeNorAcknowledgeTheList() {
        String id = newItem(3);
        String trainer = server.login("trainer").access();

        Rest.Response list = rest.get("/api/reviews/", trainer);
        Rest.Response ack = rest.post("/api/reviews/" + id + "/acknowledge", trainer, Map.of("note", "seen"));

        assertThat(list.status()).isEqualTo(403);
        assertThat(list.code()).isEqualTo("FORBIDDEN");
        assertThat(ack.status()).isEqualTo(403);
        assertThat(itemIn(rest.get("/api/reviews/", desk), id).path("acknowledgedAt").isNull()).isTrue();
        assertThat(rest.get("/api/reviews/", null).status()).isEqualTo(401);
    }

    @Test
    void reviewsChangedReachesStaffAndAdminSocketsButNotATrainers() {
        WsClient staff = server.desk();
        WsClient admin = WsClient.open(server.wsUrl(), server.login("admin").access());
        WsClient trainer = WsClient.open(server.wsUrl(), server.login("trainer").access());
        try {
            String id = newItem(2);
            long open = rest.get("/api/reviews/", desk).body().size();

            for (WsClient ws : List.of(staff, admin)) {
                JsonNode changed = ws.awaitType("reviews_changed", WAIT);
                assertThat(changed.path("payload").path("openCount").asLong()).isEqualTo(open);
                assertThat(changed.has("seq") && !changed.path("seq").isNull()).as("not an event-log broadcast").isFalse();
            }
            assertThat(rest.post("/api/reviews/" + id + "/acknowledge", desk, Map.of("note", "ok")).status()).isEqualTo(200);
            staff.await(f -> "reviews_changed".equals(f.path("type").asText())
                    && f.path("payload").path("openCount").asLong() == open - 1, WAIT, "the count after acknowledging");

            // Frames to one socket leave in order, and reviews_changed is queued before the REST answers: so once
            // the trainer's heartbeat_ack (asked for after both answers) is in, a reviews_changed would be too.
            String beat = trainer.sendFrame("heartbeat", Map.of());
            trainer.awaitReply(beat, WAIT);
            assertThat(trainer.frames()).noneMatch(f -> "reviews_changed".equals(f.path("type").asText()));
        } finally {
            staff.close();
            admin.close();
            trainer.close();
        }
    }

    @Test
    void theListHoldsAtMost500ItemsNewestFirst() {
        try (TestServer fresh = TestServer.start()) {
            long base = Instant.now().toEpochMilli() - 3_600_000;
            int total = Reviews.MAX_LIST + 5;
            fresh.server().database().write(c -> {
                for (int i = 0; i < total; i++) {
                    Sql.update(c, """
                            INSERT INTO review_items (id, kind, reason, message, offline_verdict, occurred_at, location,
                                client_request_id, created_at)
                            VALUES (?,?,?,?,?,?,?,?,?)""",
                            "item-" + i, "REFUSED", "WOULD_ADMIT", "turned away", "UNKNOWN", base + i, "Kiosk 1",
                            "req-" + i, base + i);
                }
                return null;
            });
            String token = fresh.login("desk").access();
            List<String> listed = ids(fresh.rest().get("/api/reviews/?state=all", token));
            assertThat(listed).hasSize(Reviews.MAX_LIST);
            assertThat(listed.getFirst()).isEqualTo("item-" + (total - 1));
            assertThat(listed.getLast()).isEqualTo("item-" + (total - Reviews.MAX_LIST));
        }
    }

    private static JsonNode itemIn(Rest.Response list, String id) {
        for (JsonNode item : list.body()) {
            if (id.equals(item.path("id").asText())) {
                return item;
            }
        }
        throw new AssertionError("no review item " + id);
    }
}
