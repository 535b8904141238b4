package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.avgym.server.support.RawWsClient;
import com.avgym.server.support.Rest;
import com.avgym.server.support.Scrape;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.avgym.server.ws.SocketLimits;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How sockets end: heartbeat timeout, deactivation, limits, drain, stop, slow clients; and a check-in race. */
class SocketLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final List<Runnable> toClose = new ArrayList<>();
    private TestServer server;

    private TestServer start(UnaryOperator<ServerConfig> customize) {
        server = TestServer.start(customize);
        return server;
    }

    private WsClient closeLater(WsClient c) {
        toClose.add(c::close);
        return c;
    }

    private RawWsClient closeLater(RawWsClient c) {
        toClose.add(c::close);
        return c;
    }

    @AfterEach
    void cleanUp() {
        for (Runnable c : toClose) {
            try {
                c.run();
            } catch (RuntimeException ignored) {
                // best effort
            }
        }
        if (server != null) {
            try {
                server.close();
            } catch (RuntimeException ignored) {
                // already stopped by the test
            }
        }
    }

    private WsClient desk() {
        return closeLater(server.desk());
    }

    private static String type(JsonNode frame) {
        return frame.path("type").asText();
    }

    private static void assertServed(WsClient c) {
        JsonNode ack = c.awaitReply(c.sendFrame("heartbeat", Map.of()), WAIT);
        assertThat(type(ack)).isEqualTo("heartbeat_ack");
    }

    static long counter(Rest rest, String name, String labelValue) {
        return Scrape.parse(rest.get("/metrics", null).text()).samples().stream()
                .filter(x -> x.name().equals(name) && x.labels().size() == 1 && x.labels().containsValue(labelValue))
                .mapToLong(x -> Math.round(x.value())).sum();
    }

    @Test
    void aSilentClientIsClosedWith4408AfterThreeIntervals() {
        Duration interval = Duration.ofMillis(300);
        start(c -> c.withHeartbeat(interval));
        String token = server.login("desk").access();
        // t0 is taken before the upgrade, so t0 <= the server's start of the silence clock: a close
        // seen less than three intervals after t0 would be a close before three intervals.
        long t0 = System.nanoTime();
        WsClient silent = closeLater(WsClient.open(server.wsUrl(), token));
        assertThat(silent.frames().getFirst().path("payload").path("heartbeatIntervalMs").asLong()).isEqualTo(300);
        WsClient.Closed closed = silent.awaitClose(WAIT);
        long elapsedMs = (silent.closedAtNanos() - t0) / 1_000_000;
        assertThat(closed.code()).isEqualTo(4408);
        assertThat(elapsedMs).as("ms from connect to 4408").isGreaterThanOrEqualTo(3 * interval.toMillis())
                .isLessThan(3 * interval.toMillis() + 75 + 1_500);
        // A client that keeps talking within the interval is not closed, well past three intervals.
        WsClient talking = desk();
        for (int i = 0; i < 5; i++) {
            assertServed(talking);
            long sent = System.nanoTime();
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> System.nanoTime() - sent > TimeUnit.MILLISECONDS.toNanos(200));
        }
        assertThat(talking.isClosedNow()).isFalse();
    }

    @Test
    void deactivatingAUserClosesItsSocketsWith4403() {
        start(UnaryOperator.identity());
        WsClient one = desk();
        WsClient two = desk();
        String adminToken = server.login("admin").access();
        WsClient adminSocket = closeLater(WsClient.open(server.wsUrl(), adminToken));

        Rest.Response r = server.rest().patch("/api/users/desk", adminToken, Map.of("active", false));
        assertThat(r.status()).as(r.text()).isEqualTo(200);

        assertThat(one.awaitClose(WAIT).code()).isEqualTo(4403);
        assertThat(two.awaitClose(WAIT).code()).isEqualTo(4403);
        assertServed(adminSocket);
        assertThat(adminSocket.isClosedNow()).isFalse();
    }

    @Test
    void aThirdSocketOfOneUserIsRefusedWith429() {
        start(c -> c.withSocketLimits(c.socketLimits().withConnectionLimits(2, 100)));
        String token = server.login("desk").access();
        WsClient one = closeLater(WsClient.open(server.wsUrl(), token));
        WsClient two = closeLater(WsClient.open(server.wsUrl(), token));
        WsClient three = closeLater(WsClient.connect(server.wsUrl(), token));
        WsClient.Closed refused = three.awaitClose(WAIT);
        assertThat(refused.code()).isEqualTo(1002);
        assertThat(refused.reason()).contains("429");
        assertThat(three.frames()).isEmpty();
        // Another user still gets in, and the first two are untouched.
        closeLater(WsClient.open(server.wsUrl(), server.login("admin").access()));
        assertServed(one);
        assertServed(two);
        assertThat(counter(server.rest(), "avgym_upgrade_refusals_total", "TOO_MANY_CONNECTIONS")).isEqualTo(1);
    }

    @Test
    void overTheGlobalLimitASocketOpensThenClosesWith1013() {
        start(c -> c.withSocketLimits(c.socketLimits().withConnectionLimits(100, 2)));
        WsClient one = desk();
        WsClient two = desk();
        WsClient three = closeLater(WsClient.connect(server.wsUrl(), server.login("desk").access()));
        WsClient.Closed closed = three.awaitClose(WAIT);
        assertThat(closed.code()).isEqualTo(1013);
        assertThat(three.frames()).noneMatch(f -> type(f).equals("hello"));
        assertServed(one);
        assertServed(two);
        assertThat(server.server().openSockets()).isEqualTo(2);
    }

    @Test
    void gracefulStopDrainsWith1012AndRefusesNewSocketsWith503() throws Exception {
        start(UnaryOperator.identity());
        String token = server.login("desk").access();
        WsClient open = desk();
        // A client that never answers the close frame keeps the drain waiting (about 3 s), so the
        // draining state can be observed deterministically.
        RawWsClient stubborn = closeLater(RawWsClient.connect(server.wsUrl(), token, 0));
        assertThat(stubborn.status()).isEqualTo(101);
        await().atMost(WAIT).until(() -> server.server().openSockets() == 2);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.server().stop());
        WsClient.Closed closed = open.awaitClose(WAIT);
        assertThat(closed.code()).isEqualTo(1012);

        // Once a socket got 1012 the server is draining or already stopped: never "ok" again and never a
        // new socket. The drain window is short (sockets answer the close at once), so the 503s are
        // checked when the server still answers; a refused TCP connect means it has stopped already.
        try {
            Rest.Response health = server.rest().get("/api/health", null);
            assertThat(health.status()).isEqualTo(503);
            // Our health route says "draining"; once Jetty itself is shutting down its graceful handler
            // answers the 503, as the ErrorPayload SERVER_DRAINING. Either way: not "ok".
            if (health.body().has("status")) {
                assertThat(health.body().path("status").asText()).isEqualTo("draining");
            } else {
                assertThat(health.code()).isEqualTo("SERVER_DRAINING");
            }
        } catch (java.io.UncheckedIOException stoppedAlready) {
            assertThat(stopping).isNotCancelled();
        }
        WsClient late = closeLater(WsClient.connect(server.wsUrl(), token));
        WsClient.Closed refused = late.awaitClose(WAIT);
        assertThat(late.frames()).isEmpty();
        if (refused.code() != -1) { // -1: connection refused, the server has stopped listening
            assertThat(refused.code()).isEqualTo(1002);
            assertThat(refused.reason()).contains("503");
        }

        assertThat(stubborn.readUntilClose()).isEqualTo(1012);
        stopping.get(15, TimeUnit.SECONDS);
        assertThat(server.server().openSockets()).isZero();
    }

    @Test
    void immediateCloseGivesClients1001() {
        start(UnaryOperator.identity());
        WsClient a = desk();
        WsClient b = desk();
        server.server().close();
        assertThat(a.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1001);
        assertThat(b.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1001);
    }

    /**
     * A raw client with a 4 KiB receive buffer asks for replays and never reads. One replay (at most
     * 1,000 events, under 1 MB here) fits in the loopback socket buffers, which the kernel grows to a
     * few MB, so the client repeats its resume (still never reading) until the 16-frame queue overflows.
     */
    @Test
    void aClientThatNeverReadsIsClosedWith4409AndOthersAreServed() {
        // A long heartbeat so neither socket is closed for silence (4408) during the test.
        start(c -> c.withHeartbeat(Duration.ofSeconds(60)).withSocketLimits(
                SocketLimits.defaults(Duration.ofSeconds(60)).withMaxQueuedFrames(16)));
        String token = server.login("desk").access();
        String notes = "n".repeat(400);
        for (int i = 0; i < 100; i++) {
            visit(token, notes);
        }
        long lastSeq = server.rest().get("/api/health", null).body().path("lastSeq").asLong();
        assertThat(lastSeq).isEqualTo(200); // one event per visit in and out

        WsClient other = desk();
        RawWsClient slow = closeLater(RawWsClient.connect(server.wsUrl(), token, 4096));
        assertThat(slow.status()).isEqualTo(101);
        await().atMost(WAIT).until(() -> server.server().openSockets() == 2);
        assertThat(counter(server.rest(), "avgym_ws_closes_total", "4409")).isZero();
        try {
            for (int i = 0; i < 30; i++) {
                slow.sendText("{\"type\":\"resume\",\"id\":\"slow-" + i + "\",\"payload\":{\"lastSeq\":0}}");
            }
        } catch (java.io.UncheckedIOException cutOff) {
            // the server may already have closed and cut the slow client off
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> counter(server.rest(), "avgym_ws_closes_total", "4409") == 1);
        // The slow socket does not linger: it is cut off when it does not answer the close.
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server().openSockets() == 1);

        assertServed(other);
        JsonNode reply = other.awaitReply(other.sendFrame("check_in", Map.of("clientRequestId", "r-" + UUID.randomUUID(),
                "membershipNumber", "M0003", "location", "Front desk")), WAIT);
        assertThat(type(reply)).isEqualTo("check_in_success");
        other.awaitType("member_checked_in", WAIT);
        assertThat(other.isClosedNow()).isFalse();
        assertThat(counter(server.rest(), "avgym_ws_closes_total", "4409")).isEqualTo(1);
    }

    /** One check-in and one check-out of M0001 with long notes, via REST. */
    private void visit(String token, String notes) {
        Rest.Response in = server.rest().post("/api/checkins/", token, Map.of("clientRequestId", "r-" + UUID.randomUUID(),
                "membershipNumber", "M0001", "location", "Front desk", "notes", notes));
        assertThat(in.status()).as(in.text()).isEqualTo(201);
        Rest.Response out = server.rest().post("/api/checkins/checkout/", token, Map.of("clientRequestId",
                "r-" + UUID.randomUUID(), "membershipNumber", "M0001"));
        assertThat(out.status()).as(out.text()).isEqualTo(201);
    }

    @Test
    void twoDesksCheckingInTheSameMemberAtOnceGetOneSuccessAndOneAlreadyCheckedIn() throws Exception {
        start(UnaryOperator.identity());
        WsClient a = desk();
        WsClient b = desk();
        CountDownLatch gate = new CountDownLatch(1);
        CompletableFuture<String> idA = CompletableFuture.supplyAsync(() -> fire(gate, a));
        CompletableFuture<String> idB = CompletableFuture.supplyAsync(() -> fire(gate, b));
        gate.countDown();
        JsonNode ra = a.awaitReply(idA.get(5, TimeUnit.SECONDS), WAIT);
        JsonNode rb = b.awaitReply(idB.get(5, TimeUnit.SECONDS), WAIT);
        List<String> types = new ArrayList<>(List.of(type(ra), type(rb)));
        types.sort(String::compareTo);
        assertThat(types).containsExactly("check_in_error", "check_in_success");
        JsonNode error = type(ra).equals("check_in_error") ? ra : rb;
        JsonNode success = error == ra ? rb : ra;
        assertThat(error.path("payload").path("code").asText()).isEqualTo("ALREADY_CHECKED_IN");
        assertThat(error.path("payload").path("details").path("checkInId").asText())
                .isEqualTo(success.path("payload").path("checkIn").path("id").asText());
        Rest.Response open = server.rest().get("/api/checkins/history?status=in", server.login("desk").access());
        assertThat(open.text()).containsOnlyOnce("M0020");
    }

    private static String fire(CountDownLatch gate, WsClient c) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return c.sendFrame("check_in", Map.of("clientRequestId", "race-" + UUID.randomUUID(), "membershipNumber", "M0020",
                "location", "Desk " + Thread.currentThread().getName()));
    }
}
