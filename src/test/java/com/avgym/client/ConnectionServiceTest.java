package com.avgym.client;

import static com.avgym.client.ConnectionState.AUTH_REQUIRED;
import static com.avgym.client.ConnectionState.BACKUP;
import static com.avgym.client.ConnectionState.CONNECTING;
import static com.avgym.client.ConnectionState.LIVE;
import static com.avgym.client.ConnectionState.OFFLINE;
import static com.avgym.client.ConnectionState.RECONNECTING;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.avgym.client.fake.FakeApi;
import com.avgym.client.fake.FakeScheduler;
import com.avgym.client.fake.FakeTransport;
import com.avgym.protocol.Frame;
import com.avgym.protocol.FrameCodec;
import com.avgym.protocol.MessageType;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.ErrorPayload;
import com.avgym.protocol.message.EventPage;
import com.avgym.protocol.message.Hello;
import com.avgym.protocol.message.Stats;
import com.avgym.protocol.message.TokenPair;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state machine on a fake clock and a fake transport: every transition, every error class. */
class ConnectionServiceTest {
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private static final long HEARTBEAT_MS = 1000;

    @TempDir
    Path dir;
    private final FakeScheduler clock = new FakeScheduler(T0);
    private final FakeTransport transport = new FakeTransport();
    private final FakeApi api = new FakeApi();
    private final List<ConnectionSnapshot> snapshots = new ArrayList<>();
    private final List<String> resyncs = new ArrayList<>();
    private final List<ScanOutcome> results = new ArrayList<>();
    private OfflineQueue queue;
    private ConnectionService service;
    private int tokenCounter;

    @BeforeEach
    void setUp() throws Exception {
        queue = new OfflineQueue(dir.resolve("queue.db"));
        ClientConfig config = ClientConfig.defaults(URI.create("http://127.0.0.1:9"), dir.resolve("queue.db"));
        // random 0.5: full-jitter delays are exactly half their ceiling, so times are predictable.
        service = new ConnectionService(config, clock, transport, api, queue, Runnable::run, Runnable::run,
                new Backoff(config.backoffBase(), config.backoffCap(), () -> 0.5));
        service.addListener(new ClientListener() {
            @Override
            public void onSnapshot(ConnectionSnapshot s) {
                snapshots.add(s);
            }

            @Override
            public void onResync(Stats stats, List<CheckInView> recent) {
                resyncs.add("resync");
            }

            @Override
            public void onScanResult(QueuedCommand command, ScanOutcome outcome) {
                results.add(outcome);
            }
        });
        api.refresh = () -> new TokenPair(token(Duration.ofMinutes(5)), "refresh-" + (++tokenCounter), null);
        clock.runDue();
    }

    @AfterEach
    void tearDown() throws Exception {
        queue.close();
    }

    private String token(Duration ttl) {
        return JWT.create().withSubject("u").withJWTId("j" + (++tokenCounter))
                .withExpiresAt(clock.now().plus(ttl)).sign(Algorithm.HMAC256("test"));
    }

    private void startAndGoLive(long lastSeq) {
        service.start(token(Duration.ofMinutes(5)), "refresh-0");
        clock.runDue();
        hello(lastSeq);
    }

    private void hello(long lastSeq) {
        transport.last().receive(FrameCodec.encode(Frame.of(MessageType.HELLO, null, null, clock.now(),
                new Hello(1, "c", clock.now(), HEARTBEAT_MS, clock.now().plusSeconds(300), lastSeq))));
        transport.last().receive(FrameCodec.encode(Frame.of(MessageType.INITIAL_STATS, null, lastSeq, clock.now(),
                new Stats(0, 0, 0))));
        clock.runDue();
    }

    private void serverCloses(int code) {
        transport.last().serverClose(code, "");
        clock.runDue();
    }

    private ConnectionState state() {
        return service.snapshot().state();
    }

    @Test
    void startsConnectingThenLiveOnHello() {
        service.start(token(Duration.ofMinutes(5)), "r");
        clock.runDue();
        assertThat(state()).isEqualTo(CONNECTING);
        assertThat(transport.sockets).hasSize(1);
        hello(7);
        assertThat(state()).isEqualTo(LIVE);
        assertThat(service.snapshot().connectedSince()).isEqualTo(T0);
        assertThat(service.snapshot().lastSeq()).isEqualTo(7);
        assertThat(resyncs).as("first connection refetches the recent list").hasSize(1);
    }

