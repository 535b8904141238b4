package com.avgym.client;

import static com.avgym.client.support.ClientFixture.base;
import static com.avgym.client.support.ClientFixture.config;
import static com.avgym.client.support.ClientFixture.history;
import static com.avgym.client.support.ClientFixture.restart;
import static com.avgym.client.support.ClientFixture.startServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.avgym.client.support.ClientRecorder;
import com.avgym.protocol.OfflineVerdict;
import com.avgym.protocol.message.CheckInView;
import com.avgym.server.support.OfflineScans;
import com.avgym.server.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roster against a real server: synced at sign-in, each roster case decided offline with the server killed,
 * and the decided commands reaching the restarted server with their verdict and roster version.
 */
class RosterOfflineServerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private static ScanOutcome.Queued queued(ConnectionService client, String number) throws Exception {
        ScanOutcome outcome = client.checkIn(number, "Kiosk 1", null).get(10, TimeUnit.SECONDS);
        assertThat(outcome).as("scan of %s", number).isInstanceOf(ScanOutcome.Queued.class);
        return (ScanOutcome.Queued) outcome;
    }

    @Test
    void eachRosterCaseIsDecidedOfflineAndReachesTheRestartedServerWithItsVerdict() throws Exception {
        TestServer server = startServer(UnaryOperator.identity());
        Path dataDir = server.dataDir();
        int port = base(server).getPort();
        OfflineScans members = new OfflineScans(server);
        Instant now = Instant.now();
        OfflineScans.Member active = members.current();
        OfflineScans.Member expired = members.member("active", members.dayOf(now).minusDays(1));
        OfflineScans.Member inactive = members.member("inactive", members.dayOf(now).plusMonths(1));
        OfflineScans.Member removed = members.current();
        try (ConnectionService client = ConnectionService.create(config(base(server), tmp.resolve("client.db")))) {
            ClientRecorder rec = new ClientRecorder();
            client.addListener(rec);
            client.signIn("desk", TestServer.PASSWORD.toCharArray()).get(10, TimeUnit.SECONDS);
            await("roster synced at sign-in").atMost(WAIT)
                    .until(() -> client.roster().byNumber(removed.number()).isPresent());
            long version = client.roster().state().version();
            Instant syncedAt = client.roster().state().syncedAt();

            // Removed on the server after the last sync (straight in its database: no member_updated), then the
            // server dies.
            members.remove(removed);
            server.close();
            await("client noticed").atMost(WAIT).until(() -> client.snapshot().state() != ConnectionState.LIVE);

            Map<String, ScanOutcome.Queued> scans = new LinkedHashMap<>();
            for (String number : List.of(active.number(), expired.number().toLowerCase(), inactive.number(), "NOPE-1",
                    removed.number())) {
                scans.put(number, queued(client, number));
            }
            assertThat(scans.values()).extracting(ScanOutcome.Queued::verdict).containsExactly(OfflineVerdict.ADMIT,
                    OfflineVerdict.REFUSE_EXPIRED, OfflineVerdict.REFUSE_INACTIVE, OfflineVerdict.UNKNOWN,
                    OfflineVerdict.ADMIT);
            assertThat(scans.values()).extracting(ScanOutcome.Queued::rosterAsOf).containsOnly(syncedAt);
            assertThat(client.pendingScans().get(10, TimeUnit.SECONDS)).extracting(q -> q.checkIn().rosterVersion())
                    .containsOnly(version);

            server = restart(dataDir, port, UnaryOperator.identity());
            await("queue drained").atMost(WAIT)
                    .until(() -> rec.resultCount() >= 5 && client.snapshot().pendingCount() == 0);

            Map<String, ScanOutcome> answers = new LinkedHashMap<>();
            scans.forEach((number, q) -> answers.put(number, rec.results().get(q.clientRequestId()).getFirst()));
            assertThat(answers.get(active.number())).isInstanceOf(ScanOutcome.Confirmed.class);
            assertThat(code(answers.get(expired.number().toLowerCase()))).isEqualTo("MEMBERSHIP_EXPIRED");
            assertThat(code(answers.get(inactive.number()))).isEqualTo("MEMBER_INACTIVE");
            assertThat(code(answers.get("NOPE-1"))).isEqualTo("MEMBER_NOT_FOUND");
            // The door let in a member the server no longer has: the server can only tell staff.
            assertThat(code(answers.get(removed.number()))).isEqualTo("MEMBER_NOT_FOUND");

            List<CheckInView> visits = history(server);
            CheckInView visit = visits.stream().filter(v -> active.number().equals(v.membershipNumber())).findFirst()
                    .orElseThrow();
            assertThat(visit.checkInTime()).isEqualTo(scans.get(active.number()).command().checkIn().occurredAt()
                    .truncatedTo(ChronoUnit.MILLIS));
            assertThat(visits).noneMatch(v -> expired.number().equals(v.membershipNumber())
                    || inactive.number().equals(v.membershipNumber()));

            // The server learnt what the door did: the ADMIT of the removed member is a review item carrying the
            // verdict and the roster version it was decided with.
            JsonNode reviews = server.rest().get("/api/reviews/?state=open", server.login("admin").access()).body();
            JsonNode item = null;
            for (JsonNode r : reviews.isArray() ? reviews : reviews.path("results")) {
                if (removed.number().equals(r.path("membershipNumber").asText())) {
                    item = r;
                }
            }
            assertThat(item).as("review item for %s in %s", removed.number(), reviews).isNotNull();
            assertThat(item.path("offlineVerdict").asText()).isEqualTo("ADMIT");
            assertThat(item.path("rosterVersion").asLong()).isEqualTo(version);
        } finally {
            server.close();
        }
    }

    private static String code(ScanOutcome outcome) {
        assertThat(outcome).isInstanceOf(ScanOutcome.Rejected.class);
        return ((ScanOutcome.Rejected) outcome).error().code();
    }

    @Test
    void aKioskProfileSyncsItsRosterAndDecidesOffline() throws Exception {
        TestServer server = startServer(UnaryOperator.identity());
        try (ConnectionService kiosk = ConnectionService.create(config(base(server), tmp.resolve("kiosk.db"))
                .withLiveData(false))) {
            kiosk.signIn("kiosk", TestServer.PASSWORD.toCharArray()).get(10, TimeUnit.SECONDS);
            await("kiosk roster synced").atMost(WAIT).until(() -> kiosk.roster().state().synced());
            assertThat(kiosk.roster().byNumber("M0001")).isPresent();
            assertThat(kiosk.roster().size()).isGreaterThanOrEqualTo(50);
            server.close();
            await().atMost(WAIT).until(() -> kiosk.snapshot().state() != ConnectionState.LIVE);
            assertThat(queued(kiosk, "M0001").verdict()).isEqualTo(OfflineVerdict.ADMIT);
            assertThat(queued(kiosk, "M0050").verdict()).isEqualTo(OfflineVerdict.REFUSE_INACTIVE);
        } finally {
            server.close();
        }
    }
}
