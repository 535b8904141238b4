package com.avgym.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.avgym.client.fake.FakeApi;
import com.avgym.client.fake.FakeScheduler;
import com.avgym.client.fake.FakeTransport;
import com.avgym.protocol.Frame;
import com.avgym.protocol.FrameCodec;
import com.avgym.protocol.MessageType;
import com.avgym.protocol.OfflineVerdict;
import com.avgym.protocol.message.Hello;
import com.avgym.protocol.message.MemberUpdated;
import com.avgym.protocol.message.RosterEntry;
import com.avgym.protocol.message.RosterPage;
import com.avgym.protocol.message.Stats;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roster inside the connection service, on a fake clock and socket: what a queued check-in is told and stores. */
class OfflineVerdictServiceTest {
    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-12-02");
    private static final List<RosterEntry> ROSTER = List.of(
            new RosterEntry("id-1", "M0001", "Jane", "active", TODAY, "Monthly", null),
            new RosterEntry("id-2", "M0002", "Bob", "active", TODAY.minusDays(1), "Monthly", null),
            new RosterEntry("id-3", "M0003", "Cleo", "inactive", TODAY.plusDays(30), "Monthly", null));

    @TempDir
    Path dir;
    private final FakeScheduler clock = new FakeScheduler(T0);
    private final FakeTransport transport = new FakeTransport();
    private final FakeApi api = new FakeApi();
    private OfflineQueue queue;
    private RosterStore store;
    private ConnectionService service;

    private void build(OfflinePolicy policy) throws Exception {
        queue = new OfflineQueue(dir.resolve("client.db"));
        store = new RosterStore(dir.resolve("client.db"));
        ClientConfig config = ClientConfig.defaults(URI.create("http://127.0.0.1:9"), dir.resolve("client.db"))
                .withOffline(policy, ZoneOffset.UTC);
        service = new ConnectionService(config, clock, transport, api, queue, store, Runnable::run, Runnable::run,
                new Backoff(config.backoffBase(), config.backoffCap(), () -> 0.5));
        clock.runDue();
    }

    @AfterEach
    void tearDown() throws Exception {
        queue.close();
        store.close();
    }

    private void goLive() {
        service.start(JWT.create().withSubject("u").withExpiresAt(clock.now().plusSeconds(3600))
                .sign(Algorithm.HMAC256("test")), "refresh");
        clock.runDue();
        transport.last().receive(FrameCodec.encode(Frame.of(MessageType.HELLO, null, null, clock.now(),
                new Hello(1, "c", clock.now(), 1000, clock.now().plusSeconds(3600), 0))));
        transport.last().receive(FrameCodec.encode(Frame.of(MessageType.INITIAL_STATS, null, 0L, clock.now(),
                new Stats(0, 0, 0))));
        clock.runDue();
    }

    /** The server is gone: socket closed, REST refused (OFFLINE after the backup wait, no REST drain). */
    private void socketLost() {
        api.stats = () -> {
            throw new java.io.IOException("Connection refused");
        };
        transport.last().serverClose(1006, "");
        clock.runDue();
    }

    private ScanOutcome.Queued scan(String number) {
        CompletableFuture<ScanOutcome> f = service.checkIn(number, "Kiosk", null);
        clock.runDue();
        assertThat(f).isCompleted();
        return (ScanOutcome.Queued) f.join();
    }

    @Test
    void aScanQueuedWhileTheServerIsAwayIsDecidedFromTheRosterAndStoredWithItsVerdict() throws Exception {
        build(OfflinePolicy.ADMIT_KNOWN);
        api.roster = () -> new RosterPage(9, true, ROSTER, List.of());
        goLive();
        assertThat(api.rosterSince).as("sign-in syncs the whole roster").containsExactly(0L);
        socketLost();
        clock.advance(Duration.ofMinutes(1));

        assertThat(scan("m0001").verdict()).isEqualTo(OfflineVerdict.ADMIT);
        assertThat(scan("M0002").verdict()).isEqualTo(OfflineVerdict.REFUSE_EXPIRED);
        assertThat(scan("M0003").verdict()).isEqualTo(OfflineVerdict.REFUSE_INACTIVE);
        ScanOutcome.Queued unknown = scan("M0404");
        assertThat(unknown.verdict()).isEqualTo(OfflineVerdict.UNKNOWN);
        assertThat(unknown.rosterAsOf()).isEqualTo(T0);
        assertThat(unknown.command().checkIn().offlineVerdict()).isEqualTo(OfflineVerdict.UNKNOWN);

        assertThat(queue.all()).extracting(q -> q.checkIn().offlineVerdict()).containsExactly(
                OfflineVerdict.ADMIT, OfflineVerdict.REFUSE_EXPIRED, OfflineVerdict.REFUSE_INACTIVE, OfflineVerdict.UNKNOWN);
        assertThat(queue.all()).extracting(q -> q.checkIn().rosterVersion()).containsOnly(9L);

        // Back online: the commands go out as stored, verdicts included.
        service.retryNow();
        clock.runDue();
        transport.last().receive(FrameCodec.encode(Frame.of(MessageType.HELLO, null, null, clock.now(),
                new Hello(1, "c", clock.now(), 1000, clock.now().plusSeconds(3600), 0))));
        clock.runDue();
        List<JsonNode> sent = transport.last().sentOfType("check_in");
        assertThat(sent).hasSize(4);
        assertThat(sent).extracting(f -> f.get("payload").get("offlineVerdict").asText())
                .containsExactly("ADMIT", "REFUSE_EXPIRED", "REFUSE_INACTIVE", "UNKNOWN");
        assertThat(sent).extracting(f -> f.get("payload").get("rosterVersion").asLong()).containsOnly(9L);
    }

