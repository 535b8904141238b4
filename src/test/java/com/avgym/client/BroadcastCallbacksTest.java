package com.avgym.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.avgym.client.fake.FakeApi;
import com.avgym.client.fake.FakeScheduler;
import com.avgym.client.fake.FakeTransport;
import com.avgym.protocol.Frame;
import com.avgym.protocol.FrameCodec;
import com.avgym.protocol.Json;
import com.avgym.protocol.MessageType;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.Hello;
import com.avgym.protocol.message.MemberUpdated;
import com.avgym.protocol.message.ReviewsChanged;
import com.avgym.protocol.message.Stats;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** member_updated and reviews_changed reach the listeners, and leave the event sequence (lastSeq, gaps) alone. */
class BroadcastCallbacksTest {
    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");

    @TempDir
    Path dir;
    private final FakeScheduler clock = new FakeScheduler(T0);
    private final FakeTransport transport = new FakeTransport();
    private final FakeApi api = new FakeApi();
    private final List<Long> rosterVersions = new ArrayList<>();
    private final List<Long> openReviews = new ArrayList<>();
    private final List<String> resyncs = new ArrayList<>();
    private final List<Stats> stats = new ArrayList<>();
    private OfflineQueue queue;
    private ConnectionService service;

    @BeforeEach
    void setUp() throws Exception {
        queue = new OfflineQueue(dir.resolve("queue.db"));
        ClientConfig config = ClientConfig.defaults(URI.create("http://127.0.0.1:9"), dir.resolve("queue.db"));
        service = new ConnectionService(config, clock, transport, api, queue, Runnable::run, Runnable::run,
                new Backoff(config.backoffBase(), config.backoffCap(), () -> 0.5));
        service.addListener(new ClientListener() {
            @Override
            public void rosterChanged(long version) {
                rosterVersions.add(version);
            }

            @Override
            public void reviewsChanged(long openCount) {
                openReviews.add(openCount);
            }

            @Override
            public void onResync(Stats s, List<CheckInView> recent) {
                resyncs.add("resync");
            }

            @Override
            public void onStats(Stats s) {
                stats.add(s);
            }
        });
        String access = JWT.create().withSubject("u").withExpiresAt(T0.plus(Duration.ofMinutes(5)))
                .sign(Algorithm.HMAC256("test"));
        service.start(access, "refresh-0");
        clock.runDue();
        receive(Frame.of(MessageType.HELLO, null, null, T0, new Hello(1, "c", T0, 1000, T0.plusSeconds(300), 5)));
        receive(Frame.of(MessageType.INITIAL_STATS, null, 5L, T0, new Stats(0, 0, 0)));
    }

    @AfterEach
    void tearDown() throws Exception {
        queue.close();
    }

    private void receive(Frame frame) {
        transport.last().receive(FrameCodec.encode(frame));
        clock.runDue();
    }

    @Test
    void memberUpdatedAndReviewsChangedReachTheListeners() {
        receive(Frame.of(MessageType.MEMBER_UPDATED, null, null, T0, new MemberUpdated(42)));
        receive(Frame.of(MessageType.REVIEWS_CHANGED, null, null, T0, new ReviewsChanged(3)));

        assertThat(rosterVersions).containsExactly(42L);
        assertThat(openReviews).containsExactly(3L);
    }

    @Test
    void broadcastsWithoutSeqLeaveTheEventSequenceAlone() {
        int callsBefore = api.calls.size();
        int resyncsBefore = resyncs.size();

        receive(Frame.of(MessageType.MEMBER_UPDATED, null, null, T0, new MemberUpdated(7)));
        receive(Frame.of(MessageType.REVIEWS_CHANGED, null, null, T0, new ReviewsChanged(0)));

        assertThat(service.snapshot().lastSeq()).isEqualTo(5);
        assertThat(api.calls.subList(callsBefore, api.calls.size())).as("no refetch, no poll").isEmpty();
        assertThat(resyncs).hasSize(resyncsBefore);
        // The next event (seq 6) is applied in order: no gap was opened or skipped by the broadcasts.
        receive(Frame.of(MessageType.STATS_UPDATE, null, 6L, T0, new Stats(1, 1, 0)));
        assertThat(service.snapshot().lastSeq()).isEqualTo(6);
        assertThat(stats).last().isEqualTo(new Stats(1, 1, 0));
        assertThat(transport.last().sentOfType("resume")).isEmpty();
    }

    @Test
    void theFiguresRidingInAVisitEventReachTheStatsListeners() {
        com.fasterxml.jackson.databind.node.ObjectNode payload = Json.MAPPER.valueToTree(new CheckInView("v1", "m1", "M0001",
                "Ann", T0, null, "Front desk", null, false, null, null));
        payload.set("stats", Json.MAPPER.valueToTree(new Stats(3, 9, 12.5)));
        transport.last().receive(FrameCodec.encode(new Frame("member_checked_in", null, 6L, T0, payload)));
        clock.runDue();

        assertThat(service.snapshot().lastSeq()).isEqualTo(6);
        assertThat(stats).last().isEqualTo(new Stats(3, 9, 12.5));
    }

    @Test
    void anUnreadablePayloadIsIgnoredAndTheSocketStaysLive() {
        transport.last().receive(FrameCodec.encode(new Frame("member_updated", null, null, T0,
                Json.parse("{\"version\":\"not a number\"}"))));
        clock.runDue();
        receive(Frame.of(MessageType.MEMBER_UPDATED, null, null, T0, new MemberUpdated(8)));

        assertThat(rosterVersions).containsExactly(8L);
        assertThat(service.snapshot().state()).isEqualTo(ConnectionState.LIVE);
    }

    @Test
    void theRosterHookHearsOfTheNewVersionBeforeTheListeners() {
        ServiceContext c = new ServiceContext(ClientConfig.defaults(URI.create("http://127.0.0.1:9"), dir.resolve("q.db")),
                clock, api, Runnable::run, Runnable::run);
        List<String> order = new ArrayList<>();
        c.listeners.add(new ClientListener() {
            @Override
            public void rosterChanged(long version) {
                order.add("listener " + version);
            }
        });
        Broadcasts broadcasts = new Broadcasts(c);
        broadcasts.onRosterChanged(v -> order.add("hook " + v));

        broadcasts.memberUpdated(Frame.of(MessageType.MEMBER_UPDATED, null, null, T0, new MemberUpdated(11)));

        assertThat(order).containsExactly("hook 11", "listener 11");
    }
}
