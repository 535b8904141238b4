package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.avgym.server.ws.SocketLimits;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One check-in reaches 50 open sockets; measures how long each took. */
class FanOutTest {
    private static final int SOCKETS = 50;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withSocketLimits(
                SocketLimits.defaults(Duration.ofSeconds(10)).withConnectionLimits(100, 1000)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aCheckInReachesAllFiftySockets() throws IOException {
        String token = server.login("desk").access();
        List<WsClient> listeners = new ArrayList<>();
        WsClient sender = null;
        try {
            for (int i = 0; i < SOCKETS; i++) {
                listeners.add(WsClient.open(server.wsUrl(), token));
            }
            sender = WsClient.open(server.wsUrl(), token);
            // A socket is registered just after its initial_stats is queued (under the event lock, so
            // it misses nothing): wait for the count rather than read it once.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.server().openSockets() == SOCKETS + 1);

            long sentNanos = System.nanoTime();
            String id = sender.sendFrame("check_in", Map.of("clientRequestId", "fan-" + UUID.randomUUID(),
                    "membershipNumber", "M0030", "location", "Front desk"));
            long deadline = sentNanos + Duration.ofSeconds(5).toNanos();
            List<Long> latenciesMicros = new ArrayList<>();
            String visitId = null;
            for (WsClient c : listeners) {
                Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
                WsClient.Received r = c.awaitReceived(f -> "member_checked_in".equals(f.path("type").asText()),
                        left, "member_checked_in within 5 s of the send");
                JsonNode payload = r.frame().path("payload");
                assertThat(payload.path("membershipNumber").asText()).isEqualTo("M0030");
                if (visitId == null) {
                    visitId = payload.path("id").asText();
                }
                assertThat(payload.path("id").asText()).isEqualTo(visitId);
                latenciesMicros.add((r.arrivedNanos() - sentNanos) / 1_000);
            }
            JsonNode reply = sender.awaitReply(id, Duration.ofSeconds(5));
            assertThat(reply.path("type").asText()).isEqualTo("check_in_success");
            assertThat(reply.path("payload").path("checkIn").path("id").asText()).isEqualTo(visitId);

            assertThat(latenciesMicros).hasSize(SOCKETS).allSatisfy(us -> assertThat(us).isLessThan(5_000_000L));
            List<Long> sorted = latenciesMicros.stream().sorted().toList();
            double medianMs = (sorted.get(SOCKETS / 2 - 1) + sorted.get(SOCKETS / 2)) / 2.0 / 1000.0;
            double slowestMs = sorted.getLast() / 1000.0;
            double fastestMs = sorted.getFirst() / 1000.0;
            String line = String.format(java.util.Locale.ROOT,
                    "FANOUT %d sockets: member_checked_in arrival after send: median %.2f ms, slowest %.2f ms, fastest %.2f ms (%s)",
                    SOCKETS, medianMs, slowestMs, fastestMs, TestServer.onPostgres() ? "postgresql" : "sqlite");
            System.out.println(line);
            Path out = Path.of("target", "fanout-latency.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, line + System.lineSeparator());
        } finally {
            listeners.forEach(WsClient::close);
            if (sender != null) {
                sender.close();
            }
        }
    }
}
