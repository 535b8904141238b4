package com.avgym.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.support.TestServer;
import com.avgym.server.ws.SocketLimits;
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
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What synchronous=FULL costs a desk: the write round trip of a scan over the socket (check_in ->
 * check_in_success: one committed transaction) on a real server over SQLite with synchronous NORMAL, then
 * FULL (the default). The database lives under target/ (a real disk, not a tmpfs /tmp, so fsync is real).
 * Not part of the test run: {@code ./mvnw -Pbench test}. Prints p50/p99 and writes target/bench-sqlite-sync.txt.
 */
@Tag("bench")
class SqliteSyncBenchmark {
    private static final int WARMUP = 100;
    private static final int ROUNDS = 1000;

    @Test
    void writeRoundTripNormalVersusFull() throws Exception {
        Assumptions.assumeFalse(TestServer.onPostgres(), "an SQLite setting");
        String load = String.format(Locale.ROOT, "load average %.2f on %d cores",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        List<String> lines = new ArrayList<>();
        for (String mode : List.of("NORMAL", "FULL")) {
            lines.add(run(mode) + " (" + load + ")");
            System.out.println(lines.getLast());
        }
        Files.writeString(Path.of("target", "bench-sqlite-sync.txt"), String.join(System.lineSeparator(), lines)
                + System.lineSeparator());
    }

    private static SocketLimits unlimitedRate(SocketLimits l) {
        return new SocketLimits(l.heartbeatInterval(), l.maxFrameBytes(), l.maxQueuedFrames(), 1_000_000, 1_000_000,
                l.rateStrikesBeforeClose(), l.violationsBeforeClose(), l.maxConnectionsPerUser(), l.maxConnections());
    }

    private static String run(String mode) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "bench-sqlite-sync", mode + "-" + UUID.randomUUID()));
        String url = "jdbc:sqlite:" + dir.toAbsolutePath().resolve("avgym.db") + "?synchronous=" + mode;
        // One desk sending back to back would trip the socket's rate limit (200 frames/s): not what is measured.
        try (TestServer server = TestServer.start(dir, c -> c.withDatabase(url).withSocketLimits(unlimitedRate(c.socketLimits())))) {
            int level = server.server().database().read(c -> {
                try (var rs = c.createStatement().executeQuery("PRAGMA synchronous")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(level).as("PRAGMA synchronous").isEqualTo(mode.equals("FULL") ? 2 : 1);
            WsClient desk = server.desk();
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < WARMUP + ROUNDS; i++) {
                String number = "M%04d".formatted(1 + i % 48);
                long start = System.nanoTime();
                JsonNode in = desk.awaitReply(desk.sendFrame("check_in", Map.of("clientRequestId", "sync-in-" + i,
                        "membershipNumber", number, "location", "Bench")), Duration.ofSeconds(10));
                long elapsed = (System.nanoTime() - start) / 1000;
                JsonNode out = desk.awaitReply(desk.sendFrame("check_out", Map.of("clientRequestId", "sync-out-" + i,
                        "membershipNumber", number)), Duration.ofSeconds(10));
                assertThat(in.path("type").asText()).isEqualTo("check_in_success");
                assertThat(out.path("type").asText()).isEqualTo("check_out_success");
                if (i >= WARMUP) {
                    micros.add(elapsed);
                }
            }
            desk.close();
            Collections.sort(micros);
            double p50 = micros.get(micros.size() / 2) / 1000.0;
            double p99 = micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0;
            return String.format(Locale.ROOT, "write round trip (check_in over the socket, sqlite synchronous=%s, %d writes): "
                    + "p50 %.2f ms, p99 %.2f ms", mode, ROUNDS, p50, p99);
        }
    }
}
