package com.avgym.client;

import static com.avgym.client.ConnectionState.AUTH_REQUIRED;
import static com.avgym.client.ConnectionState.BACKUP;
import static com.avgym.client.ConnectionState.LIVE;
import static com.avgym.client.ConnectionState.OFFLINE;
import static com.avgym.client.ConnectionState.RECONNECTING;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.avgym.client.fake.FakeApi;
import com.avgym.client.fake.FakeScheduler;
import com.avgym.client.fake.FakeTransport;
import com.avgym.client.fake.HeldExecutor;
import com.avgym.protocol.Frame;
import com.avgym.protocol.FrameCodec;
import com.avgym.protocol.MessageType;
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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outages on a fake clock: what the state claims while nothing answers, how soon the socket is tried again
 * once REST answers, and that nothing leaves the client after the session ended (issue 10, item 6).
 */
class ConnectionOutageTest {
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private static final Duration POLL = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private final FakeScheduler clock = new FakeScheduler(T0);
    private final FakeTransport transport = new FakeTransport();
    private final FakeApi api = new FakeApi();
    /** The REST thread: holding it is a server that accepts connections and never answers. */
    private final HeldExecutor net = new HeldExecutor();
    private final List<ConnectionSnapshot> snapshots = new ArrayList<>();
    private OfflineQueue queue;
    private ConnectionService service;
    private int tokenCounter;

    @BeforeEach
    void setUp() throws Exception {
        queue = new OfflineQueue(dir.resolve("queue.db"));
        ClientConfig config = ClientConfig.defaults(URI.create("http://127.0.0.1:9"), dir.resolve("queue.db"));
        // random 0.5: full-jitter delays are exactly half their ceiling, so times are predictable.
        service = new ConnectionService(config, clock, transport, api, queue, Runnable::run, net,
                new Backoff(config.backoffBase(), config.backoffCap(), () -> 0.5));
        service.addListener(new ClientListener() {
            @Override
            public void onSnapshot(ConnectionSnapshot s) {
                snapshots.add(s);
            }
        });
        api.refresh = () -> new TokenPair(token(), "refresh-" + (++tokenCounter), null);
        clock.runDue();
    }

    @AfterEach
    void tearDown() throws Exception {
        queue.close();
    }

    private String token() {
        return JWT.create().withSubject("u").withJWTId("j" + (++tokenCounter))
                .withExpiresAt(clock.now().plus(Duration.ofMinutes(5))).sign(Algorithm.HMAC256("test"));
    }

    private void startAndGoLive() {
        service.start(token(), "refresh-0");
        clock.runDue();
        hello();
    }

    private void hello() {
        transport.last().receive(FrameCodec.encode(Frame.of(MessageType.HELLO, null, null, clock.now(),
                new Hello(1, "c", clock.now(), 60_000, clock.now().plusSeconds(300), 0))));
        transport.last().receive(FrameCodec.encode(Frame.of(MessageType.INITIAL_STATS, null, 0L, clock.now(),
                new Stats(0, 0, 0))));
        clock.runDue();
    }

    private void socketFails() {
        transport.last().serverClose(-1, "Connection refused");
        clock.runDue();
    }

    /** Waits for the scheduled socket attempt and lets it fail. */
    private void nextAttemptFails() {
        clock.advance(Duration.between(clock.now(), service.snapshot().nextRetryAt()));
        socketFails();
    }

    private ConnectionState state() {
        return service.snapshot().state();
    }

    private static IOException refused() {
        return new IOException("Connection refused");
    }

    @Test
    void aSecondOutageWhereNothingAnswersIsNeverBackupAndScansAreQueuedAtOnce() {
        startAndGoLive();
        // First outage: sockets refused, REST answers -> BACKUP (REST is known to work then).
        socketFails();
        nextAttemptFails();
        nextAttemptFails();
        while (state() != BACKUP) {
            nextAttemptFails();
        }
        if (service.snapshot().nextRetryAt() != null) {
            clock.advance(Duration.between(clock.now(), service.snapshot().nextRetryAt()));
        }
        hello();
        assertThat(state()).isEqualTo(LIVE);

        // Second outage: nothing answers at all, REST included.
        net.hold(true);
        int mark = snapshots.size();
        socketFails();
        nextAttemptFails();
        nextAttemptFails();
        assertThat(service.snapshot().attempt()).as("long enough down for polling").isGreaterThanOrEqualTo(3);
        assertThat(net.heldCount()).as("a poll is on its way, unanswered").isPositive();
        assertThat(state()).isEqualTo(RECONNECTING);
        CompletableFuture<ScanOutcome> scan = service.checkIn("M0001", "Front desk", null);
        clock.runDue();
        assertThat(scan).as("queued at once, not after the command timeout")
                .isCompletedWithValueMatching(o -> o instanceof ScanOutcome.Queued);

        // The poll finally fails (HTTP timeout): OFFLINE, never BACKUP.
        api.stats = () -> {
            throw refused();
        };
        net.hold(false);
        net.release();
        clock.runDue();
        assertThat(state()).isEqualTo(OFFLINE);
        assertThat(snapshots.subList(mark, snapshots.size())).extracting(ConnectionSnapshot::state)
                .as("no BACKUP while no REST call had succeeded").doesNotContain(BACKUP);
    }

