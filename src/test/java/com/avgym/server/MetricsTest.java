package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.avgym.server.support.Rest;
import com.avgym.server.support.Scrape;
import com.avgym.server.support.TestServer;
import com.avgym.server.tls.TransportSecurity;
import com.avgym.server.support.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * GET /metrics from Micrometer: every metric name and label set of the earlier hand-written renderer is still
 * scraped, the JVM, Jetty and HikariCP families are there too, and the endpoint is public only on loopback.
 */
class MetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String METRICS_TOKEN = "scrape-secret-0123456789";

    /** What the hand-written renderer exposed after the activity below: sample name -> its label names. */
    private static final Map<String, Set<String>> BEFORE_MICROMETER = Map.ofEntries(
            Map.entry("avgym_ws_connections", Set.of()),
            Map.entry("avgym_ws_messages_in_total", Set.of("type")),
            Map.entry("avgym_ws_messages_out_total", Set.of("type")),
            Map.entry("avgym_ws_closes_total", Set.of("code")),
            Map.entry("avgym_auth_failures_total", Set.of("reason")),
            Map.entry("avgym_checkins_total", Set.of("result")),
            Map.entry("avgym_upgrade_refusals_total", Set.of("label")),
            Map.entry("avgym_command_latency_seconds_bucket", Set.of("le")),
            Map.entry("avgym_command_latency_seconds_sum", Set.of()),
            Map.entry("avgym_command_latency_seconds_count", Set.of()),
            Map.entry("avgym_broadcast_latency_seconds_bucket", Set.of("le")),
            Map.entry("avgym_broadcast_latency_seconds_sum", Set.of()),
            Map.entry("avgym_broadcast_latency_seconds_count", Set.of()));
    /** The renderer's histogram buckets, in seconds. */
    private static final List<Double> BUCKETS = List.of(0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
            Double.POSITIVE_INFINITY);

    @Test
    void everyNameAndLabelOfTheOldRendererIsScrapedBesideJvmJettyAndHikariMeters() throws Exception {
        try (TestServer server = TestServer.start(c -> c.withSocketLimits(c.socketLimits().withConnectionLimits(1, 100)))) {
            Rest rest = server.rest();
            String staff = server.login("desk").access();
            WsClient ws = WsClient.open(server.wsUrl(), staff);
            try {
                ws.awaitReply(ws.sendFrame("heartbeat", Map.of()), WAIT);
                ws.send("not json");
                ws.send("{\"type\":\"no_such_type\",\"id\":\"u1\"}");
                ws.send(new byte[] {1, 2, 3});
                assertThat(rest.post("/api/checkins/", staff, Map.of("clientRequestId", UUID.randomUUID().toString(),
                        "membershipNumber", "M0001", "location", "Front desk")).status()).isEqualTo(201);
                ws.awaitType("member_checked_in", WAIT);
                assertThat(rest.get("/api/auth/me", "not-a-token").status()).isEqualTo(401);
                WsClient second = WsClient.connect(server.wsUrl(), staff); // over the limit of 1 per user: 429
                await().atMost(WAIT).until(second::isClosedNow);
                await().atMost(WAIT).until(() -> scrape(rest).count("avgym_ws_messages_in_total", "type", "binary") == 1
                        && scrape(rest).count("avgym_broadcast_latency_seconds_count") >= 1);
            } finally {
                ws.closeBlocking();
            }
            await().atMost(WAIT).until(() -> scrape(rest).count("avgym_ws_closes_total", "code", "1000") == 1);

            Rest.Response response = rest.get("/metrics", null);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/metrics-scrape.txt"), response.text());
            Scrape s = Scrape.parse(response.text());

            Map<String, Set<Set<String>>> found = s.labelSets();
            BEFORE_MICROMETER.forEach((name, labels) ->
                    assertThat(found.get(name)).as("label sets of %s", name).isNotNull().contains(labels));
            assertThat(s.type("avgym_ws_connections")).contains("gauge");
            assertThat(s.type("avgym_checkins_total")).contains("counter");
            assertThat(s.type("avgym_command_latency_seconds")).contains("histogram");
            for (String h : List.of("avgym_command_latency_seconds_bucket", "avgym_broadcast_latency_seconds_bucket")) {
                assertThat(s.samples().stream().filter(x -> x.name().equals(h)).map(x -> Double.parseDouble(
                        x.labels().get("le").replace("+Inf", "Infinity"))).toList()).as("buckets of %s", h)
                        .containsExactlyElementsOf(BUCKETS);
            }

            assertThat(s.count("avgym_ws_connections")).isZero();
            assertThat(s.count("avgym_ws_messages_in_total", "type", "heartbeat")).isEqualTo(1);
            assertThat(s.count("avgym_ws_messages_in_total", "type", "invalid")).isEqualTo(1);
            assertThat(s.count("avgym_ws_messages_in_total", "type", "unknown")).isEqualTo(1);
            assertThat(s.count("avgym_ws_messages_out_total", "type", "hello")).isEqualTo(1);
            assertThat(s.count("avgym_ws_messages_out_total", "type", "member_checked_in")).isEqualTo(1);
            assertThat(s.count("avgym_checkins_total", "result", "ok")).isEqualTo(1);
            assertThat(s.count("avgym_auth_failures_total", "reason", "TOKEN_INVALID")).isEqualTo(1);
            assertThat(s.count("avgym_upgrade_refusals_total", "label", "TOO_MANY_CONNECTIONS")).isEqualTo(1);
            assertThat(s.count("avgym_command_latency_seconds_count")).as("frames that reached a handler").isEqualTo(1);
            assertThat(s.count("avgym_broadcast_latency_seconds_count")).isEqualTo(1); // one event (member_checked_in with its stats), timed once for all sockets

            Set<String> names = new TreeSet<>(found.keySet());
            assertThat(names).as("JVM memory, GC, threads, classes, processor")
                    .contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                            "system_cpu_count", "process_cpu_usage")
                    .anyMatch(n -> n.startsWith("jvm_gc_"));
            assertThat(names).as("Jetty thread pool and connections")
                    .contains("jetty_threads_busy", "jetty_threads_current", "jetty_threads_jobs", "jetty_connections_current_connections");
            assertThat(s.value("hikaricp_connections_max", "pool", "avgym-db")).as("HikariCP pool meters").isPresent();
            assertThat(names).contains("hikaricp_connections_active", "hikaricp_connections_pending");
        }
    }

    @Test
    void onLoopbackTheMetricsArePublic() {
        try (TestServer server = TestServer.start()) {
            assertThat(server.rest().get("/metrics", null).status()).isEqualTo(200);
        }
    }

    @Test
    void offLoopbackTheMetricsWantAnAdminTokenOrTheMetricsToken() throws Exception {
        // Listening on every interface; the test only ever talks to 127.0.0.1.
        try (TestServer server = TestServer.start(c -> c.withAddress("0.0.0.0", 0)
                .withTransport(TransportSecurity.plainHttp().allowingInsecureHttp(true)).withMetricsToken(METRICS_TOKEN))) {
            Rest rest = new Rest("http://127.0.0.1:" + server.server().port());
            String staff = rest.login("desk", TestServer.PASSWORD).access();
            String admin = rest.login("admin", TestServer.PASSWORD).access();

            Rest.Response none = rest.get("/metrics", null);
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.code()).isEqualTo("TOKEN_MISSING");
            assertThat(none.text()).doesNotContain("avgym_");
            Rest.Response wrong = rest.get("/metrics", METRICS_TOKEN + "x");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.code()).isEqualTo("TOKEN_INVALID");
            Rest.Response notAdmin = rest.get("/metrics", staff);
            assertThat(notAdmin.status()).isEqualTo(403);
            assertThat(notAdmin.code()).isEqualTo("FORBIDDEN");

            Rest.Response byAdmin = rest.get("/metrics", admin);
            assertThat(byAdmin.status()).isEqualTo(200);
            assertThat(byAdmin.text()).contains("avgym_ws_connections");
            Rest.Response byToken = rest.get("/metrics", METRICS_TOKEN);
            assertThat(byToken.status()).isEqualTo(200);
            // the refusals are counted like any other refused token
            assertThat(Scrape.parse(byToken.text()).count("avgym_auth_failures_total", "reason", "TOKEN_MISSING")).isEqualTo(1);
        }
    }

    @Test
    void aShortMetricsTokenIsRefused() {
        ServerConfig config = ServerConfig.defaults(Path.of("unused"));
        assertThatThrownBy(() -> config.withMetricsToken("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16 characters");
        assertThat(config.withMetricsToken(METRICS_TOKEN).metricsToken()).isEqualTo(METRICS_TOKEN);
    }

    private static Scrape scrape(Rest rest) {
        return Scrape.parse(rest.get("/metrics", null).text());
    }
}
