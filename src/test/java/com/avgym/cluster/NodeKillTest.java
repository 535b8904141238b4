package com.avgym.cluster;

import static com.avgym.client.support.ClientFixture.BACKOFF_CAP;
import static com.avgym.client.support.ClientFixture.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.avgym.client.ClientListener;
import com.avgym.client.ConnectionService;
import com.avgym.client.ConnectionState;
import com.avgym.client.support.ClientRecorder;
import com.avgym.cluster.support.Cluster;
import com.avgym.cluster.support.ClusterTest;
import com.avgym.cluster.support.ServerNode;
import com.avgym.cluster.support.Visits;
import com.avgym.protocol.message.CheckInView;
import com.avgym.server.support.Rest;
import com.avgym.server.support.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of the node that holds a desk: the desk moves to the other node and misses nothing (the log is shared). */
@ClusterTest
class NodeKillTest {
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
    void restartKilledNodes() {
        for (ServerNode n : cluster.nodes()) {
            if (!n.isAlive()) {
                n.start();
            }
        }
        cluster.routeToAll();
    }

    @Test
    void theDeskIsLiveOnTheOtherNodeWithinItsBackoffPlusOneSecondAndSeesEveryVisitOnce() throws Exception {
        ServerNode a = cluster.node(0);
        ServerNode b = cluster.node(1);
        Rest restA = Cluster.rest(a);
        String token = restA.login("admin", Cluster.PASSWORD).access();
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        ClientRecorder rec = new ClientRecorder();
        cluster.routeNewConnectionsTo(b);
        try (ConnectionService desk = ConnectionService.create(config(URI.create(cluster.haproxy().baseUrl()),
                tmp.resolve("kill-desk.db")))) {
            desk.addListener(rec);
            desk.addListener(new ClientListener() {
                @Override
                public void onVisit(CheckInView visit, boolean checkedIn) {
                    seen.computeIfAbsent(visit.id(), k -> new AtomicInteger()).incrementAndGet();
                }
            });
            desk.signIn("desk", Cluster.PASSWORD.toCharArray()).get(30, TimeUnit.SECONDS);
            await("desk LIVE on node b").atMost(Duration.ofSeconds(30)).until(() -> desk.snapshot().state() == ConnectionState.LIVE);
            // the first connection's refetch by REST: events during it are delivered again after it (upserts by id)
            await("desk's first refetch").atMost(Duration.ofSeconds(10)).until(() -> !rec.resyncs().isEmpty());
            cluster.routeToAll();
            List<String> ids = new ArrayList<>();
            ids.add(checkIn(restA, token, 1));
            await("first visit reaches the desk on b").atMost(Duration.ofSeconds(5)).until(() -> seen.containsKey(ids.getFirst()));
            int resyncsBefore = rec.resyncs().size();
            int mark = rec.mark();

            Instant killedAt = Instant.now();
            b.kill();
            for (int i = 2; i <= 6; i++) {
                ids.add(checkIn(restA, token, i));
            }

            await("desk LIVE again").atMost(Duration.ofSeconds(30)).until(() ->
                    rec.first(mark, s -> s.state() == ConnectionState.LIVE).isPresent());
            Instant liveAt = rec.first(mark, s -> s.state() == ConnectionState.LIVE).orElseThrow().at();
            Duration outage = Duration.between(killedAt, liveAt);
            Visits.figure("kill -9 of the desk's node: LIVE on the other node after " + outage.toMillis()
                    + " ms (backoff cap " + BACKOFF_CAP.toMillis() + " ms); states " + rec.statesSince(mark));
            assertThat(outage).as("kill -9 to LIVE on node a; states %s", rec.statesSince(mark))
                    .isLessThanOrEqualTo(BACKOFF_CAP.plusSeconds(1));

            long serverLast = restA.get("/api/health", null).body().path("lastSeq").asLong();
            await("desk caught up with the shared log").atMost(Duration.ofSeconds(5))
                    .until(() -> desk.snapshot().lastSeq() == serverLast);
            assertThat(seen).as("each visit once on the desk").containsOnlyKeys(ids)
                    .allSatisfy((id, count) -> assertThat(count.get()).as(id).isEqualTo(1));
            assertThat(rec.resyncs()).as("caught up by resume, not by a resync").hasSize(resyncsBefore);
        }
    }

    @Test
    void resumeOnTheSurvivingNodeReplaysExactlyWhatTheKilledNodesSocketMissed() {
        ServerNode a = cluster.node(0);
        ServerNode b = cluster.node(1);
        Rest restA = Cluster.rest(a);
        String token = restA.login("admin", Cluster.PASSWORD).access();
        checkIn(restA, token, 10); // written by a, so b's greeting must read the shared log's head, not its own
        long head = restA.get("/api/health", null).body().path("lastSeq").asLong();
        cluster.routeNewConnectionsTo(b);
        WsClient onB = WsClient.open(cluster.haproxy().wsUrl(), token);
        long lastSeq = onB.awaitType("initial_stats", Duration.ofSeconds(5)).path("seq").asLong();
        assertThat(lastSeq).as("node b greets with the shared log's last seq").isEqualTo(head);
        cluster.routeToAll();

        b.kill();
        onB.awaitClose(Duration.ofSeconds(10));
        List<String> missed = new ArrayList<>();
        for (int i = 11; i <= 15; i++) {
            missed.add(checkIn(restA, token, i));
        }
        List<Visits.Event> log = Visits.eventsAfter(restA, token, lastSeq);

        WsClient again = WsClient.open(cluster.haproxy().wsUrl(), token);
        String resumeId = again.sendFrame("resume", Map.of("lastSeq", lastSeq));
        JsonNode resumed = again.awaitReply(resumeId, Duration.ofSeconds(10));
        assertThat(resumed.path("type").asText()).as(resumed.toString()).isEqualTo("resumed");
        List<JsonNode> replayed = again.frames().stream()
                .filter(f -> f.has("seq") && f.path("seq").asLong() > lastSeq && !f.path("type").asText().equals("initial_stats"))
                .toList();
        assertThat(replayed).extracting(f -> f.path("seq").asLong())
                .as("the replay is the shared log after the socket's last seq, in order")
                .containsExactlyElementsOf(log.stream().map(Visits.Event::seq).toList());
        assertThat(replayed).extracting(f -> f.path("type").asText())
                .containsExactlyElementsOf(log.stream().map(Visits.Event::type).toList());
        assertThat(replayed).filteredOn(f -> f.path("type").asText().equals("member_checked_in"))
                .extracting(f -> f.path("payload").path("id").asText()).containsExactlyElementsOf(missed);
        assertThat(resumed.path("payload").path("fromSeq").asLong()).isEqualTo(lastSeq + 1);
        assertThat(resumed.path("payload").path("toSeq").asLong()).isEqualTo(log.getLast().seq());
        again.close();
    }

    private static String checkIn(Rest node, String token, int member) {
        Rest.Response r = Visits.checkIn(node, token, UUID.randomUUID().toString(), Visits.member(member));
        assertThat(r.status()).as("check-in of %s: %s", Visits.member(member), r.text()).isEqualTo(201);
        return r.body().path("checkIn").path("id").asText();
    }
}
