package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.avgym.server.support.MutableClock;
import com.avgym.server.support.Rest;
import com.avgym.server.support.Scrape;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read endpoints. The shared server runs on a frozen clock at noon UTC with four known visits made
 * in {@link #start()}; the event-log and metrics tests use a server of their own, so their writes do not
 * change the history figures.
 */
class QueryApiTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ZoneId ZONE = ZoneOffset.UTC;
    private static final LocalDate TODAY = LocalDate.now(ZONE);
    private static final Instant NOON = TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC);
    private static TestServer server;
    private static Rest rest;
    private static String token;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withClock(new MutableClock(NOON), ZONE));
        rest = server.rest();
        token = server.login("desk").access();
        // M0023: two days ago 10:00-11:00; M0020: in 11:30 (open); M0021: 11:40-11:50; M0022: in 11:55 (open)
        Instant twoDaysAgo = TODAY.minusDays(2).atTime(10, 0).toInstant(ZoneOffset.UTC);
        checkIn("M0023", twoDaysAgo);
        checkOut("M0023", twoDaysAgo.plus(Duration.ofHours(1)));
        checkIn("M0020", NOON.minus(Duration.ofMinutes(30)));
        checkIn("M0021", NOON.minus(Duration.ofMinutes(20)));
        checkOut("M0021", NOON.minus(Duration.ofMinutes(10)));
        checkIn("M0022", NOON.minus(Duration.ofMinutes(5)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void checkIn(String number, Instant at) {
        Rest.Response r = rest.post("/api/checkins/", token, Map.of("clientRequestId", UUID.randomUUID().toString(),
                "membershipNumber", number, "location", "Front desk", "occurredAt", at.toString()));
        assertThat(r.status()).as("check-in of " + number).isEqualTo(201);
    }

    private static void checkOut(String number, Instant at) {
        Rest.Response r = rest.post("/api/checkins/checkout/", token, Map.of("clientRequestId", UUID.randomUUID().toString(),
                "membershipNumber", number, "occurredAt", at.toString()));
        assertThat(r.status()).as("check-out of " + number).isEqualTo(201);
    }

    private static JsonNode ok(String path) {
        Rest.Response r = rest.get(path, token);
        assertThat(r.status()).as(path + " -> " + r.text()).isEqualTo(200);
        return r.body();
    }

    private static List<String> numbers(JsonNode page) {
        return StreamSupport.stream(page.path("results").spliterator(), false)
                .map(n -> n.path("membershipNumber").asText()).toList();
    }

    @Test
    void memberSearchByNumberAndByNameWithPaging() {
        JsonNode byNumber = ok("/api/members/?q=M000");
        assertThat(byNumber.path("total").asLong()).isEqualTo(9);
        assertThat(numbers(byNumber)).containsExactlyInAnyOrder("M0001", "M0002", "M0003", "M0004", "M0005", "M0006",
                "M0007", "M0008", "M0009");

        String fullName = ok("/api/members/by-number/M0001").path("fullName").asText();
        String lastName = fullName.substring(fullName.indexOf(' ') + 1);
        String fragment = lastName.substring(0, 4).toUpperCase();
        JsonNode byName = ok("/api/members/?q=" + fragment);
        assertThat(numbers(byName)).contains("M0001");
        assertThat(byName.path("results")).allSatisfy(m ->
                assertThat(m.path("fullName").asText().toLowerCase()).contains(fragment.toLowerCase()));
        assertThat(byName.path("total").asLong()).isEqualTo(byName.path("results").size()).isLessThan(50);

        JsonNode page3 = ok("/api/members/?perPage=20&page=3");
        assertThat(page3.path("total").asLong()).isEqualTo(50);
        assertThat(page3.path("page").asInt()).isEqualTo(3);
        assertThat(page3.path("perPage").asInt()).isEqualTo(20);
        assertThat(page3.path("results").size()).isEqualTo(10);
        List<String> all = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            all.addAll(numbers(ok("/api/members/?perPage=20&page=" + p)));
        }
        assertThat(all).hasSize(50).doesNotHaveDuplicates();
        assertThat(ok("/api/members/?perPage=20&page=4").path("results").size()).isZero();
        assertThat(ok("/api/members/?q=no-such-member-xyz").path("total").asLong()).isZero();
        assertThat(ok("/api/members/?q=%25").path("total").asLong()).as("%% is literal, not a wildcard").isZero();

        for (String bad : List.of("perPage=0", "perPage=201", "perPage=abc", "page=0", "page=-1")) {
            Rest.Response r = rest.get("/api/members/?" + bad, token);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.code()).as(bad).isEqualTo("INVALID_MESSAGE");
        }
    }

    @Test
    void memberByNumber() {
        JsonNode m = ok("/api/members/by-number/M0001");
        assertThat(m.path("membershipNumber").asText()).isEqualTo("M0001");
        assertThat(m.path("status").asText()).isEqualTo("active");
        assertThat(m.path("membershipCurrent").asBoolean()).isTrue();
        assertThat(ok("/api/members/by-number/m0001").path("id").asText()).isEqualTo(m.path("id").asText());

        assertThat(ok("/api/members/by-number/M0049").path("membershipCurrent").asBoolean(true)).isFalse();
        assertThat(ok("/api/members/by-number/M0050").path("status").asText()).isEqualTo("inactive");
        assertThat(ok("/api/members/by-number/M0020").path("openCheckInId").asText()).isNotBlank();
        assertThat(ok("/api/members/by-number/M0021").path("openCheckInId").isNull()).isTrue();

        Rest.Response missing = rest.get("/api/members/by-number/M9999", token);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("MEMBER_NOT_FOUND");
        assertThat(rest.get("/api/members/by-number/M0001", null).status()).isEqualTo(401);
    }

    @Test
    void hourlyCountsTodaysCheckInsByLocalHour() {
        JsonNode today = ok("/api/checkins/hourly/");
        assertThat(today.path("date").asText()).isEqualTo(TODAY.toString());
        List<Integer> counts = new ArrayList<>();
        today.path("counts").forEach(n -> counts.add(n.asInt()));
        assertThat(counts).hasSize(24);
        assertThat(counts.get(11)).as("11:30, 11:40 and 11:55").isEqualTo(3);
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);

        JsonNode before = ok("/api/checkins/hourly/?date=" + TODAY.minusDays(2));
        assertThat(before.path("counts").get(10).asInt()).isEqualTo(1);
        assertThat(rest.get("/api/checkins/hourly/?date=yesterday", token).status()).isEqualTo(400);
    }

    @Test
    void historyIsNewestFirstAndFilters() {
        JsonNode all = ok("/api/checkins/history/?status=all");
        assertThat(all.path("total").asLong()).isEqualTo(4);
        assertThat(numbers(all)).containsExactly("M0022", "M0021", "M0020", "M0023");
        assertThat(all.path("page").asInt()).isEqualTo(1);
        assertThat(all.path("perPage").asInt()).isEqualTo(20);
        assertThat(numbers(ok("/api/checkins/history/"))).containsExactly("M0022", "M0021", "M0020", "M0023");

        JsonNode in = ok("/api/checkins/history/?status=in");
        assertThat(in.path("total").asLong()).isEqualTo(2);
        assertThat(numbers(in)).containsExactly("M0022", "M0020");
        assertThat(in.path("results")).allSatisfy(v -> assertThat(v.path("checkOutTime").isNull()).isTrue());

        JsonNode out = ok("/api/checkins/history/?status=OUT");
        assertThat(numbers(out)).containsExactly("M0021", "M0023");
        assertThat(out.path("results")).allSatisfy(v -> assertThat(v.path("checkOutTime").asText()).isNotBlank());

        assertThat(numbers(ok("/api/checkins/history/?from=" + TODAY + "&to=" + TODAY)))
                .containsExactly("M0022", "M0021", "M0020");
        String twoDaysAgo = TODAY.minusDays(2).toString();
        assertThat(numbers(ok("/api/checkins/history/?from=" + twoDaysAgo + "&to=" + twoDaysAgo))).containsExactly("M0023");
        assertThat(numbers(ok("/api/checkins/history/?to=" + TODAY.minusDays(1)))).containsExactly("M0023");
        assertThat(numbers(ok("/api/checkins/history/?from=" + TODAY.minusDays(1)))).containsExactly("M0022", "M0021", "M0020");
        assertThat(ok("/api/checkins/history/?from=" + TODAY.plusDays(1)).path("total").asLong()).isZero();
        assertThat(numbers(ok("/api/checkins/history/?status=out&from=" + TODAY))).containsExactly("M0021");

        JsonNode page2 = ok("/api/checkins/history/?perPage=3&page=2");
        assertThat(page2.path("total").asLong()).isEqualTo(4);
        assertThat(numbers(page2)).containsExactly("M0023");
        assertThat(numbers(ok("/api/checkins/history/?perPage=2&page=2"))).containsExactly("M0020", "M0023");

        for (String bad : List.of("status=maybe", "from=yesterday", "to=2024-13-01", "perPage=0", "page=x")) {
            Rest.Response r = rest.get("/api/checkins/history/?" + bad, token);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.code()).as(bad).isEqualTo("INVALID_MESSAGE");
        }
    }

    @Test
    void expiringMemberships() {
        JsonNode week = ok("/api/memberships/expiring/?days=7");
        assertThat(week.isArray()).isTrue();
        assertThat(week.size()).isPositive();
        List<String> numbers = new ArrayList<>();
        for (JsonNode e : week) {
            LocalDate end = LocalDate.parse(e.path("endDate").asText());
            assertThat(end).as(e.toString()).isBetween(TODAY, TODAY.plusDays(7));
            assertThat(e.path("daysLeft").asLong()).isEqualTo(end.toEpochDay() - TODAY.toEpochDay());
            numbers.add(e.path("membershipNumber").asText());
        }
        // demo data: M0010..M0040 end in 1..4 days; M0049 expired last month; M0050 is inactive
        assertThat(numbers).contains("M0010", "M0020", "M0030", "M0040").doesNotContain("M0049", "M0050");
        assertThat(week.findValuesAsText("endDate")).isSorted();

        JsonNode oneDay = ok("/api/memberships/expiring/?days=1");
        assertThat(oneDay.findValuesAsText("membershipNumber")).contains("M0010").doesNotContain("M0020");
        assertThat(ok("/api/memberships/expiring/").size()).isEqualTo(week.size());
        assertThat(rest.get("/api/memberships/expiring/?days=-1", token).code()).isEqualTo("INVALID_MESSAGE");
    }

    @Test
    void healthNeedsNoToken() {
        Rest.Response health = rest.get("/api/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("ok");
        assertThat(health.body().path("lastSeq").asLong()).isGreaterThanOrEqualTo(6); // the setup's check-ins, one event each
        Rest.Response nowhere = rest.get("/api/nowhere", token);
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void eventLogReplaysWhatTheSocketSawAndMetricsCountActivity() {
        try (TestServer own = TestServer.start()) {
            Rest r = own.rest();
            String desk = own.login("desk").access();
            WsClient ws = own.desk();
            try {
                long start = ws.frames().getFirst().path("payload").path("lastSeq").asLong();

                Rest.Response in = r.post("/api/checkins/", desk, Map.of("clientRequestId", UUID.randomUUID().toString(),
                        "membershipNumber", "M0030", "location", "Front desk"));
                assertThat(in.status()).isEqualTo(201);
                String id = ws.sendFrame("check_in", Map.of("clientRequestId", UUID.randomUUID().toString(),
                        "membershipNumber", "M0031", "location", "Studio"));
                assertThat(ws.awaitReply(id, WAIT).path("type").asText()).isEqualTo("check_in_success");
                assertThat(r.post("/api/checkins/checkout/", desk, Map.of("clientRequestId", UUID.randomUUID().toString(),
                        "membershipNumber", "M0030")).status()).isEqualTo(201);
                assertThat(r.post("/api/checkins/", desk, Map.of("clientRequestId", UUID.randomUUID().toString(),
                        "membershipNumber", "M0049", "location", "Front desk")).status()).isEqualTo(409);

                await().atMost(WAIT).until(() -> broadcasts(ws).size() >= 3);
                List<JsonNode> seen = broadcasts(ws);
                assertThat(seen).hasSize(3);
                List<String> seenTypes = seen.stream().map(f -> f.path("type").asText()).toList();
                assertThat(seenTypes).containsExactly("member_checked_in", "member_checked_in", "member_checked_out");
                List<Long> seenSeqs = seen.stream().map(f -> f.path("seq").asLong()).toList();
                assertThat(seenSeqs).containsExactly(start + 1, start + 2, start + 3);

                JsonNode page = r.get("/api/events/?after=" + start + "&limit=100", desk).body();
                assertThat(page.path("resyncRequired").asBoolean(true)).isFalse();
                assertThat(page.path("lastSeq").asLong()).isEqualTo(start + 3);
                List<JsonNode> events = new ArrayList<>();
                page.path("events").forEach(events::add);
                assertThat(events.stream().map(e -> e.path("type").asText()).toList()).isEqualTo(seenTypes);
                assertThat(events.stream().map(e -> e.path("seq").asLong()).toList()).isEqualTo(seenSeqs);
                for (int i = 0; i < events.size(); i++) {
                    assertThat(events.get(i).path("payload")).as("payload of seq " + seenSeqs.get(i))
                            .isEqualTo(seen.get(i).path("payload"));
                }

                JsonNode limited = r.get("/api/events/?after=" + (start + 1) + "&limit=1", desk).body();
                assertThat(limited.findValues("seq").stream().map(JsonNode::asLong).toList())
                        .containsExactly(start + 2);
                JsonNode upToDate = r.get("/api/events/?after=" + (start + 3), desk).body();
                assertThat(upToDate.path("events").size()).isZero();
                assertThat(upToDate.path("resyncRequired").asBoolean(true)).isFalse();
                JsonNode ahead = r.get("/api/events/?after=" + (start + 1000), desk).body();
                assertThat(ahead.path("resyncRequired").asBoolean()).isTrue();
                assertThat(ahead.path("events").size()).isZero();
                assertThat(r.get("/api/events/?after=x", desk).code()).isEqualTo("INVALID_MESSAGE");
                assertThat(r.get("/api/events/?limit=1001", desk).code()).isEqualTo("INVALID_MESSAGE");

                // metrics after this activity: one socket, commands, and a refused token
                assertThat(r.get("/api/auth/me/", "not-a-token").status()).isEqualTo(401);
                Rest.Response metrics = r.get("/metrics", null);
                assertThat(metrics.status()).isEqualTo(200);
                assertThat(metrics.header("Content-Type").orElse("")).startsWith("text/plain");
                Scrape scrape = Scrape.parse(metrics.text()); // every line a comment or a sample, or it throws
                assertThat(scrape.type("avgym_ws_connections")).contains("gauge");
                assertThat(scrape.count("avgym_ws_connections")).isEqualTo(1);
                assertThat(scrape.type("avgym_checkins_total")).contains("counter");
                assertThat(scrape.count("avgym_checkins_total", "result", "ok")).isEqualTo(3);
                assertThat(scrape.count("avgym_checkins_total", "result", "MEMBERSHIP_EXPIRED")).isEqualTo(1);
                assertThat(scrape.count("avgym_auth_failures_total", "reason", "TOKEN_INVALID")).isEqualTo(1);
            } finally {
                ws.close();
            }
            await().atMost(WAIT).until(() -> Scrape.parse(r.get("/metrics", null).text()).value("avgym_ws_connections").orElse(-1.0) == 0);
        }
    }

    private static List<JsonNode> broadcasts(WsClient ws) {
        return ws.frames().stream().filter(f -> List.of("member_checked_in", "member_checked_out", "stats_update")
                .contains(f.path("type").asText())).toList();
    }
}
