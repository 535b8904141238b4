package com.avgym.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.avgym.server.ws.SocketLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 1,000 check-ins and check-outs through REST, one after another, while 200 sockets listen: the time until every
 * answer came back, and until the last socket had the last event. Before issue 12 each answer waited for the
 * fan-out of its two events to every socket; now it waits for the commit only.
 */
@Tag("bench")
class RestCommandsWithSocketsBenchmark {
    private static final int SOCKETS = 200;
    private static final int COMMANDS = 1_000;

    @Test
    void thousandRestCommandsWithTwoHundredSocketsOpen() throws Exception {
        try (TestServer server = TestServer.start(c -> c.withSocketLimits(
                SocketLimits.defaults(Duration.ofSeconds(30)).withConnectionLimits(1_000, 1_000)))) {
            String token = server.login("desk").access();
            List<WsClient> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < SOCKETS; i++) {
                    sockets.add(WsClient.open(server.wsUrl(), token));
                }
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> server.server().openSockets() == SOCKETS);
                Rest rest = server.rest();
                long start = System.nanoTime();
                for (int i = 0; i < COMMANDS; i++) {
                    String number = String.format(Locale.ROOT, "M%04d", 1 + (i / 2) % 40);
                    Rest.Response r = i % 2 == 0
                            ? rest.post("/api/checkins/", token, Map.of("clientRequestId", UUID.randomUUID().toString(),
                                    "membershipNumber", number, "location", "Front desk"))
                            : rest.post("/api/checkins/checkout/", token, Map.of("clientRequestId", UUID.randomUUID().toString(),
                                    "membershipNumber", number));
                    assertThat(r.status()).isEqualTo(201);
                }
                long answered = System.nanoTime();
                long last = rest.get("/api/health", null).body().path("lastSeq").asLong();
                for (WsClient s : sockets) {
                    s.await(f -> f.path("seq").asLong() == last && !"initial_stats".equals(f.path("type").asText()),
                            Duration.ofSeconds(120), "the last event");
                }
                long delivered = System.nanoTime();
                String line = String.format(Locale.ROOT,
                        "REST_COMMANDS %d commands, %d sockets (%s): all answered in %.0f ms (%.2f ms each), last socket had the last event after %.0f ms",
                        COMMANDS, SOCKETS, TestServer.onPostgres() ? "postgresql" : "sqlite",
                        (answered - start) / 1e6, (answered - start) / 1e6 / COMMANDS, (delivered - start) / 1e6);
                System.out.println(line);
                Files.createDirectories(Path.of("target"));
                Files.writeString(Path.of("target", "bench-rest-commands.txt"), line + System.lineSeparator());
            } finally {
                sockets.forEach(WsClient::close);
            }
        }
    }
}
