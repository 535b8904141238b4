package com.avgym.client.support;

import static org.awaitility.Awaitility.await;

import com.avgym.client.ClientConfig;
import com.avgym.protocol.Json;
import com.avgym.protocol.message.CheckInView;
import com.avgym.server.ServerConfig;
import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** Short intervals and the server-side checks shared by the client fault tests. */
public final class ClientFixture {
    public static final Duration HEARTBEAT = Duration.ofMillis(500);
    public static final Duration BACKOFF_BASE = Duration.ofMillis(100);
    public static final Duration BACKOFF_CAP = Duration.ofSeconds(1);

    private ClientFixture() {
    }

    public static ClientConfig config(URI server, Path queueFile) {
        return ClientConfig.defaults(server, queueFile)
                .withBackoff(BACKOFF_BASE, BACKOFF_CAP)
                .withPollInterval(Duration.ofMillis(300))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    public static TestServer startServer(UnaryOperator<ServerConfig> extra) {
        return TestServer.start(c -> extra.apply(c.withHeartbeat(HEARTBEAT)));
    }

    /** Restarts on the same data dir and port; retries the bind briefly (TIME_WAIT). */
    public static TestServer restart(Path dataDir, int port, UnaryOperator<ServerConfig> extra) {
        AtomicReference<TestServer> started = new AtomicReference<>();
        await("server bound again on port " + port).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> {
                    started.set(TestServer.start(dataDir,
                            c -> extra.apply(c.withHeartbeat(HEARTBEAT)).withAddress("127.0.0.1", port)));
                    return true;
                });
        return started.get();
    }

    public static URI base(TestServer server) {
        return URI.create(server.server().baseUrl());
    }

    public static long serverLastSeq(TestServer server) {
        return server.rest().get("/api/health", null).body().path("lastSeq").asLong();
    }

    /** Every visit on the server (status=all), all pages. */
    public static List<CheckInView> history(TestServer server) {
        String token = server.login("admin").access();
        List<CheckInView> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            Rest.Response r = server.rest().get("/api/checkins/history/?status=all&perPage=200&page=" + page, token);
            if (r.status() != 200) {
                throw new IllegalStateException("history: " + r.status() + " " + r.text());
            }
            JsonNode results = r.body().path("results");
            results.forEach(n -> out.add(Json.convert(n, CheckInView.class)));
            if (results.size() < 200) {
                return out;
            }
        }
    }

    /** Counts member_checked_in / member_checked_out events after {@code after} on the server. */
    public static long memberEventsAfter(TestServer server, long after) {
        String token = server.login("admin").access();
        long count = 0;
        long from = after;
        while (true) {
            JsonNode page = server.rest().get("/api/events/?after=" + from + "&limit=1000", token).body();
            JsonNode events = page.path("events");
            for (JsonNode e : events) {
                String type = e.path("type").asText();
                if (type.equals("member_checked_in") || type.equals("member_checked_out")) {
                    count++;
                }
                from = e.path("seq").asLong();
            }
            if (events.isEmpty()) {
                return count;
            }
        }
    }

    /** Prints an acceptance figure and appends it to target/client-figures.txt. */
    public static void figure(String line) {
        System.out.println("FIGURE " + line);
        try {
            Path file = Path.of("target", "client-figures.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
