package com.avgym.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.avgym.protocol.Json;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.Page;
import com.avgym.protocol.message.Stats;
import com.avgym.protocol.message.TokenPair;
import com.avgym.server.support.TestServer;
import com.fasterxml.jackson.core.type.TypeReference;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After the server comes back, the desk's stats and recent list equal the server's: nothing stale. */
class RecoveryConsistencyTest {
    @TempDir
    Path dir;

    @Test
    void afterARestartWithMissedEventsTheDeskMatchesTheServer() throws Exception {
        TestServer server = TestServer.start(c -> c.withHeartbeat(Duration.ofMillis(500)));
        int port = server.server().port();
        Path data = server.dataDir();
        LiveData live = new LiveData(20, v -> { });
        ClientConfig config = ClientConfig.defaults(URI.create(server.server().baseUrl()), dir.resolve("queue.db"))
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .withPollInterval(Duration.ofMillis(300));
        try (ConnectionService client = ConnectionService.create(config)) {
            client.addListener(live);
            TokenPair tokens = server.login("desk");
            client.start(tokens.access(), tokens.refresh());
            await().atMost(Duration.ofSeconds(10)).until(() -> client.snapshot().state() == ConnectionState.LIVE);

            checkIn(server, "M0003", "before");
            await().atMost(Duration.ofSeconds(5)).until(() -> live.view().stats().currentlyIn() == 1);

            server.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> client.snapshot().state() != ConnectionState.LIVE);
            server = TestServer.start(data, c -> c.withAddress("127.0.0.1", port).withHeartbeat(Duration.ofMillis(500)));
            // Changes the desk did not see while it was away, made by another desk.
            checkIn(server, "M0004", "while away");
            checkIn(server, "M0005", "while away");
            TestServer restarted = server;
            await().atMost(Duration.ofSeconds(10)).until(() -> client.snapshot().state() == ConnectionState.LIVE);

            String access = restarted.login("admin").access();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Stats serverStats = Json.convert(restarted.rest().get("/api/checkins/stats/", access).body(), Stats.class);
                Page<CheckInView> history = Json.MAPPER.convertValue(
                        restarted.rest().get("/api/checkins/history/?perPage=20", access).body(),
                        new TypeReference<Page<CheckInView>>() { });
                assertThat(live.view().stats()).isEqualTo(serverStats);
                assertThat(live.view().recent()).isEqualTo(history.results());
                assertThat(client.snapshot().lastSeq())
                        .isEqualTo(restarted.rest().get("/api/health", null).body().path("lastSeq").asLong());
            });
            assertThat(live.view().recent()).extracting(CheckInView::membershipNumber).contains("M0004", "M0005", "M0003");
        } finally {
            server.close();
        }
    }

    private static void checkIn(TestServer server, String number, String requestPrefix) {
        String token = server.login("admin").access();
        var r = server.rest().post("/api/checkins/", token, Map.of("clientRequestId", requestPrefix + "-" + number,
                "membershipNumber", number, "location", "Side entrance"));
        assertThat(r.status()).isEqualTo(201);
    }

    static List<String> ids(List<CheckInView> visits) {
        return visits.stream().map(CheckInView::id).toList();
    }
}
