package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /api/checkins/ and /api/checkins/checkout/: results, idempotency, refusals, bad input, races, broadcasts. */
class CheckInApiTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static TestServer server;
    private static Rest rest;
    private static String token;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        rest = server.rest();
        token = server.login("desk").access();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String requestId() {
        return "rest-" + UUID.randomUUID();
    }

    private static Rest.Response checkIn(String requestId, String number, String location) {
        return rest.post("/api/checkins/", token, Map.of("clientRequestId", requestId, "membershipNumber", number,
                "location", location));
    }

    private static Rest.Response checkOut(Map<String, Object> body) {
        return rest.post("/api/checkins/checkout/", token, body);
    }

    private static long historyTotal(String query) {
        Rest.Response r = rest.get("/api/checkins/history/?" + query, token);
        assertThat(r.status()).isEqualTo(200);
        return r.body().path("total").asLong();
    }

    @Test
    void checkInAnswers201WithTheVisitAndStats() {
        String rid = requestId();
        Rest.Response r = rest.post("/api/checkins/", token, Map.of("clientRequestId", rid, "membershipNumber", "M0001",
                "location", "Front desk", "notes", "first visit"));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().path("clientRequestId").asText()).isEqualTo(rid);
        assertThat(r.body().path("duplicate").asBoolean(true)).isFalse();
        JsonNode visit = r.body().path("checkIn");
        assertThat(visit.path("id").asText()).isNotBlank();
        assertThat(visit.path("membershipNumber").asText()).isEqualTo("M0001");
        assertThat(visit.path("memberName").asText()).isNotBlank();
        assertThat(visit.path("location").asText()).isEqualTo("Front desk");
        assertThat(visit.path("notes").asText()).isEqualTo("first visit");
        assertThat(visit.path("checkOutTime").isNull() || visit.path("checkOutTime").isMissingNode()).isTrue();
        assertThat(visit.path("autoClosed").asBoolean(true)).isFalse();
        assertThat(Instant.parse(visit.path("checkInTime").asText())).isCloseTo(Instant.now(),
                org.assertj.core.api.Assertions.within(60, ChronoUnit.SECONDS));
        JsonNode stats = r.body().path("stats");
        assertThat(stats.path("currentlyIn").asLong()).isPositive();
        assertThat(stats.path("todayTotal").asLong()).isPositive();

        Rest.Response member = rest.get("/api/members/by-number/M0001", token);
        assertThat(member.body().toString()).contains(visit.path("id").asText());
    }

    @Test
    void aRepeatedClientRequestIdIsAnsweredOnceOverRestAndSocket() {
        String rid = requestId();
        Rest.Response first = checkIn(rid, "M0003", "Front desk");
        assertThat(first.status()).isEqualTo(201);
        String visitId = first.body().path("checkIn").path("id").asText();
        long total = historyTotal("q=M0003");
        assertThat(total).isEqualTo(1);

        Rest.Response again = checkIn(rid, "M0003", "Front desk");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("duplicate").asBoolean()).isTrue();
        assertThat(again.body().path("clientRequestId").asText()).isEqualTo(rid);
        assertThat(again.body().path("checkIn").path("id").asText()).isEqualTo(visitId);
        assertThat(historyTotal("q=M0003")).isEqualTo(total);

        WsClient ws = server.desk();
        try {
            String id = ws.sendFrame("check_in", Map.of("clientRequestId", rid, "membershipNumber", "M0003",
                    "location", "Front desk"));
            JsonNode reply = ws.awaitReply(id, WAIT);
            assertThat(reply.path("type").asText()).isEqualTo("check_in_success");
            assertThat(reply.path("payload").path("duplicate").asBoolean()).isTrue();
            assertThat(reply.path("payload").path("checkIn").path("id").asText()).isEqualTo(visitId);
            assertThat(ws.frames()).noneMatch(f -> "member_checked_in".equals(f.path("type").asText()));
        } finally {
            ws.close();
        }
        assertThat(historyTotal("q=M0003")).isEqualTo(total);
        assertThat(historyTotal("q=M0003&status=in")).isEqualTo(1);

        // the same id reused for a check-out is refused, not replayed as a check-in
        Rest.Response misuse = checkOut(Map.of("clientRequestId", rid, "membershipNumber", "M0003"));
        assertThat(misuse.status()).isEqualTo(400);
        assertThat(misuse.code()).isEqualTo("INVALID_MESSAGE");
        assertThat(historyTotal("q=M0003&status=in")).isEqualTo(1);
    }

    @Test
    void domainRefusals() {
        Rest.Response unknown = checkIn(requestId(), "M9999", "Front desk");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("MEMBER_NOT_FOUND");

        Rest.Response inactive = checkIn(requestId(), "M0050", "Front desk");
        assertThat(inactive.status()).isEqualTo(409);
        assertThat(inactive.code()).isEqualTo("MEMBER_INACTIVE");

        String expiredId = requestId();
        Rest.Response expired = checkIn(expiredId, "M0049", "Front desk");
        assertThat(expired.status()).isEqualTo(409);
        assertThat(expired.code()).isEqualTo("MEMBERSHIP_EXPIRED");
        assertThat(expired.body().path("clientRequestId").asText()).isEqualTo(expiredId);
        String expiredOn = expired.body().path("details").path("expiredOn").asText();
        assertThat(java.time.LocalDate.parse(expiredOn)).isBefore(java.time.LocalDate.now().plusDays(1));
        assertThat(rest.get("/api/members/by-number/M0049", token).body().path("membershipEnd").asText()).isEqualTo(expiredOn);

        Rest.Response in = checkIn(requestId(), "M0004", "Weights room");
        assertThat(in.status()).isEqualTo(201);
        Rest.Response twice = checkIn(requestId(), "m0004", "Front desk");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("ALREADY_CHECKED_IN");
        assertThat(twice.body().path("details").path("since").asText())
                .isEqualTo(in.body().path("checkIn").path("checkInTime").asText());
        assertThat(twice.body().path("details").path("location").asText()).isEqualTo("Weights room");
        assertThat(twice.body().path("details").path("checkInId").asText())
                .isEqualTo(in.body().path("checkIn").path("id").asText());
        assertThat(historyTotal("q=M0004")).isEqualTo(1);
        assertThat(historyTotal("q=M0049") + historyTotal("q=M0050")).isZero();
    }

    @Test
    void checkOutByVisitIdAndByMembershipNumber() {
        String visitId = checkIn(requestId(), "M0005", "Front desk").body().path("checkIn").path("id").asText();
        Rest.Response out = checkOut(Map.of("clientRequestId", requestId(), "checkInId", visitId));
        assertThat(out.status()).isEqualTo(201);
        assertThat(out.body().path("checkIn").path("id").asText()).isEqualTo(visitId);
        assertThat(out.body().path("checkIn").path("checkOutTime").asText()).isNotBlank();
        Rest.Response outAgain = checkOut(Map.of("clientRequestId", requestId(), "checkInId", visitId));
        assertThat(outAgain.status()).isEqualTo(409);
        assertThat(outAgain.code()).isEqualTo("NOT_CHECKED_IN");

        checkIn(requestId(), "M0006", "Front desk");
        Rest.Response byNumber = checkOut(Map.of("clientRequestId", requestId(), "membershipNumber", "M0006"));
        assertThat(byNumber.status()).isEqualTo(201);
        assertThat(byNumber.body().path("checkIn").path("membershipNumber").asText()).isEqualTo("M0006");
        Rest.Response byNumberAgain = checkOut(Map.of("clientRequestId", requestId(), "membershipNumber", "M0006"));
        assertThat(byNumberAgain.status()).isEqualTo(409);
        assertThat(byNumberAgain.code()).isEqualTo("NOT_CHECKED_IN");

        Rest.Response noVisit = checkOut(Map.of("clientRequestId", requestId(), "checkInId", UUID.randomUUID().toString()));
        assertThat(noVisit.code()).isEqualTo("NOT_CHECKED_IN");
        Rest.Response noMember = checkOut(Map.of("clientRequestId", requestId(), "membershipNumber", "M9999"));
        assertThat(noMember.status()).isEqualTo(404);
        assertThat(noMember.code()).isEqualTo("MEMBER_NOT_FOUND");

        // after checking out, the member may check in again
        assertThat(checkIn(requestId(), "M0006", "Front desk").status()).isEqualTo(201);
        assertThat(historyTotal("q=M0006")).isEqualTo(2);
    }

    @Test
    void aQueuedScanKeepsItsTimeAndAFutureOneIsRefused() {
        Instant tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        Rest.Response r = rest.post("/api/checkins/", token, Map.of("clientRequestId", requestId(),
                "membershipNumber", "M0007", "location", "Front desk", "occurredAt", tenMinutesAgo.toString()));
        assertThat(r.status()).isEqualTo(201);
        assertThat(Instant.parse(r.body().path("checkIn").path("checkInTime").asText())).isEqualTo(tenMinutesAgo);

        Instant fiveMinutesAgo = tenMinutesAgo.plus(Duration.ofMinutes(5));
        Rest.Response out = checkOut(Map.of("clientRequestId", requestId(), "membershipNumber", "M0007",
                "occurredAt", fiveMinutesAgo.toString()));
        assertThat(out.status()).isEqualTo(201);
        assertThat(Instant.parse(out.body().path("checkIn").path("checkOutTime").asText())).isEqualTo(fiveMinutesAgo);

        Rest.Response future = rest.post("/api/checkins/", token, Map.of("clientRequestId", requestId(),
                "membershipNumber", "M0008", "location", "Front desk",
                "occurredAt", Instant.now().plus(Duration.ofHours(1)).toString()));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.code()).isEqualTo("INVALID_MESSAGE");
        assertThat(historyTotal("q=M0008")).isZero();
    }

    @Test
    void malformedAndInvalidBodiesAre400() {
        Rest.Response notJson = rest.post("/api/checkins/", token, "{\"clientRequestId\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.code()).isEqualTo("INVALID_JSON");

        List<String> invalid = List.of(
                "{}",
                "[]",
                "{\"membershipNumber\":\"M0001\",\"location\":\"Front desk\"}",
                "{\"clientRequestId\":\"x1\",\"location\":\"Front desk\"}",
                "{\"clientRequestId\":\"x2\",\"membershipNumber\":\"M0001\"}",
                "{\"clientRequestId\":\"x3\",\"membershipNumber\":\"M0001\",\"location\":\"   \"}",
                "{\"clientRequestId\":{\"a\":1},\"membershipNumber\":\"M0001\",\"location\":\"Front desk\"}",
                "{\"clientRequestId\":\"x4\",\"membershipNumber\":[\"M0001\"],\"location\":\"Front desk\"}",
                "{\"clientRequestId\":\"x5\",\"membershipNumber\":\"M0001\",\"location\":\"Front desk\",\"occurredAt\":\"yesterday\"}",
                "{\"clientRequestId\":\"" + "r".repeat(101) + "\",\"membershipNumber\":\"M0001\",\"location\":\"Front desk\"}",
                "{\"clientRequestId\":\"x6\",\"membershipNumber\":\"M0001\",\"location\":\"Front desk\",\"notes\":\""
                        + "n".repeat(501) + "\"}");
        for (String body : invalid) {
            Rest.Response r = rest.post("/api/checkins/", token, body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.code()).as(body).isEqualTo("INVALID_MESSAGE");
            assertThat(r.body().path("message").asText()).as(body).isNotBlank();
        }
        Rest.Response badCheckout = checkOut(Map.of("clientRequestId", requestId()));
        assertThat(badCheckout.status()).isEqualTo(400);
        assertThat(badCheckout.code()).isEqualTo("INVALID_MESSAGE");
        assertThat(historyTotal("q=M0001&status=all")).isLessThanOrEqualTo(1);
    }

    @Test
    void aHugeBodyIsRefusedAndTheServerKeepsServing() {
        String notes = "x".repeat(1024 * 1024);
        Rest.Response huge;
        try {
            huge = rest.post("/api/checkins/", token, Map.of("clientRequestId", requestId(), "membershipNumber", "M0013",
                    "location", "Front desk", "notes", notes));
            assertThat(huge.status()).isEqualTo(413);
        } catch (java.io.UncheckedIOException closedWhileSending) {
            // The server may answer 413 and close before the client has sent everything; that is a refusal too.
        }
        assertThat(historyTotal("q=M0013")).isZero();
        assertThat(rest.get("/api/health", null).status()).isEqualTo(200);
        assertThat(checkIn(requestId(), "M0013", "Front desk").status()).isEqualTo(201);
    }

    @Test
    void injectionAndControlCharactersAreStoredVerbatim() {
        String location = "Desk '; DROP TABLE members; -- \u0007\u001b[31m red";
        String notes = "\u0007\u001b[31m'; DROP TABLE members; --\" OR 1=1 /* ✓ ünïcödé */";
        Rest.Response r = rest.post("/api/checkins/", token, Map.of("clientRequestId", "'; DROP TABLE processed_requests; --",
                "membershipNumber", "M0009", "location", location, "notes", notes));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().path("checkIn").path("location").asText()).isEqualTo(location);
        assertThat(r.body().path("checkIn").path("notes").asText()).isEqualTo(notes);

        Rest.Response history = rest.get("/api/checkins/history/?q=M0009", token);
        JsonNode stored = history.body().path("results").get(0);
        assertThat(stored.path("location").asText()).isEqualTo(location);
        assertThat(stored.path("notes").asText()).isEqualTo(notes);

        // injection through a search parameter and a membership number
        Rest.Response search = rest.get("/api/members/?q=" + java.net.URLEncoder.encode("' OR '1'='1",
                java.nio.charset.StandardCharsets.UTF_8), token);
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.body().path("total").asLong()).isZero();
        assertThat(checkIn(requestId(), "M0001' OR '1'='1", "Front desk").code()).isEqualTo("MEMBER_NOT_FOUND");

        // the members table is intact
        Rest.Response members = rest.get("/api/members/?perPage=1", token);
        assertThat(members.status()).isEqualTo(200);
        assertThat(members.body().path("total").asLong()).isEqualTo(50);
        assertThat(rest.get("/api/members/by-number/M0009", token).status()).isEqualTo(200);
    }

    @Test
    void aNulCharacterIsRefusedNotAServerError() {
        // PostgreSQL cannot store U+0000 in text; both databases must answer the same 400.
        Rest.Response r = rest.post("/api/checkins/", token, Map.of("clientRequestId", requestId(),
                "membershipNumber", "M0014", "location", "Front desk", "notes", "nul\u0000here"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("INVALID_MESSAGE");
        assertThat(historyTotal("q=M0014")).isZero();
    }

    @Test
    void simultaneousCheckInsOfOneMemberLeaveExactlyOneOpenVisit() throws Exception {
        int threads = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Rest.Response>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                String rid = requestId();
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return checkIn(rid, "M0010", "Front desk");
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            Map<Integer, Integer> byStatus = new HashMap<>();
            List<String> codes = new ArrayList<>();
            for (Future<Rest.Response> f : futures) {
                Rest.Response r = f.get(30, TimeUnit.SECONDS);
                byStatus.merge(r.status(), 1, Integer::sum);
                if (r.status() != 201) {
                    codes.add(r.code());
                }
            }
            assertThat(byStatus).containsEntry(201, 1).containsEntry(409, threads - 1).hasSize(2);
            assertThat(codes).hasSize(threads - 1).containsOnly("ALREADY_CHECKED_IN");
        } finally {
            pool.shutdownNow();
        }
        assertThat(historyTotal("q=M0010&status=in")).isEqualTo(1);
        assertThat(historyTotal("q=M0010")).isEqualTo(1);
    }

    @Test
    void restCommandsReachSocketSubscribersInSeqOrder() {
        WsClient ws = server.desk();
        try {
            Rest.Response in = checkIn(requestId(), "M0011", "Front desk");
            assertThat(in.status()).isEqualTo(201);
            String visitId = in.body().path("checkIn").path("id").asText();
            JsonNode seenIn = ws.await(f -> "member_checked_in".equals(f.path("type").asText())
                    && visitId.equals(f.path("payload").path("id").asText()), WAIT, "member_checked_in");
            long inSeq = seenIn.path("seq").asLong();
            // One frame per change: the figures after it ride in the event.
            JsonNode statsIn = seenIn.path("payload").path("stats");
            assertThat(statsIn.path("currentlyIn").asLong())
                    .isEqualTo(in.body().path("stats").path("currentlyIn").asLong());

            Rest.Response out = checkOut(Map.of("clientRequestId", requestId(), "checkInId", visitId));
            assertThat(out.status()).isEqualTo(201);
            JsonNode seenOut = ws.await(f -> "member_checked_out".equals(f.path("type").asText())
                    && visitId.equals(f.path("payload").path("id").asText()), WAIT, "member_checked_out");
            assertThat(seenOut.path("seq").asLong()).isEqualTo(inSeq + 1);
            assertThat(seenOut.path("payload").path("checkOutTime").asText()).isNotBlank();
            assertThat(seenOut.path("payload").path("stats").path("currentlyIn").asLong())
                    .isEqualTo(statsIn.path("currentlyIn").asLong() - 1);
            assertThat(ws.frames()).noneMatch(f -> "stats_update".equals(f.path("type").asText()));

            // every broadcast seq this socket saw is strictly increasing
            List<Long> seqs = ws.frames().stream().filter(f -> f.has("seq") && !f.path("seq").isNull()
                    && !"initial_stats".equals(f.path("type").asText())).map(f -> f.path("seq").asLong()).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
        } finally {
            ws.close();
        }
    }
}
