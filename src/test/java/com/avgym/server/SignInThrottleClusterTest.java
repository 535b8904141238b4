package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.avgym.server.auth.LocalSignInThrottle;
import com.avgym.server.support.MutableClock;
import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.TwoNodes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 3: two nodes on one PostgreSQL share the sign-in throttle, so guesses spread over both are limited
 * as on one node (a per-node count would allow twice the guesses).
 */
class SignInThrottleClusterTest {
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private TwoNodes nodes;

    @BeforeEach
    void start() {
        assumeTrue(TestServer.onPostgres(), "needs PostgreSQL (-Ppostgres)");
        nodes = TwoNodes.start(c -> c.withClock(clock, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    private static int guess(TestServer node, String username, String password) {
        return node.rest().post("/api/auth/token/", null, Map.of("username", username, "password", password)).status();
    }

    @Test
    void guessesAlternatingBetweenTwoNodesGetTheFreeFailuresOfOneNode() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 2 * LocalSignInThrottle.PAIR_FREE; i++) {
            statuses.add(guess(i % 2 == 0 ? nodes.a : nodes.b, "trainer", "guess-" + i));
        }
        assertThat(statuses.subList(0, LocalSignInThrottle.PAIR_FREE)).containsOnly(401);
        assertThat(statuses.subList(LocalSignInThrottle.PAIR_FREE, statuses.size())).as("locked on both nodes").containsOnly(429);

        Rest.Response refused = nodes.b.rest().post("/api/auth/token/", null,
                Map.of("username", "trainer", "password", TestServer.PASSWORD));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).contains("1");

        clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(guess(nodes.b, "trainer", TestServer.PASSWORD)).as("after the wait, on the other node").isEqualTo(200);
    }

    @Test
    void fortyGuessesSentAtOnceToBothNodesGetAtMostFiveEvaluated() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                TestServer node = i % 2 == 0 ? nodes.a : nodes.b;
                int k = i;
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return guess(node, "desk", "guess-" + k);
                }, pool));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> f : answers) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnly(401, 429);
            assertThat(statuses.stream().filter(s -> s == 401).count()).as("guesses evaluated over both nodes")
                    .isBetween(1L, (long) LocalSignInThrottle.PAIR_FREE);
        } finally {
            pool.shutdownNow();
        }
    }
}