    @Test
    void aScanTheLiveServerDoesNotAnswerInTimeIsDecidedWhenItIsToldQueued() throws Exception {
        build(OfflinePolicy.ADMIT_KNOWN);
        api.roster = () -> new RosterPage(9, true, ROSTER, List.of());
        goLive();
        CompletableFuture<ScanOutcome> f = service.checkIn("M0001", "Kiosk", null);
        clock.runDue();
        assertThat(f).isNotDone();
        assertThat(transport.last().sentOfType("check_in").getFirst().get("payload").path("offlineVerdict").isTextual())
                .as("sent live without a verdict").isFalse();
        clock.advance(Duration.ofSeconds(5));
        ScanOutcome.Queued q = (ScanOutcome.Queued) f.join();
        assertThat(q.verdict()).isEqualTo(OfflineVerdict.ADMIT);
        assertThat(queue.all().getFirst().checkIn().offlineVerdict()).isEqualTo(OfflineVerdict.ADMIT);
    }

    @Test
    void checkOutsQueueOnlyAndANeverSyncedRosterDecideNothing() throws Exception {
        build(OfflinePolicy.ADMIT_KNOWN);
        goLive(); // roster call unscripted: 404, nothing synced
        socketLost();
        ScanOutcome.Queued q = scan("M0001");
        assertThat(q.verdict()).isNull();
        assertThat(q.rosterAsOf()).isNull();
        CompletableFuture<ScanOutcome> out = service.checkOut(null, "M0001");
        clock.runDue();
        assertThat(((ScanOutcome.Queued) out.join()).verdict()).isNull();
        assertThat(queue.all()).allSatisfy(c -> assertThat(c.checkIn() == null || c.checkIn().offlineVerdict() == null).isTrue());
        assertThat(service.snapshot().state()).as("a failed roster sync leaves the connection alone")
                .isEqualTo(ConnectionState.RECONNECTING);
    }

    @Test
    void queueOnlyPolicyQueuesWithoutAVerdictThoughTheRosterIsThere() throws Exception {
        build(OfflinePolicy.QUEUE_ONLY);
        api.roster = () -> new RosterPage(9, true, ROSTER, List.of());
        goLive();
        socketLost();
        ScanOutcome.Queued q = scan("M0001");
        assertThat(q.verdict()).isNull();
        assertThat(queue.all().getFirst().checkIn().offlineVerdict()).isNull();
        assertThat(store.size()).as("the roster is still kept, for the desk's finder").isEqualTo(3);
    }

    @Test
    void memberUpdatedFetchesTheChangeSoTheNextOfflineVerdictUsesIt() throws Exception {
        build(OfflinePolicy.ADMIT_KNOWN);
        api.roster = () -> new RosterPage(9, true, ROSTER, List.of());
        goLive();
        api.roster = () -> new RosterPage(10, false,
                List.of(new RosterEntry("id-2", "M0002", "Bob", "active", TODAY.plusYears(1), "Annual", null)), List.of("id-1"));
        transport.last().receive(FrameCodec.encode(Frame.of(MessageType.MEMBER_UPDATED, null, null, clock.now(),
                new MemberUpdated(10))));
        clock.runDue();
        assertThat(api.rosterSince).containsExactly(0L, 9L);
        socketLost();
        assertThat(scan("M0002").verdict()).isEqualTo(OfflineVerdict.ADMIT);
        ScanOutcome.Queued removed = scan("M0001");
        assertThat(removed.verdict()).isEqualTo(OfflineVerdict.UNKNOWN);
        assertThat(removed.command().checkIn().rosterVersion()).isEqualTo(10L);
    }

    @Test
    void whenTheSessionLapsesWaitingAndLaterScansAreStillDecided() throws Exception {
        build(OfflinePolicy.ADMIT_KNOWN);
        api.roster = () -> new RosterPage(9, true, ROSTER, List.of());
        goLive();
        CompletableFuture<ScanOutcome> waiting = service.checkIn("M0001", "Kiosk", null);
        clock.runDue();
        assertThat(waiting).isNotDone();
        // The token expired and the refresh is refused: AUTH_REQUIRED while a scan waits for its answer.
        api.refresh = () -> {
            throw new ApiException(401, "TOKEN_REJECTED", "refresh token revoked", null, "{}");
        };
        transport.last().serverClose(com.avgym.protocol.CloseCodes.TOKEN_EXPIRED, "");
        clock.runDue();
        assertThat(service.snapshot().state()).isEqualTo(ConnectionState.AUTH_REQUIRED);
        assertThat(((ScanOutcome.Queued) waiting.join()).verdict()).isEqualTo(OfflineVerdict.ADMIT);
        assertThat(scan("M0003").verdict()).isEqualTo(OfflineVerdict.REFUSE_INACTIVE);
        assertThat(api.rosterSince).as("no roster call without a session").containsExactly(0L);
    }

    @Test
    void signingOutAnswersWaitingScansPlainlyAndStopsTheSync() throws Exception {
        build(OfflinePolicy.ADMIT_KNOWN);
        api.roster = () -> new RosterPage(9, true, ROSTER, List.of());
        goLive();
        CompletableFuture<ScanOutcome> waiting = service.checkIn("M0001", "Kiosk", null);
        clock.runDue();
        service.signOut();
        clock.runDue();
        assertThat(((ScanOutcome.Queued) waiting.join()).verdict()).isNull();
        clock.advance(RosterSync.PERIOD.multipliedBy(2));
        assertThat(api.rosterSince).containsExactly(0L);
    }
}
