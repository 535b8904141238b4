package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.Json;
import com.avgym.protocol.message.RosterEntry;
import com.avgym.protocol.message.RosterPage;
import com.avgym.server.photo.PhotoImages;
import com.avgym.server.roster.RosterQuery;
import com.avgym.server.support.MutableClock;
import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /api/members/roster and the member routes on a real server (SQLite, or PostgreSQL with -Ppostgres): full and
 * delta answers, the cases that force a full roster, removals, photo changes, member_updated on desk and kiosk
 * sockets, and bad input that changes nothing.
 */
class RosterApiTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ZoneId ZONE = ZoneId.of("Africa/Addis_Ababa");
    private MutableClock clock;
    private TestServer server;
    private Rest rest;
    private String staff;
    private String admin;

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.now());
        server = TestServer.start(c -> c.withClock(clock, ZONE));
        rest = server.rest();
        staff = server.login("desk").access();
        admin = server.login("admin").access();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RosterPage roster(long since) {
        Rest.Response r = rest.get("/api/members/roster?since=" + since, staff);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return Json.convert(r.body(), RosterPage.class);
    }

    private String memberId(String number) {
        return rest.get("/api/members/by-number/" + number, staff).body().path("id").asText();
    }

    private static RosterEntry entry(RosterPage page, String number) {
        return page.members().stream().filter(e -> e.number().equals(number)).findFirst().orElseThrow();
    }

    @Test
    void sinceZeroIsTheWholeRosterAsMemberViewShowsIt() {
        RosterPage full = roster(0);
        assertThat(full.full()).isTrue();
        assertThat(full.members()).hasSize(50);
        assertThat(full.removed()).isEmpty();
        JsonNode view = rest.get("/api/members/by-number/M0049", staff).body();
        RosterEntry expired = entry(full, "M0049");
        assertThat(expired.memberId()).isEqualTo(view.path("id").asText());
        assertThat(expired.name()).isEqualTo(view.path("fullName").asText());
        assertThat(expired.membershipEnd()).isEqualTo(LocalDate.parse(view.path("membershipEnd").asText()));
        assertThat(expired.plan()).isEqualTo(view.path("planName").asText());
        assertThat(expired.status()).isEqualTo("active");
        assertThat(entry(full, "M0050").status()).isEqualTo("inactive");
        String photoEtag = rest.request("GET", "/api/members/" + expired.memberId() + "/photo", staff, null)
                .header("ETag").orElseThrow();
        assertThat(expired.photoEtag()).isEqualTo(photoEtag);
        assertThat(roster(full.version()).members()).as("nothing changed since").isEmpty();
    }

    @Test
    void aDeltaHoldsExactlyTheMembersAddedChangedAndRemovedSinceAndEachChangeIsOneVersion() {
        long v0 = roster(0).version();
        Rest.Response added = rest.post("/api/members", staff, Map.of("fullName", "Zara New", "planName", "Monthly"));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        assertThat(added.body().path("membershipNumber").asText()).as("generated after M0050").isEqualTo("M0051");
        assertThat(added.body().path("membershipCurrent").asBoolean()).isTrue();
        Rest.Response renamed = rest.patch("/api/members/" + memberId("M0003"), staff, Map.of("fullName", "Chloe Renamed"));
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        LocalDate newEnd = LocalDate.now(clock.withZone(ZONE)).plusDays(30);
        Rest.Response renewed = rest.patch("/api/members/" + memberId("M0049"), staff,
                Map.of("membershipEnd", newEnd.toString(), "planName", "Annual"));
        assertThat(renewed.status()).as(renewed.text()).isEqualTo(200);
        assertThat(renewed.body().path("membershipCurrent").asBoolean()).as("the expired membership was extended").isTrue();
        String removedId = memberId("M0004");
        Rest.Response removed = rest.delete("/api/members/" + removedId, admin);
        assertThat(removed.status()).as(removed.text()).isEqualTo(200);

        RosterPage delta = roster(v0);
        assertThat(delta.full()).isFalse();
        assertThat(delta.version()).isEqualTo(v0 + 4);
        assertThat(delta.members()).extracting(RosterEntry::number).containsExactlyInAnyOrder("M0051", "M0003", "M0049");
        assertThat(entry(delta, "M0003").name()).isEqualTo("Chloe Renamed");
        assertThat(entry(delta, "M0049").membershipEnd()).isEqualTo(newEnd);
        assertThat(entry(delta, "M0049").plan()).isEqualTo("Annual");
        assertThat(entry(delta, "M0051").plan()).isEqualTo("Monthly");
        assertThat(delta.removed()).containsExactly("M0004");
        assertThat(removed.body().path("rosterVersion").asLong()).isEqualTo(v0 + 4);

        RosterPage fromMiddle = roster(v0 + 2);
        assertThat(fromMiddle.members()).extracting(RosterEntry::number).containsExactly("M0049");
        assertThat(fromMiddle.removed()).containsExactly("M0004");
        assertThat(roster(0).members()).extracting(RosterEntry::number).doesNotContain("M0004").contains("M0051");
    }

    @Test
    void aRemovedMemberLeavesSearchAndCheckInButItsVisitsStay() {
        String id = memberId("M0005");
        assertThat(rest.post("/api/checkins", staff, Map.of("clientRequestId", "r-" + UUID.randomUUID(),
                "membershipNumber", "M0005", "location", "Desk")).status()).isEqualTo(201);
        assertThat(rest.delete("/api/members/" + id, staff).status()).as("removal is for admins").isEqualTo(403);
        assertThat(rest.delete("/api/members/" + id, admin).status()).isEqualTo(200);

        Rest.Response scan = rest.post("/api/checkins", staff, Map.of("clientRequestId", "r-" + UUID.randomUUID(),
                "membershipNumber", "M0005", "location", "Desk"));
        assertThat(scan.status()).isEqualTo(404);
        assertThat(scan.code()).isEqualTo("MEMBER_NOT_FOUND");
        assertThat(rest.get("/api/members/by-number/M0005", staff).status()).isEqualTo(404);
        assertThat(rest.get("/api/members?q=M0005", staff).body().path("total").asLong()).isZero();
        assertThat(rest.get("/api/checkins/history?q=M0005", staff).body().path("total").asLong())
                .as("the visit is still recorded").isEqualTo(1);
        assertThat(rest.delete("/api/members/" + id, admin).code()).as("removed once").isEqualTo("MEMBER_NOT_FOUND");
        assertThat(rest.patch("/api/members/" + id, staff, Map.of("fullName", "Back")).code()).isEqualTo("MEMBER_NOT_FOUND");
    }

    @Test
    void aPhotoUploadIsARosterChangeCarryingTheNewEtag() {
        long v0 = roster(0).version();
        String id = memberId("M0007");
        Rest.Response put = rest.putBytes("/api/members/" + id + "/photo", staff, PhotoImages.initials("Someone Else"));
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        RosterPage delta = roster(v0);
        assertThat(delta.version()).isEqualTo(v0 + 1);
        assertThat(delta.members()).extracting(RosterEntry::number).containsExactly("M0007");
        assertThat(entry(delta, "M0007").photoEtag()).isEqualTo(put.body().path("etag").asText());
    }

    @Test
    void sinceAheadOfTheServerOrBehindThePrunedRemovalsGetsTheWholeRoster() {
        long v0 = roster(0).version();
        RosterPage ahead = roster(v0 + 100);
        assertThat(ahead.full()).as("a version this server never had: its database was replaced").isTrue();
        assertThat(ahead.members()).hasSize(50);

        assertThat(rest.delete("/api/members/" + memberId("M0010"), admin).status()).isEqualTo(200);
        assertThat(rest.patch("/api/members/" + memberId("M0011"), staff, Map.of("status", "inactive")).status()).isEqualTo(200);
        clock.advance(RosterQuery.REMOVALS_KEPT.minusHours(1));
        server.server().housekeeping().run();
        staff = server.login("desk").access();
        assertThat(roster(v0).removed()).as("kept for 30 days").containsExactly("M0010");

        clock.advance(Duration.ofHours(2));
        server.server().housekeeping().run();
        staff = server.login("desk").access();
        RosterPage tooOld = roster(v0);
        assertThat(tooOld.full()).as("the removal it would need is gone").isTrue();
        assertThat(tooOld.members()).hasSize(49).extracting(RosterEntry::number).doesNotContain("M0010");
        assertThat(tooOld.removed()).isEmpty();
        RosterPage recent = roster(v0 + 1);
        assertThat(recent.full()).as("a client that already has the removal still gets a delta").isFalse();
        assertThat(recent.members()).extracting(RosterEntry::number).containsExactly("M0011");
    }

    @Test
    void everyMemberChangeIsAnnouncedToDeskAndKioskSockets() {
        WsClient desk = server.desk();
        WsClient kiosk = WsClient.open(server.wsUrl(), server.login("kiosk").access());
        try {
            kiosk.awaitType("initial_stats", WAIT);
            Rest.Response changed = rest.patch("/api/members/" + memberId("M0012"), staff, Map.of("phone", "+251 91 000 0000"));
            assertThat(changed.status()).isEqualTo(200);
            long version = roster(0).version();
            for (WsClient socket : new WsClient[] {desk, kiosk}) {
                JsonNode frame = socket.awaitType("member_updated", WAIT);
                assertThat(frame.path("payload").path("version").asLong()).isEqualTo(version);
                assertThat(frame.has("seq")).as("not in the event log").isFalse();
            }
            rest.putBytes("/api/members/" + memberId("M0013") + "/photo", staff, PhotoImages.initials("Photo Change"));
            kiosk.await(f -> f.path("type").asText().equals("member_updated")
                    && f.path("payload").path("version").asLong() == version + 1, WAIT, "the photo's member_updated");
        } finally {
            desk.close();
            kiosk.close();
        }
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        long v0 = roster(0).version();
        Map<String, Object> noName = Map.of("planName", "Monthly");
        Map<String, Object> unknownPlan = Map.of("fullName", "A B", "planName", "Lifetime");
        Map<String, Object> taken = Map.of("fullName", "A B", "membershipNumber", "m0001");
        Map<String, Object> noPlan = Map.of("fullName", "A B", "membershipEnd", "2030-01-01");
        Map<String, Object> badDate = new LinkedHashMap<>(Map.of("fullName", "A B", "planName", "Monthly", "membershipEnd", "1999-12-31"));
        for (Map<String, Object> body : new Map[] {noName, unknownPlan, taken, noPlan, badDate}) {
            Rest.Response r = rest.post("/api/members", staff, body);
            assertThat(r.status()).as("%s -> %s", body, r.text()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("INVALID_MESSAGE");
        }
        String id = memberId("M0020");
        Map<String, Object> empty = new HashMap<>();
        for (Map<String, Object> body : new Map[] {empty, Map.of("status", "gone"), Map.of("fullName", " "),
                Map.of("planName", "Lifetime")}) {
            Rest.Response r = rest.patch("/api/members/" + id, staff, body);
            assertThat(r.status()).as("%s -> %s", body, r.text()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("INVALID_MESSAGE");
        }
        assertThat(rest.patch("/api/members/no-such-id", staff, Map.of("fullName", "X")).code()).isEqualTo("MEMBER_NOT_FOUND");
        assertThat(rest.post("/api/members", server.login("trainer").access(), Map.of("fullName", "A B")).status()).isEqualTo(403);
        assertThat(rest.get("/api/members/roster?since=-1", staff).code()).isEqualTo("INVALID_MESSAGE");
        assertThat(rest.get("/api/members/roster?since=abc", staff).code()).isEqualTo("INVALID_MESSAGE");

        RosterPage after = roster(v0);
        assertThat(after.version()).as("refused changes took no version").isEqualTo(v0);
        assertThat(after.members()).isEmpty();
        assertThat(roster(0).members()).hasSize(50);
    }
}