    @Test
    void aSuccessfulPollWhileTheSocketIsDownTriesTheSocketAtOnce() {
        startAndGoLive();
        api.stats = () -> {
            throw refused();
        };
        socketFails();
        while (state() != OFFLINE || Duration.between(clock.now(), service.snapshot().nextRetryAt()).compareTo(POLL.plusSeconds(1)) <= 0) {
            nextAttemptFails();
        }
        Instant slot = service.snapshot().nextRetryAt();
        int sockets = transport.sockets.size();

        // The server is back: the next poll answers.
        api.stats = () -> new Stats(0, 0, 0);
        clock.advance(POLL);
        assertThat(clock.now()).isBefore(slot);
        assertThat(transport.sockets).as("a socket attempt right after the poll answered").hasSize(sockets + 1);
        hello();
        assertThat(state()).isEqualTo(LIVE);
        clock.advance(Duration.between(clock.now(), slot).plusSeconds(1));
        assertThat(transport.sockets).as("the old backoff timer was cancelled").hasSize(sockets + 1);
        assertThat(state()).isEqualTo(LIVE);
    }

    @Test
    void pollsThatKeepAnsweringDoNotBypassTheBackoff() {
        startAndGoLive();
        // Sockets refused (a proxy that breaks WebSockets) while REST answers every poll.
        socketFails();
        while (state() != BACKUP) {
            nextAttemptFails();
        }
        // The first answering poll may try once (REST just came back); let that attempt fail too.
        if (!transport.last().aborted) {
            socketFails();
        }
        while (Duration.between(clock.now(), service.snapshot().nextRetryAt()).compareTo(POLL.plusSeconds(1)) <= 0) {
            nextAttemptFails();
        }
        assertThat(state()).isEqualTo(BACKUP);
        int sockets = transport.sockets.size();
        int polls = api.statsCalls;
        clock.advance(POLL.plusMillis(500));
        assertThat(api.statsCalls).as("polled meanwhile").isGreaterThan(polls);
        assertThat(transport.sockets).as("no socket attempt per answered poll").hasSize(sockets);
    }

    @Test
    void overloadWaitIsKeptEvenWhenAPollAnswers() {
        startAndGoLive();
        transport.last().serverClose(4429, "");
        clock.runDue();
        assertThat(service.snapshot().nextRetryAt()).isEqualTo(T0.plusSeconds(30));
        clock.advance(Duration.ofSeconds(29));
        assertThat(state()).isEqualTo(BACKUP);
        assertThat(api.statsCalls).isPositive();
        assertThat(transport.sockets).as("the server asked for 30 s").hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(transport.sockets).hasSize(2);
    }

    @Test
    void noRestCallLeavesTheClientAfterAuthRequired() {
        // The first refetch fails, so a retry timer is pending when the session ends.
        api.recent = () -> {
            throw refused();
        };
        startAndGoLive();
        assertThat(api.calls).contains("recent");
        transport.last().serverClose(4403, "deactivated");
        clock.runDue();
        assertThat(state()).isEqualTo(AUTH_REQUIRED);
        int mark = api.calls.size();
        api.recent = () -> new com.avgym.protocol.message.Page<>(List.of(), 0, 1, 50);

        clock.advance(Duration.ofMinutes(10));
        Queries lookups = service.queries();
        CompletableFuture<?> member = lookups.member("M0001");
        clock.runDue();
        assertThat(member).isCompletedExceptionally();
        assertThat(api.calls.subList(mark, api.calls.size())).as("calls after AUTH_REQUIRED").isEmpty();
    }

    @Test
    void aLookupAfterAuthRequiredSaysSignInAgain() {
        startAndGoLive();
        transport.last().serverClose(4403, "deactivated");
        clock.runDue();
        CompletableFuture<?> member = service.queries().member("M0001");
        clock.runDue();
        assertThat(member).failsWithin(Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void aRefreshQueuedBeforeTheSessionEndedStaysHome() {
        startAndGoLive();
        // The REST thread is busy: the proactive refresh (a fifth of 5 min before expiry) waits behind it.
        net.hold(true);
        clock.advance(Duration.ofMinutes(4));
        assertThat(net.heldCount()).isPositive();
        transport.last().serverClose(4403, "deactivated");
        clock.runDue();
        assertThat(state()).isEqualTo(AUTH_REQUIRED);
        int mark = api.calls.size();
        net.hold(false);
        net.release();
        clock.advance(Duration.ofMinutes(5));
        assertThat(api.calls.subList(mark, api.calls.size())).as("calls after AUTH_REQUIRED").isEmpty();
        assertThat(state()).isEqualTo(AUTH_REQUIRED);
        assertThat(service.snapshot().nextRetryAt()).as("nothing scheduled").isNull();
    }
}
