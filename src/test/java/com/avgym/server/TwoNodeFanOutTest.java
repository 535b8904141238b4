package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two server processes (two AvGymServer instances with their own pools) on one PostgreSQL database: the sockets
 * of each see every event of both, with the same seqs, in order and without a gap, also after the LISTEN
 * connection was killed.
 */
class TwoNodeFanOutTest {
    private TestServer a;
    private TestServer b;
    private final List<WsClient> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        assumeTrue(TestServer.onPostgres(), "several server processes share PostgreSQL only");
        a = TestServer.start();
        Path other = Files.createTempDirectory("avgym-node-b");
        // The same schema: node B serves the database node A created and seeded.
        Files.copy(a.dataDir().resolve("pg-schema"), other.resolve("pg-schema"));
        b = TestServer.start(other, c -> c);
    }

    @AfterEach
    void stop() {
        sockets.forEach(WsClient::close);
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    private WsClient desk(TestServer node) {
        WsClient c = node.desk();
        sockets.add(c);
        return c;
    }

    private static Rest.Response checkIn(TestServer node, String token, String number) {
        return node.rest().post("/api/checkins/", token, Map.of("clientRequestId", UUID.randomUUID().toString(),
                "membershipNumber", number, "location", "Front desk"));
    }

    private static Rest.Response checkOut(TestServer node, String token, String number) {
        return node.rest().post("/api/checkins/checkout/", token, Map.of("clientRequestId", UUID.randomUUID().toString(),
                "membershipNumber", number));
    }

    private static List<Long> seqs(WsClient c) {
        return c.frames().stream().filter(f -> f.hasNonNull("seq") && !"initial_stats".equals(f.path("type").asText()))
                .map(f -> f.path("seq").asLong()).toList();
    }

    private static long helloSeq(WsClient c) {
        return c.awaitType("hello", Duration.ofSeconds(5)).path("payload").path("lastSeq").asLong();
    }

    @Test
    void aCheckInThroughOneNodeReachesASocketOnTheOtherWithTheSameSeq() {
        WsClient onA = desk(a);
        WsClient onB = desk(b);
        Rest.Response r = checkIn(a, a.login("desk").access(), "M0007");
        assertThat(r.status()).isEqualTo(201);
        String visit = r.body().path("checkIn").path("id").asText();
        JsonNode seenOnB = onB.await(f -> "member_checked_in".equals(f.path("type").asText())
                && visit.equals(f.path("payload").path("id").asText()), Duration.ofSeconds(2), "the check-in on node B");
        JsonNode seenOnA = onA.await(f -> "member_checked_in".equals(f.path("type").asText()), Duration.ofSeconds(2),
                "the check-in on node A");
        assertThat(seenOnB.path("seq").asLong()).isEqualTo(seenOnA.path("seq").asLong()).isPositive();
    }

    @Test
    void everySocketOnBothNodesSeesEveryEventOfBothInOrder() throws Exception {
        List<WsClient> listeners = List.of(desk(a), desk(a), desk(b), desk(b));
        long start = helloSeq(listeners.getFirst());
        for (WsClient c : listeners) {
            assertThat(helloSeq(c)).isEqualTo(start);
        }
        String tokenA = a.login("desk").access();
        String tokenB = b.login("desk").access();
        int writers = 4;
        int perWriter = 250;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                int ok = 0;
                for (int i = 0; i < perWriter; i++) {
                    // Each writer its own members, alternating nodes and check-in/check-out: every command succeeds.
                    TestServer node = (writer + i) % 2 == 0 ? a : b;
                    String token = node == a ? tokenA : tokenB;
                    String number = String.format("M%04d", writer * 10 + 1 + (i / 2) % 10);
                    Rest.Response r = i % 2 == 0 ? checkIn(node, token, number) : checkOut(node, token, number);
                    if (r.status() == 201) {
                        ok++;
                    }
                }
                return ok;
            }));
        }
        int succeeded = 0;
        for (Future<Integer> f : done) {
            succeeded += f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(succeeded).isEqualTo(writers * perWriter);
        // One event per command (the figures ride in it).
        long end = start + succeeded;
        List<Long> expected = LongStream.rangeClosed(start + 1, end).boxed().toList();
        for (WsClient c : listeners) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> seqs(c).size() >= expected.size());
            assertThat(seqs(c)).as("seqs on one socket").isEqualTo(expected);
        }
        assertThat(a.server().lastBroadcastSeq()).isEqualTo(end);
        assertThat(b.server().lastBroadcastSeq()).isEqualTo(end);
    }

    @Test
    void aKilledListenConnectionIsReopenedAndTheNodeCatchesUpWithoutAGap() throws Exception {
        WsClient onA = desk(a);
        long start = helloSeq(onA);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> a.server().eventListenerPid() != 0);
        int killed = a.server().eventListenerPid();
        try (var c = DriverManager.getConnection(System.getProperty("avgym.test.db"));
             var s = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
            s.setInt(1, killed);
            s.execute();
        }
        String tokenB = b.login("desk").access();
        for (int i = 1; i <= 5; i++) {
            assertThat(checkIn(b, tokenB, String.format("M%04d", i)).status()).isEqualTo(201);
        }
        List<Long> expected = LongStream.rangeClosed(start + 1, start + 5).boxed().toList();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seqs(onA).size() >= expected.size());
        assertThat(seqs(onA)).isEqualTo(expected);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> a.server().eventListenerPid() != 0 && a.server().eventListenerPid() != killed);
        // Listening again: later events from B keep arriving in order.
        assertThat(checkIn(b, tokenB, "M0006").status()).isEqualTo(201);
        onA.await(f -> f.path("seq").asLong() == start + 6, Duration.ofSeconds(5), "the event after reconnecting");
    }
}