    @Test
    void networkDropBacksOffWithFullJitterAndCountsAttempts() {
        startAndGoLive(0);
        serverCloses(1006);
        ConnectionSnapshot s = service.snapshot();
        assertThat(s.state()).isEqualTo(RECONNECTING);
        assertThat(s.attempt()).isEqualTo(1);
        assertThat(s.lastError().type()).isEqualTo(ErrorClass.NETWORK);
        assertThat(s.lastError().closeCode()).isEqualTo(1006);
        // attempt 0's ceiling is 0.5 s; jitter 0.5 -> 250 ms
        assertThat(s.nextRetryAt()).isEqualTo(T0.plusMillis(250));
        clock.advance(Duration.ofMillis(249));
        assertThat(transport.sockets).hasSize(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(transport.sockets).hasSize(2);
        serverCloses(-1);
        assertThat(service.snapshot().attempt()).isEqualTo(2);
        assertThat(service.snapshot().nextRetryAt()).isEqualTo(clock.now().plusMillis(500));
    }

    @Test
    void afterThreeFailedAttemptsItPollsInBackupAndGoesOfflineWhenRestFailsToo() {
        startAndGoLive(3);
        serverCloses(1006);
        for (int i = 0; i < 2; i++) {
            clock.advance(service.snapshot().nextRetryAt().minusMillis(clock.now().toEpochMilli()).toEpochMilli() > 0
                    ? Duration.between(clock.now(), service.snapshot().nextRetryAt()) : Duration.ZERO);
            serverCloses(-1);
        }
        assertThat(service.snapshot().attempt()).isEqualTo(3);
        assertThat(state()).isEqualTo(BACKUP);
        assertThat(api.statsCalls).as("BACKUP polls at once").isPositive();
        assertThat(api.eventsCalls).isPositive();

        api.stats = () -> {
            throw new IOException("Connection refused");
        };
        clock.advance(Duration.ofSeconds(5));
        assertThat(state()).isEqualTo(OFFLINE);

        api.stats = () -> new Stats(1, 2, 3);
        clock.advance(Duration.ofSeconds(5));
        assertThat(state()).isEqualTo(BACKUP);
        assertThat(transport.sockets.size()).as("socket attempts continue in BACKUP").isGreaterThan(3);
    }

    @Test
    void fifteenSecondsWithoutSocketMeansBackupEvenWithFewAttempts() {
        startAndGoLive(0);
        serverCloses(1013); // overloaded: next try in 30 s, so only one attempt happens in 15 s
        assertThat(state()).isEqualTo(RECONNECTING);
        assertThat(service.snapshot().nextRetryAt()).isEqualTo(T0.plusSeconds(30));
        clock.advance(Duration.ofMillis(14_999));
        assertThat(state()).isEqualTo(RECONNECTING);
        clock.advance(Duration.ofMillis(1));
        assertThat(state()).isEqualTo(BACKUP);
    }

    @Test
    void restartReconnectsWithinFiveSeconds() {
        startAndGoLive(0);
        serverCloses(1012);
        assertThat(service.snapshot().lastError().type()).isEqualTo(ErrorClass.RESTART);
        assertThat(service.snapshot().nextRetryAt()).isEqualTo(T0.plusMillis(2500));
        serverClosesAfterRetry(1001);
        assertThat(service.snapshot().lastError().type()).isEqualTo(ErrorClass.RESTART);
    }

    @Test
    void aRestartWithARetryHintWaitsExactlyThatLongInsteadOfItsOwnSpread() {
        startAndGoLive(0);
        transport.last().serverClose(1012, "restart; retry-after-ms=7300");
        clock.runDue();
        assertThat(service.snapshot().lastError().type()).isEqualTo(ErrorClass.RESTART);
        assertThat(service.snapshot().nextRetryAt()).isEqualTo(T0.plusMillis(7300));
        int sockets = transport.sockets.size();
        clock.advance(Duration.ofMillis(7299));
        assertThat(transport.sockets).as("not before the hint").hasSize(sockets);
        clock.advance(Duration.ofMillis(1));
        assertThat(transport.sockets).as("at the hint").hasSize(sockets + 1);
    }

    @Test
    void a503WhileTheServerRestartsKeepsTheShortRestartWait() {
        startAndGoLive(0);
        serverCloses(1012);
        clock.advance(Duration.between(clock.now(), service.snapshot().nextRetryAt()));
        transport.last().serverClose(1002, "Invalid status code received: 503 Status line: HTTP/1.1 503 Service Unavailable");
        clock.runDue();
        assertThat(service.snapshot().lastError().type()).isEqualTo(ErrorClass.RESTART);
        assertThat(Duration.between(clock.now(), service.snapshot().nextRetryAt())).isLessThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void a503OutOfTheBlueIsOverload() {
        startAndGoLive(0);
        serverCloses(1006);
        clock.advance(Duration.between(clock.now(), service.snapshot().nextRetryAt()));
        transport.last().serverClose(1002, "Invalid status code received: 503 Status line: HTTP/1.1 503 Service Unavailable");
        clock.runDue();
        assertThat(service.snapshot().lastError().type()).isEqualTo(ErrorClass.OVERLOADED);
        assertThat(service.snapshot().nextRetryAt()).isEqualTo(clock.now().plusSeconds(30));
    }

    private void serverClosesAfterRetry(int code) {
        clock.advance(Duration.between(clock.now(), service.snapshot().nextRetryAt()));
        serverCloses(code);
    }

    @Test
    void overloadedWaitsThirtySeconds() {
        startAndGoLive(0);
        serverCloses(4429);
        assertThat(service.snapshot().lastError().type()).isEqualTo(ErrorClass.OVERLOADED);
        assertThat(service.snapshot().nextRetryAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void expiredTokenIsRefreshedOnceAndReconnectsAtOnce() {
        startAndGoLive(0);
        serverCloses(4401);
        assertThat(api.refreshCalls).isEqualTo(1);
        assertThat(transport.sockets).as("reconnected with no backoff").hasSize(2);
        assertThat(transport.last().token).isNotEqualTo(transport.sockets.getFirst().token);
        // the fresh token is refused too: a refresh loop would hide a real problem
        serverCloses(1002 /* upgrade refused */);
        assertThat(state()).isEqualTo(RECONNECTING); // 1002 without a status is a protocol error
        clock.advance(Duration.between(clock.now(), service.snapshot().nextRetryAt()));
        transport.last().serverClose(1002, "Invalid status code received: 401 Status line: HTTP/1.1 401 Unauthorized");
        clock.runDue();
        assertThat(state()).isEqualTo(AUTH_REQUIRED);
        assertThat(api.refreshCalls).isEqualTo(1);
    }

    @Test
    void refusedRefreshMeansSignInAgain() {
        startAndGoLive(0);
        api.refresh = () -> {
            throw new ApiException(401, "TOKEN_REVOKED", "revoked", null, "{}");
        };
        transport.last().serverClose(1002, "Invalid status code received: 401 Status line: HTTP/1.1 401 Unauthorized");
        clock.runDue();
        ConnectionSnapshot s = service.snapshot();
        assertThat(s.state()).isEqualTo(AUTH_REQUIRED);
        assertThat(s.lastError().type()).isEqualTo(ErrorClass.AUTH_INVALID);
        assertThat(s.lastError().httpStatus()).isEqualTo(401);
        clock.advance(Duration.ofMinutes(5));
        assertThat(transport.sockets).as("no attempts in AUTH_REQUIRED").hasSize(1);
    }

    @Test
    void deactivatedUserMeansSignInAgain() {
        startAndGoLive(0);
        serverCloses(4403);
        assertThat(state()).isEqualTo(AUTH_REQUIRED);
        assertThat(service.snapshot().lastError().type()).isEqualTo(ErrorClass.FORBIDDEN);
    }

    @Test
    void heartbeatEveryIntervalAndDeadAfterTwoSilentIntervals() {
        startAndGoLive(0);
        clock.advance(Duration.ofMillis(HEARTBEAT_MS));
        assertThat(transport.last().sentOfType("heartbeat")).hasSize(1);
        clock.advance(Duration.ofMillis(HEARTBEAT_MS - 1));
        assertThat(state()).isEqualTo(LIVE);
        clock.advance(Duration.ofMillis(1));
        assertThat(state()).isEqualTo(RECONNECTING);
        assertThat(service.snapshot().lastError().type()).isEqualTo(ErrorClass.HEARTBEAT);
        assertThat(transport.sockets.getFirst().aborted).isTrue();
    }

    @Test
    void anyInboundFrameCountsAsLife() {
        startAndGoLive(0);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMillis(1500));
            transport.last().receive(FrameCodec.encode(Frame.of(MessageType.HEARTBEAT_ACK, null, null, clock.now(), Map.of())));
            clock.runDue();
        }
        assertThat(state()).isEqualTo(LIVE);
    }

    @Test
    void retryNowSkipsTheWait() {
        startAndGoLive(0);
        serverCloses(1013);
        service.retryNow();
        clock.runDue();
        assertThat(transport.sockets).hasSize(2);
    }

    @Test
    void checkInIsAnsweredByTheServersReplyNotBySending() {
        startAndGoLive(0);
        CompletableFuture<ScanOutcome> f = service.checkIn("M0001", "Front desk", null);
        clock.runDue();
        var sent = transport.last().sentOfType("check_in");
        assertThat(sent).hasSize(1);
        assertThat(f).isNotDone();
        String id = sent.getFirst().path("id").asText();
        assertThat(sent.getFirst().path("payload").path("clientRequestId").asText()).isEqualTo(id);
        assertThat(sent.getFirst().path("payload").path("occurredAt").asText()).isEqualTo(T0.toString());
        transport.last().receive(FrameCodec.encode(Frame.of(MessageType.CHECK_IN_SUCCESS, id, null, clock.now(),
                new CommandResult(id, null, new Stats(1, 1, 0), false))));
        clock.runDue();
        assertThat(f).isCompletedWithValueMatching(o -> o instanceof ScanOutcome.Confirmed);
        assertThat(service.snapshot().pendingCount()).isZero();
    }

    @Test
    void aRefusedScanIsReportedWithTheServersCode() throws Exception {
        startAndGoLive(0);
        CompletableFuture<ScanOutcome> f = service.checkIn("M0049", "Front desk", null);
        clock.runDue();
        String id = transport.last().sentOfType("check_in").getFirst().path("id").asText();
        transport.last().receive(FrameCodec.encode(Frame.of(MessageType.CHECK_IN_ERROR, id, null, clock.now(),
                new ErrorPayload("MEMBERSHIP_EXPIRED", "Membership expired on 10 Oct 2026", false, id, Map.of("expiredOn", "2026-10-10")))));
        clock.runDue();
        assertThat(f.get()).isInstanceOfSatisfying(ScanOutcome.Rejected.class,
                r -> assertThat(r.error().code()).isEqualTo("MEMBERSHIP_EXPIRED"));
        assertThat(queue.all()).isEmpty();
    }

    @Test
    void unansweredScanIsQueuedAfterTimeoutAndSentAgainAfterReconnect() throws Exception {
        startAndGoLive(0);
        CompletableFuture<ScanOutcome> f = service.checkIn("M0001", "Front desk", null);
        clock.advance(Duration.ofMillis(4_999));
        assertThat(f).isNotDone();
        clock.advance(Duration.ofMillis(1));
        assertThat(f).isCompletedWithValueMatching(o -> o instanceof ScanOutcome.Queued);
        assertThat(queue.all()).hasSize(1);
        String id = queue.all().getFirst().clientRequestId();

        serverCloses(1006);
        clock.advance(Duration.between(clock.now(), service.snapshot().nextRetryAt()));
        hello(0);
        var resent = transport.last().sentOfType("check_in");
        assertThat(resent).hasSize(1);
        assertThat(resent.getFirst().path("id").asText()).as("same clientRequestId: the server dedups").isEqualTo(id);
        transport.last().receive(FrameCodec.encode(Frame.of(MessageType.CHECK_IN_SUCCESS, id, null, clock.now(),
                new CommandResult(id, null, null, true))));
        clock.runDue();
        assertThat(results).singleElement().isInstanceOf(ScanOutcome.Confirmed.class);
        assertThat(queue.all()).isEmpty();
    }

    @Test
    void scansWhileDisconnectedAreQueuedOnDiskAtOnceAndSentInOrder() throws Exception {
        startAndGoLive(0);
        serverCloses(1006);
        CompletableFuture<ScanOutcome> a = service.checkIn("M0001", "Front desk", null);
        clock.advance(Duration.ofMillis(10));
        CompletableFuture<ScanOutcome> b = service.checkIn("M0002", "Front desk", null);
        clock.runDue();
        assertThat(a).isCompletedWithValueMatching(o -> o instanceof ScanOutcome.Queued);
        assertThat(b).isCompletedWithValueMatching(o -> o instanceof ScanOutcome.Queued);
        assertThat(queue.all()).extracting(q -> q.checkIn().membershipNumber()).containsExactly("M0001", "M0002");
        assertThat(service.snapshot().pendingCount()).isEqualTo(2);

        clock.advance(Duration.between(clock.now(), service.snapshot().nextRetryAt()));
        hello(0);
        assertThat(transport.last().sentOfType("check_in")).extracting(n -> n.path("payload").path("membershipNumber").asText())
                .containsExactly("M0001", "M0002");
        assertThat(transport.last().sentOfType("check_in").get(1).path("payload").path("occurredAt").asText())
                .as("original scan time kept").isEqualTo(T0.plusMillis(10).toString());
    }

    @Test
    void reconnectResumesFromTheLastSeq() {
        startAndGoLive(4);
        transport.last().receive(FrameCodec.encode(new Frame("stats_update", null, 5L, clock.now(),
                com.avgym.protocol.Json.MAPPER.valueToTree(new Stats(1, 1, 0)))));
        clock.runDue();
        serverCloses(1006);
        clock.advance(Duration.between(clock.now(), service.snapshot().nextRetryAt()));
        hello(9);
        var resume = transport.last().sentOfType("resume");
        assertThat(resume).singleElement().satisfies(r -> assertThat(r.path("payload").path("lastSeq").asLong()).isEqualTo(5));
    }

    @Test
    void aSeqGapOutsideResumeRefetchesByRest() {
        startAndGoLive(4);
        int before = resyncs.size();
        transport.last().receive(FrameCodec.encode(new Frame("stats_update", null, 7L, clock.now(),
                com.avgym.protocol.Json.MAPPER.valueToTree(new Stats(1, 1, 0)))));
        clock.runDue();
        assertThat(resyncs).hasSize(before + 1);
        assertThat(service.snapshot().lastSeq()).isEqualTo(7);
    }

    @Test
    void resyncRequiredRefetchesByRest() {
        startAndGoLive(4);
        int before = resyncs.size();
        transport.last().receive(FrameCodec.encode(Frame.of(MessageType.RESYNC_REQUIRED, "x", null, clock.now(),
                new com.avgym.protocol.message.ResyncRequired(4, 100, 200))));
        clock.runDue();
        assertThat(resyncs).hasSize(before + 1);
        assertThat(service.snapshot().lastSeq()).isEqualTo(200);
    }

    @Test
    void backupPollingAppliesTheSameEventsInOrder() {
        startAndGoLive(10);
        List<Long> statsSeen = new ArrayList<>();
        service.addListener(new ClientListener() {
            @Override
            public void onStats(Stats stats) {
                statsSeen.add(stats.todayTotal());
            }
        });
        api.events = () -> new EventPage(List.of(
                new com.avgym.protocol.message.Event(11, "stats_update", clock.now(),
                        com.avgym.protocol.Json.MAPPER.valueToTree(new Stats(1, 11, 0))),
                new com.avgym.protocol.message.Event(12, "stats_update", clock.now(),
                        com.avgym.protocol.Json.MAPPER.valueToTree(new Stats(1, 12, 0)))), 12, 1, false);
        serverCloses(1013);
        clock.advance(Duration.ofSeconds(15));
        assertThat(state()).isEqualTo(BACKUP);
        assertThat(service.snapshot().lastSeq()).isEqualTo(12);
        assertThat(statsSeen).containsSubsequence(11L, 12L);
    }

    @Test
    void tokenIsRefreshedBeforeItExpiresAndSentInBand() {
        service.start(token(Duration.ofSeconds(100)), "r");
        clock.runDue();
        transport.last().receive(FrameCodec.encode(Frame.of(MessageType.HELLO, null, null, clock.now(),
                new Hello(1, "c", clock.now(), 60_000, clock.now().plusSeconds(100), 0))));
        clock.runDue();
        clock.advance(Duration.ofSeconds(79));
        assertThat(api.refreshCalls).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(api.refreshCalls).isEqualTo(1);
        assertThat(transport.last().sentOfType("auth_refresh")).hasSize(1);
        assertThat(state()).isEqualTo(LIVE);
    }

    @Test
    void aScanTheServerWouldRefuseIsRejectedAtOnceAndNotQueued() throws Exception {
        startAndGoLive(0);
        CompletableFuture<ScanOutcome> f = service.checkIn("M0001", " ", null);
        assertThat(f).isCompletedWithValueMatching(o -> o instanceof ScanOutcome.Rejected r
                && r.error().code().equals("INVALID_MESSAGE"));
        clock.runDue();
        assertThat(queue.all()).isEmpty();
        assertThat(transport.last().sentOfType("check_in")).isEmpty();
    }

    @Test
    void snapshotsNeverClaimLiveWithoutHello() {
        service.start(token(Duration.ofMinutes(5)), "r");
        clock.runDue();
        serverCloses(-1);
        clock.advance(Duration.ofSeconds(30));
        assertThat(snapshots).extracting(ConnectionSnapshot::state).doesNotContain(LIVE);
    }
}
