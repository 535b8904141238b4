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
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.Hello;
import com.avgym.protocol.message.ResyncRequired;
import com.avgym.protocol.message.Stats;
import com.avgym.protocol.message.TokenPair;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kiosk ({@code liveData=false}) reads nothing its device account may not read: no stats, history or events, no
 * resume, no refetch. Its BACKUP probes /api/health only, and still drains the queue by REST.
 */
class KioskProfileTest {
    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    /** The calls a kiosk account may make; every other read route answers it 403. */
    private static final Set<String> KIOSK_CALLS = Set.of("health", "checkIn", "checkOut", "refresh", "login", "logout", "roster");

    @TempDir
    Path dir;
    private final FakeScheduler clock = new FakeScheduler(T0);
    private final FakeTransport transport = new FakeTransport();
    private final FakeApi api = new FakeApi();
    private OfflineQueue queue;
    private ConnectionService service;
    private int tokens;

    @BeforeEach
    void setUp() throws Exception {
        queue = new OfflineQueue(dir.resolve("queue.db"));
        ClientConfig config = ClientConfig.defaults(URI.create("http://127.0.0.1:9"), dir.resolve("queue.db"))
                .withLiveData(false);
        service = new ConnectionService(config, clock, transport, api, queue, Runnable::run, Runnable::run,
                new Backoff(config.backoffBase(), config.backoffCap(), () -> 0.5));
        api.refresh = () -> new TokenPair(token(), "refresh-" + (++tokens), null);
        api.checkIn = () -> new CommandResult(api.restCheckIns.getLast().clientRequestId(), null, null, false);
        clock.runDue();
    }

    @AfterEach
    void tearDown() throws Exception {
        queue.close();
    }

    private String token() {
        return JWT.create().withSubject("kiosk").withJWTId("k" + (++tokens)).withExpiresAt(clock.now().plus(Duration.ofMinutes(5)))
                .sign(Algorithm.HMAC256("test"));
    }

    private void goLive(long serverSeq) {
        receive(Frame.of(MessageType.HELLO, null, null, clock.now(),
                new Hello(1, "c", clock.now(), 1000, clock.now().plusSeconds(300), serverSeq)));
        receive(Frame.of(MessageType.INITIAL_STATS, null, serverSeq, clock.now(), new Stats(0, 0, 0)));
    }

    private void receive(Frame frame) {
        transport.last().receive(FrameCodec.encode(frame));
        clock.runDue();
    }

    /** The socket fails until BACKUP (3 attempts). */
    private void loseSocketUntilBackup() {
        transport.last().serverClose(1006, "");
        clock.runDue();
        while (service.snapshot().state() == ConnectionState.RECONNECTING) {
            clock.advance(Duration.between(clock.now(), service.snapshot().nextRetryAt()));
            transport.last().serverClose(-1, "");
            clock.runDue();
        }
    }

    private void assertOnlyKioskCalls() {
        assertThat(api.calls).as("no read route a kiosk is refused").allMatch(KIOSK_CALLS::contains);
    }

    @Test
    void liveKioskReadsNothingAndNeverResumes() {
        service.start(token(), "refresh-0");
        clock.runDue();
        goLive(5);
        assertThat(service.snapshot().state()).isEqualTo(ConnectionState.LIVE);

        // A gap and a resync_required would make a desk refetch; the kiosk keeps no sequence.
        receive(Frame.of(MessageType.STATS_UPDATE, null, 9L, clock.now(), new Stats(1, 1, 0)));
        receive(Frame.of(MessageType.RESYNC_REQUIRED, null, null, clock.now(), new ResyncRequired(5, 10, 12)));
        transport.last().serverClose(1006, "");
        clock.advance(Duration.ofSeconds(1));
        goLive(12);

        assertThat(service.snapshot().state()).isEqualTo(ConnectionState.LIVE);
        assertThat(transport.sockets).hasSize(2);
        assertThat(transport.sockets).allSatisfy(s -> assertThat(s.sentOfType("resume")).isEmpty());
        assertThat(api.calls).isEmpty();
    }

    @Test
    void backupProbesHealthOnlyAndStillDrainsTheQueueByRest() {
        service.start(token(), "refresh-0");
        clock.runDue();
        goLive(5);
        loseSocketUntilBackup();
        assertThat(service.snapshot().state()).isEqualTo(ConnectionState.BACKUP);
        assertThat(api.calls).contains("health");

        CompletableFuture<ScanOutcome> scan = service.checkIn("M0001", "kiosk", null);
        clock.runDue();

        assertThat(scan).isCompletedWithValueMatching(o -> o instanceof ScanOutcome.Confirmed);
        assertThat(api.restCheckIns).extracting(c -> c.membershipNumber()).containsExactly("M0001");
        assertThat(service.snapshot().pendingCount()).isZero();
        clock.advance(Duration.ofSeconds(30));
        assertOnlyKioskCalls();
        assertThat(api.calls.stream().filter("health"::equals).count()).as("probes every poll interval").isGreaterThan(3);
    }

    @Test
    void aFailingHealthProbeMeansOfflineAndScansWaitUntilItAnswersAgain() {
        service.start(token(), "refresh-0");
        clock.runDue();
        goLive(5);
        api.health = () -> {
            throw new IOException("Connection refused");
        };
        loseSocketUntilBackup();
        clock.advance(Duration.ofSeconds(5));
        assertThat(service.snapshot().state()).isEqualTo(ConnectionState.OFFLINE);

        CompletableFuture<ScanOutcome> scan = service.checkIn("M0002", "kiosk", null);
        clock.runDue();
        assertThat(scan).isCompletedWithValueMatching(o -> o instanceof ScanOutcome.Queued);
        assertThat(api.restCheckIns).isEmpty();

        api.health = () -> null;
        clock.advance(Duration.ofSeconds(5));
        assertThat(service.snapshot().state()).isIn(ConnectionState.BACKUP, ConnectionState.CONNECTING,
                ConnectionState.RECONNECTING);
        clock.advance(Duration.ofSeconds(5));
        assertThat(api.restCheckIns).extracting(c -> c.membershipNumber()).containsExactly("M0002");
        assertOnlyKioskCalls();
    }

    @Test
    void anExpiredTokenOnTheRestDrainIsRefreshedAndTheScanGoesOnTheNextProbe() {
        service.start(token(), "refresh-0");
        clock.runDue();
        goLive(5);
        loseSocketUntilBackup();
        int[] refusals = {1};
        api.checkIn = () -> {
            if (refusals[0]-- > 0) {
                throw new ApiException(401, "TOKEN_EXPIRED", "expired", null, "{}");
            }
            return new CommandResult(api.restCheckIns.getLast().clientRequestId(), null, null, false);
        };
        CompletableFuture<ScanOutcome> scan = service.checkIn("M0003", "kiosk", null);
        clock.runDue();
        assertThat(api.refreshCalls).isEqualTo(1);

        clock.advance(Duration.ofSeconds(5));
        assertThat(scan).isCompletedWithValueMatching(o -> !(o instanceof ScanOutcome.Rejected));
        assertThat(api.restCheckIns).hasSize(2);
        assertThat(service.snapshot().pendingCount()).isZero();
        assertThat(List.copyOf(api.calls)).doesNotContain("stats", "events", "recent");
    }
}
