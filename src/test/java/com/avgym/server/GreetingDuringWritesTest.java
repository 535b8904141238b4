package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.avgym.server.ws.SocketLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Sockets greeted while check-ins commit get exactly the events after their hello.lastSeq: none missed, none twice. */
class GreetingDuringWritesTest {
    @Test
    void socketsOpenedDuringABurstSeeEveryLaterEventOnce() {
        try (TestServer server = TestServer.start(c -> c.withSocketLimits(
                SocketLimits.defaults(Duration.ofSeconds(30)).withConnectionLimits(100, 100)))) {
            String token = server.login("desk").access();
            Rest rest = server.rest();
            CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 200; i++) {
                    String number = String.format("M%04d", 1 + (i / 2) % 20);
                    Rest.Response r = i % 2 == 0
                            ? rest.post("/api/checkins/", token, Map.of("clientRequestId", UUID.randomUUID().toString(),
                                    "membershipNumber", number, "location", "Front desk"))
                            : rest.post("/api/checkins/checkout/", token, Map.of("clientRequestId", UUID.randomUUID().toString(),
                                    "membershipNumber", number));
                    assertThat(r.status()).isEqualTo(201);
                }
            });
            List<WsClient> sockets = new ArrayList<>();
            try {
                while (!writes.isDone() && sockets.size() < 40) {
                    sockets.add(WsClient.open(server.wsUrl(), token));
                }
                writes.join();
                long end = rest.get("/api/health", null).body().path("lastSeq").asLong();
                assertThat(end).isEqualTo(200);
                assertThat(sockets).isNotEmpty();
                for (WsClient s : sockets) {
                    long hello = s.awaitType("hello", Duration.ofSeconds(5)).path("payload").path("lastSeq").asLong();
                    List<Long> expected = LongStream.rangeClosed(hello + 1, end).boxed().toList();
                    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seqs(s).size() >= expected.size());
                    assertThat(seqs(s)).as("events after hello.lastSeq " + hello).isEqualTo(expected);
                }
            } finally {
                sockets.forEach(WsClient::close);
            }
        }
    }

    private static List<Long> seqs(WsClient c) {
        return c.frames().stream().filter(f -> f.hasNonNull("seq") && !"initial_stats".equals(f.path("type").asText()))
                .map(f -> f.path("seq").asLong()).toList();
    }
}
