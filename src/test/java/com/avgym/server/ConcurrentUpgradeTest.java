package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.avgym.server.support.RawWsClient;
import com.avgym.server.support.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-user socket limit (10) holds when upgrades arrive at the same moment: 3 users x 40 simultaneous
 * upgrades, three rounds, never more than 10 sockets per user, and every slot back once they close or drop.
 */
class ConcurrentUpgradeTest {
    private static final int LIMIT = 10;
    private static final int PER_USER = 40;
    private static final List<String> USERS = List.of("desk", "admin", "trainer");
    private static TestServer server;
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        pool = Executors.newFixedThreadPool(USERS.size() * PER_USER);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        server.close();
    }

    private static <T> List<T> atOnce(List<Supplier<T>> tasks) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Supplier<T> task : tasks) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return task.get();
            }, pool));
        }
        go.countDown();
        List<T> out = new ArrayList<>();
        for (CompletableFuture<T> f : futures) {
            out.add(f.get(60, TimeUnit.SECONDS));
        }
        return out;
    }

    private static void awaitNothingHeld() {
        await("all sockets closed and every slot given back").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(server.server().openSockets()).as("open sockets").isZero();
            assertThat(server.server().socketSlotsInUse()).as("slots held").isZero();
        });
    }

    @Test
    void threeRoundsOfFortySimultaneousUpgradesPerUserNeverOpenMoreThanTheLimit() throws Exception {
        Map<String, String> tokens = Map.of("desk", server.login("desk").access(), "admin", server.login("admin").access(),
                "trainer", server.login("trainer").access());
        for (int round = 1; round <= 3; round++) {
            List<Supplier<Map.Entry<String, RawWsClient>>> upgrades = new ArrayList<>();
            for (String user : USERS) {
                for (int i = 0; i < PER_USER; i++) {
                    upgrades.add(() -> Map.entry(user, RawWsClient.connect(server.wsUrl(), tokens.get(user), 0)));
                }
            }
            List<Map.Entry<String, RawWsClient>> clients = atOnce(upgrades);
            try {
                for (String user : USERS) {
                    List<RawWsClient> mine = clients.stream().filter(e -> e.getKey().equals(user)).map(Map.Entry::getValue).toList();
                    assertThat(mine.stream().filter(c -> c.status() == 101).count()).as("round %d, %s: sockets opened", round, user)
                            .isEqualTo(LIMIT);
                    assertThat(mine).filteredOn(c -> c.status() != 101).allSatisfy(c -> {
                        assertThat(c.status()).isEqualTo(429);
                        assertThat(c.responseHead()).containsIgnoringCase("Retry-After: 10");
                    });
                }
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(server.server().openSockets()).as("open sockets").isEqualTo(USERS.size() * LIMIT));
                assertThat(server.server().socketSlotsInUse()).isEqualTo(USERS.size() * LIMIT);
            } finally {
                clients.forEach(e -> e.getValue().close());
            }
            awaitNothingHeld();
        }
    }

    @Test
    void upgradesDroppedByTheClientGiveTheirSlotsBack() throws Exception {
        String token = server.login("desk").access();
        URI uri = URI.create(server.wsUrl());
        List<Supplier<Boolean>> drops = new ArrayList<>();
        for (int i = 0; i < PER_USER; i++) {
            drops.add(() -> {
                // Sends the upgrade and hangs up without waiting for the answer.
                try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
                    OutputStream out = s.getOutputStream();
                    out.write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                            + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
        }
        assertThat(atOnce(drops)).containsOnly(true);
        awaitNothingHeld();

        List<RawWsClient> full = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                full.add(RawWsClient.connect(server.wsUrl(), token, 0));
            }
            assertThat(full).as("all ten slots are free again").allSatisfy(c -> assertThat(c.status()).isEqualTo(101));
        } finally {
            full.forEach(RawWsClient::close);
        }
        awaitNothingHeld();
    }
}
