package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.avgym.server.cluster.SocketLeases;
import com.avgym.server.support.MutableClock;
import com.avgym.server.support.RawWsClient;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.TwoNodes;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 3: the per-user socket limit counts the user's sockets on every node (leases in the database),
 * a dead node's leases stop counting once they expire, and a live node's are renewed.
 */
class SocketLeasesClusterTest {
    private static final int LIMIT = 3;
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final List<RawWsClient> opened = new ArrayList<>();
    private TwoNodes nodes;
    private String token;

    @BeforeEach
    void start() {
        assumeTrue(TestServer.onPostgres(), "needs PostgreSQL (-Ppostgres)");
        nodes = TwoNodes.start(c -> c.withClock(clock, ZoneOffset.UTC)
                .withSocketLimits(c.socketLimits().withConnectionLimits(LIMIT, 1000)));
        token = nodes.a.login("desk").access();
    }

    @AfterEach
    void stop() {
        opened.forEach(RawWsClient::close);
        if (nodes != null) {
            nodes.close();
        }
    }

    private RawWsClient upgrade(TestServer node) {
        RawWsClient c = RawWsClient.connect(node.wsUrl(), token, 0);
        opened.add(c);
        return c;
    }

    private long leases(String sql) throws Exception {
        try (Connection c = nodes.sql(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theLimitCountsTheUsersSocketsOnBothNodes() {
        assertThat(upgrade(nodes.a).status()).isEqualTo(101);
        RawWsClient second = upgrade(nodes.a);
        assertThat(second.status()).isEqualTo(101);
        assertThat(upgrade(nodes.b).status()).isEqualTo(101);

        RawWsClient overB = upgrade(nodes.b);
        assertThat(overB.status()).as("fourth socket, on the node holding only one").isEqualTo(429);
        assertThat(overB.responseHead()).containsIgnoringCase("Retry-After: 10");
        assertThat(upgrade(nodes.a).status()).isEqualTo(429);

        second.close();
        await("the closed socket's slot is free on the other node").atMost(Duration.ofSeconds(10))
                .until(() -> nodes.a.server().socketSlotsInUse() == 1);
        assertThat(upgrade(nodes.b).status()).isEqualTo(101);
    }

    @Test
    void simultaneousUpgradesSpreadOverBothNodesNeverExceedTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<RawWsClient>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                TestServer node = i % 2 == 0 ? nodes.a : nodes.b;
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return RawWsClient.connect(node.wsUrl(), token, 0);
                }, pool));
            }
            go.countDown();
            for (CompletableFuture<RawWsClient> f : futures) {
                opened.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(opened.stream().filter(c -> c.status() == 101).count()).isEqualTo(LIMIT);
        assertThat(opened).filteredOn(c -> c.status() != 101).allSatisfy(c -> assertThat(c.status()).isEqualTo(429));
        assertThat(nodes.a.server().socketSlotsInUse() + nodes.b.server().socketSlotsInUse()).isEqualTo(LIMIT);
    }

    @Test
    void aDeadNodesLeasesStopCountingOnceTheyExpire() throws Exception {
        long now = clock.millis();
        try (Connection c = nodes.sql(); var ps = c.prepareStatement(
                "INSERT INTO socket_leases (id, node_id, user_id, expires_at) SELECT 'dead-' || g, 'dead-node', u.id, ? "
                        + "FROM users u, generate_series(1, ?) g WHERE u.username = 'desk'")) {
            ps.setLong(1, now + SocketLeases.TTL.toMillis());
            ps.setInt(2, LIMIT);
            assertThat(ps.executeUpdate()).isEqualTo(LIMIT);
        }
        assertThat(upgrade(nodes.b).status()).as("the dead node's leases still count").isEqualTo(429);

        clock.advance(SocketLeases.TTL);
        assertThat(upgrade(nodes.b).status()).as("expired").isEqualTo(101);
        assertThat(leases("SELECT COUNT(*) FROM socket_leases WHERE node_id = 'dead-node'")).isZero();
    }

    @Test
    void aLiveNodeRenewsItsLeasesSoTheyKeepCounting() throws Exception {
        assertThat(upgrade(nodes.a).status()).isEqualTo(101);
        long first = leases("SELECT MAX(expires_at) FROM socket_leases");
        for (int i = 0; i < 3; i++) {
            clock.advance(SocketLeases.RENEW_EVERY);
            long before = leases("SELECT MAX(expires_at) FROM socket_leases");
            await("renewed").atMost(Duration.ofSeconds(10))
                    .until(() -> leases("SELECT MAX(expires_at) FROM socket_leases") > before);
        }
        // Past the first lease's expiry: still counted, because renewed.
        assertThat(clock.millis()).isGreaterThanOrEqualTo(first);
        assertThat(leases("SELECT COUNT(*) FROM socket_leases WHERE expires_at > " + clock.millis())).isEqualTo(1);
    }
}
