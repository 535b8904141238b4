package com.avgym.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Round trip of a scan over the socket (check_in -> check_in_success, check_out -> check_out_success) on a
 * real server, with 10 other desks listening. Not part of the test run: {@code ./mvnw -Pbench test}.
 * Prints median and p99 and writes them to target/bench-checkin.txt.
 */
@Tag("bench")
class CheckInLatencyBenchmark {
    private static final int WARMUP = 100;
    private static final int ROUNDS = 1000;

    @Test
    void scanRoundTrip() throws Exception {
        try (TestServer server = TestServer.start()) {
            List<WsClient> listeners = new ArrayList<>();
            String trainer = server.login("trainer").access();
            for (int i = 0; i < 10; i++) {
                listeners.add(WsClient.open(server.wsUrl(), trainer));
            }
            WsClient desk = server.desk();
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < WARMUP + ROUNDS; i++) {
                String number = "M%04d".formatted(1 + i % 48);
                long start = System.nanoTime();
                String in = desk.sendFrame("check_in", Map.of("clientRequestId", "bench-in-" + i, "membershipNumber", number,
                        "location", "Bench"));
                JsonNode r1 = desk.awaitReply(in, Duration.ofSeconds(10));
                String out = desk.sendFrame("check_out", Map.of("clientRequestId", "bench-out-" + i, "membershipNumber", number));
                JsonNode r2 = desk.awaitReply(out, Duration.ofSeconds(10));
                long elapsed = (System.nanoTime() - start) / 2 / 1000;
                assertThat(r1.path("type").asText()).isEqualTo("check_in_success");
                assertThat(r2.path("type").asText()).isEqualTo("check_out_success");
                if (i >= WARMUP) {
                    micros.add(elapsed);
                }
            }
            Collections.sort(micros);
            double median = micros.get(micros.size() / 2) / 1000.0;
            double p99 = micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0;
            String line = String.format(Locale.ROOT, "scan round trip over the socket (%s, %d scans, 11 sockets): median %.2f ms, p99 %.2f ms",
                    TestServer.onPostgres() ? "postgresql" : "sqlite", ROUNDS * 2, median, p99);
            System.out.println(line);
            Files.writeString(Path.of("target", "bench-checkin.txt"), line + System.lineSeparator());
            listeners.forEach(WsClient::close);
            desk.close();
        }
    }
}
