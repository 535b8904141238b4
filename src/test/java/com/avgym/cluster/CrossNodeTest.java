package com.avgym.cluster;

import static com.avgym.client.support.ClientFixture.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.avgym.client.ClientListener;
import com.avgym.client.ConnectionService;
import com.avgym.client.ConnectionState;
import com.avgym.cluster.support.Cluster;
import com.avgym.cluster.support.ClusterTest;
import com.avgym.cluster.support.ServerNode;
import com.avgym.cluster.support.Visits;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.TokenPair;
import com.avgym.server.support.Rest;
import com.avgym.server.support.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one PostgreSQL behind HAProxy: what one node writes or revokes reaches the sockets the
 * other node holds.
 */
@ClusterTest
class CrossNodeTest {
    private static final int CHECK_INS = 20;
    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(1);

    @TempDir
    static Path tmp;
    static Cluster cluster;

    @BeforeAll
    static void start() {
        cluster = Cluster.start(tmp.resolve("cluster"), 2, List.of());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void allNodesInRotation() {
        cluster.routeToAll();
    }

    @Test
    void aCheckInThroughNodeAReachesADeskOnNodeBWithinOneSecondWithTheSameSeq() throws Exception {
        ServerNode a = cluster.node(0);
        ServerNode b = cluster.node(1);
        Map<String, Long> seenNanos = new ConcurrentHashMap<>();
        cluster.routeNewConnectionsTo(b);
        try (ConnectionService desk = ConnectionService.create(config(URI.create(cluster.haproxy().baseUrl()),
                tmp.resolve("desk-queue.db")))) {
            desk.addListener(new ClientListener() {
                @Override
                public void onVisit(CheckInView visit, boolean checkedIn) {
                    seenNanos.putIfAbsent(visit.id(), System.nanoTime());
                }
            });
            desk.signIn("desk", Cluster.PASSWORD.toCharArray()).get(30, TimeUnit.SECONDS);
            await("desk LIVE on node b").atMost(Duration.ofSeconds(30)).until(() -> desk.snapshot().state() == ConnectionState.LIVE);
            // a raw socket beside the desk, also on b, shows the envelope seq of each broadcast
            String token = Cluster.rest(a).login("admin", Cluster.PASSWORD).access();
            WsClient raw = WsClient.open(cluster.haproxy().wsUrl(), token);
            cluster.routeToAll();

            Rest restA = Cluster.rest(a);
            long before = restA.get("/api/health", null).body().path("lastSeq").asLong();
            List<Long> latenciesMs = new ArrayList<>();
            for (int i = 1; i <= CHECK_INS; i++) {
                Rest.Response r = Visits.checkIn(restA, token, UUID.randomUUID().toString(), Visits.member(i));
                long answeredAt = System.nanoTime();
                assertThat(r.status()).as("check-in %d on node a: %s", i, r.text()).isEqualTo(201);
                String id = r.body().path("checkIn").path("id").asText();
                await("visit " + i + " on the desk on node b").atMost(DELIVERY_BOUND).pollInterval(Duration.ofMillis(5))
                        .until(() -> seenNanos.containsKey(id));
                latenciesMs.add(TimeUnit.NANOSECONDS.toMillis(seenNanos.get(id) - answeredAt));

                long seq = Visits.seqOfCheckIn(Visits.eventsAfter(restA, token, before), id);
                JsonNode frame = raw.await(f -> f.path("type").asText().equals("member_checked_in")
                        && f.path("payload").path("id").asText().equals(id), DELIVERY_BOUND, "broadcast of " + id + " on b");
                assertThat(frame.path("seq").asLong()).as("seq of visit %d on node b vs the shared log", i).isEqualTo(seq);
            }
            await("desk caught up with the log").atMost(DELIVERY_BOUND).until(() ->
                    desk.snapshot().lastSeq() == restA.get("/api/health", null).body().path("lastSeq").asLong());
            raw.close();

            latenciesMs.sort(null);
            Visits.figure("cross-node delivery (REST answer on node a -> desk on node b via HAProxy), " + CHECK_INS
                    + " check-ins: p50 " + latenciesMs.get(CHECK_INS / 2) + " ms, p99 " + latenciesMs.getLast() + " ms");
        }
    }

    @Test
    void logoutOnNodeAClosesTheSessionsSocketOnNodeB() {
        ServerNode a = cluster.node(0);
        ServerNode b = cluster.node(1);
        TokenPair session = Cluster.rest(b).login("desk", Cluster.PASSWORD);
        TokenPair other = Cluster.rest(b).login("desk", Cluster.PASSWORD);
        WsClient onB = WsClient.open(b.wsUrl(), session.access());
        WsClient otherOnB = WsClient.open(b.wsUrl(), other.access());

        Rest.Response out = Cluster.rest(a).post("/api/auth/logout", session.access(), Map.of("refresh", session.refresh()));
        assertThat(out.status()).as(out.text()).isEqualTo(200);

        WsClient.Closed closed = onB.awaitClose(Duration.ofSeconds(5));
        assertThat(closed.code()).isEqualTo(4401);
        assertThat(closed.remote()).isTrue();
        // the same user's other session on b is not affected
        assertThat(otherOnB.isClosedNow()).isFalse();
        assertThat(otherOnB.sendFrame("heartbeat", Map.of())).isNotBlank();
        otherOnB.awaitType("heartbeat_ack", Duration.ofSeconds(5));
        otherOnB.close();
    }
}
