package com.avgym.server;

import static com.avgym.server.support.OfflineScans.online;
import static com.avgym.server.support.OfflineScans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.support.OfflineScans;
import com.avgym.server.support.OfflineScans.Member;
import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/PROTOCOL.md section 14, row by row: a check_in carrying {@code offlineVerdict} is decided again by a real server
 * with its own data at the scan's time; what is recorded, answered and broadcast for each offline verdict × server
 * decision. Runs on SQLite and, in the postgres profile, on PostgreSQL.
 */
class ReconciliationTest {
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

    private static Instant minutesAgo(long minutes) {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(minutes));
    }

    private static Rest.Response post(Map<String, Object> body) {
        return rest.post("/api/checkins/", desk, body);
    }

    @Test
    void anOfflineAdmitTheServerAgreesWithIsAnOrdinaryVisitAtTheScansTime() {
        Member m = scans.current();
        Instant at = minutesAgo(10);
        Map<String, Object> scan = scan(m, "ADMIT", at);

        Rest.Response r = post(scan);

        assertThat(r.status()).isEqualTo(201);
        JsonNode visit = r.body().path("checkIn");
        assertThat(Instant.parse(visit.path("checkInTime").asText())).isEqualTo(at);
        assertThat(visit.path("checkOutTime").isNull()).isTrue();
        assertThat(visit.path("needsReview").isNull()).isTrue();
        assertThat(scans.reviewItemsFor(scan)).isZero();
    }

    @Test
    void anOfflineAdmitOfAnExpiredMemberIsRecordedAndFlaggedEverywhere() {
        Instant at = minutesAgo(10);
        Member m = scans.member("active", scans.dayOf(at).minusDays(1));
        Map<String, Object> scan = scan(m, "ADMIT", at);
        WsClient watcher = server.desk();
        try {
            Rest.Response r = post(scan);

            assertThat(r.status()).isEqualTo(201);
            JsonNode visit = r.body().path("checkIn");
            assertThat(Instant.parse(visit.path("checkInTime").asText())).isEqualTo(at);
            assertThat(visit.path("checkOutTime").isNull()).as("the member is inside").isTrue();
            JsonNode flag = visit.path("needsReview");
            assertThat(flag.path("reason").asText()).isEqualTo("MEMBERSHIP_EXPIRED");
            assertThat(flag.path("offlineVerdict").asText()).isEqualTo("ADMIT");
            assertThat(flag.path("message").asText()).contains("expired");
            String reviewId = flag.path("reviewId").asText();
            assertThat(reviewId).isNotBlank();
            String visitId = visit.path("id").asText();

            JsonNode broadcast = watcher.await(f -> "member_checked_in".equals(f.path("type").asText())
                    && visitId.equals(f.path("payload").path("id").asText()), WAIT, "the broadcast");
            assertThat(broadcast.path("payload").path("needsReview").path("reviewId").asText()).isEqualTo(reviewId);
            assertThat(scans.loggedCheckIn(visitId).path("needsReview").path("reason").asText()).isEqualTo("MEMBERSHIP_EXPIRED");
            JsonNode history = rest.get("/api/checkins/history/?q=" + m.number(), desk).body().path("results").get(0);
            assertThat(history.path("needsReview").path("reviewId").asText()).isEqualTo(reviewId);

            JsonNode item = openItem(reviewId);
            assertThat(item.path("kind").asText()).isEqualTo("ADMITTED");
            assertThat(item.path("reason").asText()).isEqualTo("MEMBERSHIP_EXPIRED");
            assertThat(item.path("checkInId").asText()).isEqualTo(visitId);
            assertThat(item.path("membershipNumber").asText()).isEqualTo(m.number());
            assertThat(item.path("memberName").asText()).isEqualTo(m.name());
            assertThat(item.path("rosterVersion").asLong()).isEqualTo(42);
            assertThat(Instant.parse(item.path("occurredAt").asText())).isEqualTo(at);
            assertThat(item.path("location").asText()).isEqualTo("Kiosk 1");
            assertThat(item.path("acknowledgedAt").isNull()).isTrue();
        } finally {
            watcher.close();
        }
    }

    @Test
    void theServerDecidesAtTheScansTimeNotAtSyncTime() {
        // The membership ended on the scan's own day: current then, expired now that the queue syncs.
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(2));
        Member m = scans.member("active", scans.dayOf(at));
        Map<String, Object> scan = scan(m, "ADMIT", at);

        Rest.Response r = post(scan);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().path("checkIn").path("needsReview").isNull()).isTrue();
        assertThat(scans.reviewItemsFor(scan)).isZero();
        Member twin = scans.member("active", scans.dayOf(at));
        assertThat(post(online(twin, minutesAgo(1))).code()).as("the same membership, decided today")
                .isEqualTo("MEMBERSHIP_EXPIRED");
    }

    @Test
    void anOfflineAdmitOfAnInactiveMemberIsFlagged() {
        Member m = scans.member("inactive", scans.dayOf(Instant.now()).plusMonths(1));
        Rest.Response r = post(scan(m, "ADMIT", minutesAgo(3)));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().path("checkIn").path("needsReview").path("reason").asText()).isEqualTo("MEMBER_INACTIVE");
        assertThat(openItem(r.body().path("checkIn").path("needsReview").path("reviewId").asText()).path("kind").asText())
                .isEqualTo("ADMITTED");
    }

    @Test
    void anOfflineAdmitOfAMemberAlreadyInsideClosesTheEarlierVisitAtTheScanAndIsFlagged() {
        Member m = scans.current();
        Instant earlier = minutesAgo(30);
        Instant at = minutesAgo(10);
        Rest.Response first = post(online(m, earlier));
        assertThat(first.status()).isEqualTo(201);

        Rest.Response r = post(scan(m, "ADMIT", at));

        assertThat(r.status()).isEqualTo(201);
        JsonNode visit = r.body().path("checkIn");
        assertThat(visit.path("needsReview").path("reason").asText()).isEqualTo("ALREADY_CHECKED_IN");
        assertThat(visit.path("checkOutTime").isNull()).as("the offline visit is the open one").isTrue();
        List<Map<String, Object>> visits = scans.visits(m);
        assertThat(visits).hasSize(2);
        assertThat(visits.get(0)).containsEntry("id", first.body().path("checkIn").path("id").asText())
                .containsEntry("in", earlier).containsEntry("out", at).containsEntry("autoClosed", true);
        assertThat(visits.get(1)).containsEntry("id", visit.path("id").asText()).containsEntry("in", at)
                .containsEntry("out", null);
    }

    @Test
    void anOfflineAdmitBeforeALaterDeskCheckInIsRecordedClosedAtThatCheckIn() {
        Member m = scans.current();
        Instant at = minutesAgo(20);
        Instant later = minutesAgo(5);
        Rest.Response desk = post(online(m, later));
        assertThat(desk.status()).isEqualTo(201);
        Map<String, Object> scan = scan(m, "ADMIT", at);

        Rest.Response r = post(scan);

        assertThat(r.status()).isEqualTo(201);
        JsonNode visit = r.body().path("checkIn");
        assertThat(visit.path("needsReview").isNull()).as("at the scan's time the member was not inside").isTrue();
        assertThat(Instant.parse(visit.path("checkOutTime").asText())).isEqualTo(later);
        assertThat(scans.reviewItemsFor(scan)).isZero();
        List<Map<String, Object>> visits = scans.visits(m);
        assertThat(visits).hasSize(2);
        assertThat(visits.get(0)).containsEntry("in", at).containsEntry("out", later).containsEntry("autoClosed", false);
        assertThat(visits.get(1)).containsEntry("id", desk.body().path("checkIn").path("id").asText())
                .containsEntry("out", null);
    }

    @Test
    void anOfflineAdmitOfARemovedMemberRecordsNoVisitButAReviewItem() {
        Member m = scans.current();
        scans.remove(m);
        Map<String, Object> scan = scan(m, "ADMIT", minutesAgo(4));

        Rest.Response r = post(scan);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("MEMBER_NOT_FOUND");
        String reviewId = r.body().path("details").path("reviewId").asText();
        JsonNode item = openItem(reviewId);
        assertThat(item.path("kind").asText()).isEqualTo("ADMITTED");
        assertThat(item.path("reason").asText()).isEqualTo("MEMBER_NOT_FOUND");
        assertThat(item.path("checkInId").isNull()).isTrue();
        assertThat(item.path("membershipNumber").asText()).isEqualTo(m.number());
        assertThat(scans.visits(m)).isEmpty();
    }

    @Test
    void anOfflineRefusalOfAMemberTheServerWouldAdmitIsListedAndAnsweredRefusedOffline() {
        for (String verdict : List.of("REFUSE_EXPIRED", "REFUSE_INACTIVE", "UNKNOWN")) {
            Member m = scans.current();
            Rest.Response r = post(scan(m, verdict, minutesAgo(6)));

            assertThat(r.status()).as(verdict).isEqualTo(409);
            assertThat(r.code()).isEqualTo("REFUSED_OFFLINE");
            assertThat(r.body().path("retryable").asBoolean(true)).isFalse();
            assertThat(r.body().path("details").path("memberName").asText()).isEqualTo(m.name());
            JsonNode item = openItem(r.body().path("details").path("reviewId").asText());
            assertThat(item.path("kind").asText()).isEqualTo("REFUSED");
            assertThat(item.path("reason").asText()).isEqualTo("WOULD_ADMIT");
            assertThat(item.path("offlineVerdict").asText()).isEqualTo(verdict);
            assertThat(item.path("checkInId").isNull()).isTrue();
            assertThat(scans.visits(m)).as("a member turned away never has a visit").isEmpty();
        }
    }

    @Test
    void anOfflineRefusalTheServerAgreesWithGetsTheServersOwnCodeAndNoItem() {
        Instant at = minutesAgo(2);
        Member expired = scans.member("active", scans.dayOf(at).minusDays(3));
        Map<String, Object> first = scan(expired, "REFUSE_EXPIRED", at);
        Rest.Response r = post(first);
        assertThat(r.code()).isEqualTo("MEMBERSHIP_EXPIRED");
        assertThat(r.body().path("details").has("reviewId")).isFalse();
        assertThat(scans.reviewItemsFor(first)).isZero();

        Member inactive = scans.member("inactive", scans.dayOf(at).plusMonths(1));
        Map<String, Object> second = scan(inactive, "REFUSE_INACTIVE", at);
        assertThat(post(second).code()).isEqualTo("MEMBER_INACTIVE");
        assertThat(scans.reviewItemsFor(second)).isZero();

        Map<String, Object> unknown = scan("NOSUCH" + System.nanoTime() % 100000, "UNKNOWN", at);
        assertThat(post(unknown).code()).isEqualTo("MEMBER_NOT_FOUND");
        assertThat(scans.reviewItemsFor(unknown)).isZero();

        Member inside = scans.current();
        post(online(inside, minutesAgo(20)));
        Map<String, Object> third = scan(inside, "UNKNOWN", minutesAgo(1));
        assertThat(post(third).code()).isEqualTo("ALREADY_CHECKED_IN");
        assertThat(scans.reviewItemsFor(third)).isZero();
        assertThat(scans.visits(expired)).isEmpty();
        assertThat(scans.visits(inactive)).isEmpty();
    }

    @Test
    void aRepeatedOfflineScanReplaysTheFirstAnswerAndWritesNoSecondItem() {
        Instant at = minutesAgo(8);
        Member expired = scans.member("active", scans.dayOf(at).minusDays(1));
        Map<String, Object> admit = scan(expired, "ADMIT", at);
        Rest.Response first = post(admit);
        WsClient ws = server.desk();
        try {
            String frame = ws.sendFrame("check_in", admit);
            JsonNode again = ws.awaitReply(frame, WAIT);
            assertThat(again.path("type").asText()).isEqualTo("check_in_success");
            assertThat(again.path("payload").path("duplicate").asBoolean()).isTrue();
            assertThat(again.path("payload").path("checkIn").path("needsReview").path("reviewId").asText())
                    .isEqualTo(first.body().path("checkIn").path("needsReview").path("reviewId").asText());
        } finally {
            ws.close();
        }
        assertThat(post(admit).status()).isEqualTo(200);
        assertThat(scans.reviewItemsFor(admit)).isEqualTo(1);
        assertThat(scans.visits(expired)).hasSize(1);

        Map<String, Object> refuse = scan(scans.current(), "REFUSE_EXPIRED", at);
        Rest.Response refused = post(refuse);
        Rest.Response replayed = post(refuse);
        assertThat(replayed.code()).isEqualTo("REFUSED_OFFLINE");
        assertThat(replayed.body().path("details").path("reviewId").asText())
                .isEqualTo(refused.body().path("details").path("reviewId").asText());
        assertThat(scans.reviewItemsFor(refuse)).isEqualTo(1);
    }

    @Test
    void anOfflineScanOverTheSocketIsAnsweredWithTheFlag() {
        Instant at = minutesAgo(7);
        Member m = scans.member("inactive", scans.dayOf(at).plusMonths(1));
        WsClient ws = server.desk();
        try {
            String frame = ws.sendFrame("check_in", scan(m, "ADMIT", at));
            JsonNode reply = ws.awaitReply(frame, WAIT);
            assertThat(reply.path("type").asText()).isEqualTo("check_in_success");
            assertThat(reply.path("payload").path("checkIn").path("needsReview").path("reason").asText())
                    .isEqualTo("MEMBER_INACTIVE");

            String refused = ws.sendFrame("check_in", scan(scans.current(), "UNKNOWN", at));
            JsonNode error = ws.awaitReply(refused, WAIT);
            assertThat(error.path("type").asText()).isEqualTo("check_in_error");
            assertThat(error.path("payload").path("code").asText()).isEqualTo("REFUSED_OFFLINE");
        } finally {
            ws.close();
        }
    }

    @Test
    void anOverrideOrAMissingScanTimeWithAnOfflineVerdictIsAnInvalidMessage() {
        Member m = scans.member("inactive", scans.dayOf(Instant.now()).plusMonths(1));
        Map<String, Object> withOverride = new HashMap<>(scan(m, "ADMIT", minutesAgo(1)));
        withOverride.put("override", Map.of("reason", "Manager approval"));
        Rest.Response r = post(withOverride);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("INVALID_MESSAGE");
        assertThat(r.body().path("message").asText()).contains("override");

        Map<String, Object> noTime = new HashMap<>(scan(m, "ADMIT", minutesAgo(1)));
        noTime.remove("occurredAt");
        Rest.Response missing = post(noTime);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().path("message").asText()).contains("occurredAt");

        Map<String, Object> tooOld = scan(m, "ADMIT", Instant.now().minus(Duration.ofDays(8)));
        assertThat(post(tooOld).code()).isEqualTo("INVALID_MESSAGE");
        assertThat(scans.visits(m)).isEmpty();
        assertThat(scans.reviewItemsFor(withOverride) + scans.reviewItemsFor(noTime) + scans.reviewItemsFor(tooOld)).isZero();
    }

    private static JsonNode openItem(String reviewId) {
        Rest.Response list = rest.get("/api/reviews/?state=open", desk);
        assertThat(list.status()).isEqualTo(200);
        for (JsonNode item : list.body()) {
            if (reviewId.equals(item.path("id").asText())) {
                return item;
            }
        }
        throw new AssertionError("review item " + reviewId + " is not in the open list");
    }
}
