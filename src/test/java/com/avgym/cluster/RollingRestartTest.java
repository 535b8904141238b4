package com.avgym.cluster;

import static com.avgym.client.support.ClientFixture.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.avgym.client.ConnectionService;
import com.avgym.client.ConnectionState;
import com.avgym.client.ScanOutcome;
import com.avgym.client.support.ClientRecorder;
import com.avgym.cluster.support.Cluster;
import com.avgym.cluster.support.ClusterTest;
import com.avgym.cluster.support.ServerNode;
import com.avgym.cluster.support.Visits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling restart behind HAProxy: node a gets SIGTERM (drains), comes back, then node b, while four desks keep
 * scanning. No scan is lost: each gets exactly one answer, and the server holds every confirmed check-in once.
 */
@ClusterTest
class RollingRestartTest {
    private static final int DESKS = 4;
    private static final Duration SCAN_EVERY = Duration.ofMillis(250);

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

    @Test
    void desksLoseNoScanWhileBothNodesRestartOneAfterTheOther() throws Exception {
        List<ConnectionService> desks = new ArrayList<>();
        List<ClientRecorder> recs = new ArrayList<>();
        List<AtomicInteger> issued = new ArrayList<>();
        ScheduledExecutorService scanners = Executors.newScheduledThreadPool(DESKS);
        try {
            for (int d = 0; d < DESKS; d++) {
                // half the desks start on each node, so each restart moves some of them
                cluster.routeNewConnectionsTo(cluster.node(d % 2));
                ConnectionService desk = ConnectionService.create(config(URI.create(cluster.haproxy().baseUrl()),
                        tmp.resolve("desk-" + d + ".db")));
                ClientRecorder rec = new ClientRecorder();
                desk.addListener(rec);
                desk.signIn("desk", Cluster.PASSWORD.toCharArray()).get(30, TimeUnit.SECONDS);
                desks.add(desk);
                recs.add(rec);
                issued.add(new AtomicInteger());
                await("desk " + d + " LIVE").atMost(Duration.ofSeconds(30))
                        .until(() -> desk.snapshot().state() == ConnectionState.LIVE);
            }
            cluster.routeToAll();
            List<Integer> marks = recs.stream().map(ClientRecorder::mark).toList();
            for (int d = 0; d < DESKS; d++) {
                int desk = d;
                // each desk owns 12 members: 12 check-ins, then their 12 check-outs, and again
                scanners.scheduleAtFixedRate(() -> {
                    int i = issued.get(desk).getAndIncrement();
                    String member = Visits.member(1 + desk + DESKS * (i % (Visits.ADMITTED_MEMBERS / DESKS)));
                    if ((i / (Visits.ADMITTED_MEMBERS / DESKS)) % 2 == 0) {
                        desks.get(desk).checkIn(member, "Front desk", null);
                    } else {
                        desks.get(desk).checkOut(null, member);
                    }
                }, 0, SCAN_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            }

            for (ServerNode node : cluster.nodes()) {
                int before = totalResults(recs);
                await("scans answered before " + node.name() + " restarts").atMost(Duration.ofSeconds(60))
                        .until(() -> totalResults(recs) >= before + 20);
                node.stop(); // SIGTERM: health 503, sockets closed with 1012
                node.start();
                cluster.haproxy().awaitStatus(node, "UP");
            }
            int afterRestarts = totalResults(recs);
            await("scans answered after both restarts").atMost(Duration.ofSeconds(60))
                    .until(() -> totalResults(recs) >= afterRestarts + 20);
            scanners.shutdownNow();
            assertThat(scanners.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            await("every scan answered").atMost(Duration.ofSeconds(60)).until(() ->
                    desks.stream().allMatch(d -> d.snapshot().pendingCount() == 0)
                            && totalResults(recs) == issued.stream().mapToInt(AtomicInteger::get).sum());
            long confirmedCheckIns = 0;
            for (int d = 0; d < DESKS; d++) {
                ClientRecorder rec = recs.get(d);
                assertThat(rec.results().values()).as("desk %d: one answer per scan", d).allSatisfy(list -> {
                    assertThat(list).hasSize(1);
                    assertThat(list.getFirst()).as("answer").isInstanceOf(ScanOutcome.Confirmed.class);
                });
                confirmedCheckIns += rec.results().values().stream().map(List::getFirst)
                        .filter(o -> o instanceof ScanOutcome.Confirmed c && c.result().checkIn().checkOutTime() == null
                                && !c.result().duplicate())
                        .count();
                Visits.figure("rolling restart, desk " + d + ": states " + rec.statesSince(marks.get(d)) + ", "
                        + issued.get(d).get() + " scans, " + rec.confirmedCount() + " confirmed, 0 lost");
            }
            String token = cluster.rest().login("admin", Cluster.PASSWORD).access();
            long visits = cluster.rest().get("/api/checkins/history/?status=all&perPage=1", token).body().path("total").asLong();
            assertThat(visits).as("visits on the server = confirmed check-ins").isEqualTo(confirmedCheckIns);
        } finally {
            scanners.shutdownNow();
            desks.forEach(ConnectionService::close);
        }
    }

    private static int totalResults(List<ClientRecorder> recs) {
        return recs.stream().mapToInt(ClientRecorder::resultCount).sum();
    }
}
