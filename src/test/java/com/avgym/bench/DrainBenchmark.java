package com.avgym.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.avgym.client.ClientConfig;
import com.avgym.client.FailureClassifier;
import com.avgym.server.support.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 4: 1,000 sockets on a node that drains; each client reconnects to a second node the way the desk
 * does (FailureClassifier reads the 1012's retry hint; without one, a random 0-5 s as ClientConfig's restart spread).
 * Counts the reconnect attempts per second (and per 100 ms) arriving at the second node: the drain spread over its
 * 10 s window against all at once (window 0, today's behaviour). {@code ./mvnw -Pbench test
 * -Dtest=DrainBenchmark}; writes target/bench-drain.txt.
 */
@Tag("bench")
class DrainBenchmark {
    private static final int SOCKETS = 1000;

    @Test
    void reconnectRateOnTheSurvivingNode() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(run("all at once (drain window 0, client's random 0-5 s)", Duration.ZERO));
        lines.add(run("batched (drain window 10 s, retry hints)", Duration.ofSeconds(10)));
        lines.forEach(System.out::println);
        Files.writeString(Path.of("target", "bench-drain.txt"), String.join(System.lineSeparator(), lines)
                + System.lineSeparator());
    }

    private static String run(String label, Duration window) throws Exception {
        Duration spread = ClientConfig.defaults(URI.create("http://unused"), Path.of("unused")).restartSpread();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        ConcurrentLinkedQueue<Long> attempts = new ConcurrentLinkedQueue<>();
        AtomicInteger reconnected = new AtomicInteger();
        AtomicInteger hinted = new AtomicInteger();
        long[] drainStart = {0};
        try (TestServer draining = TestServer.start(c -> c.withSocketLimits(2 * SOCKETS, 2 * SOCKETS).withDrainWindow(window));
             TestServer surviving = TestServer.start(c -> c.withSocketLimits(2 * SOCKETS, 2 * SOCKETS));
             HttpClient http = HttpClient.newHttpClient()) {
            String tokenA = draining.login("desk").access();
            String tokenB = surviving.login("desk").access();
            URI b = URI.create(surviving.wsUrl());
            Semaphore connecting = new Semaphore(50);
            List<WebSocket> open = new ArrayList<>();
            for (int i = 0; i < SOCKETS; i++) {
                connecting.acquire();
                WebSocket.Listener onA = new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                        Duration hint = FailureClassifier.ofClose(code, reason).retryAfter();
                        if (hint != null) {
                            hinted.incrementAndGet();
                        }
                        long wait = hint != null ? hint.toMillis()
                                : ThreadLocalRandom.current().nextLong(spread.toMillis() + 1);
                        timers.schedule(() -> {
                            attempts.add(System.nanoTime());
                            http.newWebSocketBuilder().header("Authorization", "Bearer " + tokenB)
                                    .buildAsync(b, new WebSocket.Listener() { })
                                    .thenRun(reconnected::incrementAndGet);
                        }, wait, TimeUnit.MILLISECONDS);
                        return null;
                    }
                };
                open.add(http.newWebSocketBuilder().header("Authorization", "Bearer " + tokenA)
                        .buildAsync(URI.create(draining.wsUrl()), onA)
                        .whenComplete((ws, e) -> connecting.release()).get(30, TimeUnit.SECONDS));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> draining.server().openSockets() == SOCKETS);
            drainStart[0] = System.nanoTime();
            CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> draining.server().stop());
            await().atMost(Duration.ofSeconds(60)).until(() -> reconnected.get() == SOCKETS);
            stop.get(60, TimeUnit.SECONDS);
            long drainMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - drainStart[0]);
            assertThat(attempts).hasSize(SOCKETS);
            TreeMap<Long, Integer> perSecond = new TreeMap<>();
            TreeMap<Long, Integer> perTenth = new TreeMap<>();
            long last = 0;
            for (long at : attempts) {
                long ms = TimeUnit.NANOSECONDS.toMillis(at - drainStart[0]);
                perSecond.merge(ms / 1000, 1, Integer::sum);
                perTenth.merge(ms / 100, 1, Integer::sum);
                last = Math.max(last, ms);
            }
            int peakSecond = perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            int peakTenth = perTenth.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            return String.format(Locale.ROOT, "%s: %d sockets, %d with a hint; reconnect attempts at the surviving node: "
                            + "peak %d in one second, peak %d in 100 ms (= %d/s), last at %.1f s; per second %s; "
                            + "stop() took %.1f s",
                    label, SOCKETS, hinted.get(), peakSecond, peakTenth, peakTenth * 10, last / 1000.0,
                    perSecond.values(), drainMs / 1000.0);
        } finally {
            timers.shutdownNow();
        }
    }
}
