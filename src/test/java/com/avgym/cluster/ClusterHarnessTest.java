package com.avgym.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.avgym.cluster.support.Cluster;
import com.avgym.cluster.support.ClusterTest;
import com.avgym.cluster.support.ServerNode;
import com.avgym.protocol.message.TokenPair;
import com.avgym.server.support.Rest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: two real nodes on one database behind HAProxy, routing, kill -9 and restart. */
@ClusterTest
class ClusterHarnessTest {
    @TempDir
    static Path tmp;
    static Cluster cluster;

    @BeforeAll
    static void start() {
        cluster = Cluster.start(tmp.resolve("cluster"), 2, List.of("--heartbeat-interval", "1"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aTokenIssuedByOneNodeIsAcceptedByTheOtherAndByTheBalancer() {
        ServerNode a = cluster.node(0);
        ServerNode b = cluster.node(1);
        TokenPair tokens = Cluster.rest(a).login("admin", Cluster.PASSWORD);

        assertThat(Cluster.rest(b).get("/api/checkins/stats", tokens.access()).status()).isEqualTo(200);
        assertThat(cluster.rest().get("/api/checkins/stats", tokens.access()).status()).isEqualTo(200);
        assertThat(cluster.rest().get("/api/health", null).body().path("status").asText()).isEqualTo("ok");
    }

    @Test
    void maintenanceRoutesNewConnectionsToTheOtherNode() {
        ServerNode b = cluster.node(1);
        cluster.routeNewConnectionsTo(b);
        try {
            assertThat(cluster.haproxy().status(cluster.node(0))).startsWith("MAINT");
            for (int i = 0; i < 4; i++) {
                assertThat(cluster.rest().get("/api/health", null).status()).isEqualTo(200);
            }
            assertThat(cluster.haproxy().command("show stat")).contains("nodes,b,");
        } finally {
            cluster.routeToAll();
        }
    }

    @Test
    void aKilledNodeLeavesThePoolAndComesBackOnItsPortWhenRestarted() {
        ServerNode a = cluster.node(0);
        int port = a.port();
        a.kill();
        assertThat(a.isAlive()).isFalse();
        cluster.haproxy().awaitStatus(a, "DOWN");
        // the balancer keeps answering from the survivor
        Rest viaBalancer = cluster.rest();
        for (int i = 0; i < 4; i++) {
            assertThat(viaBalancer.get("/api/health", null).status()).isEqualTo(200);
        }

        a.start();
        assertThat(a.port()).isEqualTo(port);
        cluster.haproxy().awaitStatus(a, "UP");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Cluster.rest(a).get("/api/health", null).status()).isEqualTo(200));
    }
}
