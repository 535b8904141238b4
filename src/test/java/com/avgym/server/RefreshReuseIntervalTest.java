package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.message.TokenPair;
import com.avgym.server.support.MutableClock;
import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import java.time.Duration;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A lost refresh reply must not sign a desk out: the same rotated refresh token presented again within 30 s,
 * while its successor is unused, gets the same successor pair; any other re-use still revokes the session.
 * Real HTTP, SQLite or PostgreSQL; the server's clock is moved by hand.
 */
class RefreshReuseIntervalTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static TestServer server;
    private static Rest rest;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withClock(CLOCK, ZoneOffset.UTC));
        rest = server.rest();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Rest.Response refresh(String token) {
        return rest.post("/api/auth/token/refresh/", null, Map.of("refresh", token));
    }

    private static TokenPair pair(Rest.Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return new TokenPair(r.body().path("access").asText(), r.body().path("refresh").asText(), null);
    }

    @Test
    void aRetryWithinTheIntervalGetsTheSamePairAndTheSessionGoesOn() {
        TokenPair first = server.login("desk");
        TokenPair second = pair(refresh(first.refresh()));
        CLOCK.advance(Duration.ofSeconds(29)); // the desk's reply was lost; it retries

        TokenPair retried = pair(refresh(first.refresh()));

        assertThat(retried.access()).isEqualTo(second.access());
        assertThat(retried.refresh()).isEqualTo(second.refresh());
        assertThat(rest.get("/api/auth/me/", retried.access()).status()).isEqualTo(200);
        TokenPair third = pair(refresh(retried.refresh()));
        assertThat(third.refresh()).isNotEqualTo(second.refresh());
        assertThat(rest.get("/api/auth/me/", third.access()).status()).isEqualTo(200);
    }

    @Test
    void concurrentRefreshesWithOneTokenAllGetTheSamePair() throws Exception {
        TokenPair first = server.login("desk");
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Rest.Response>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return refresh(first.refresh());
                }, pool));
            }
            go.countDown();
            List<TokenPair> pairs = new ArrayList<>();
            for (CompletableFuture<Rest.Response> a : answers) {
                pairs.add(pair(a.get(30, TimeUnit.SECONDS)));
            }
            assertThat(pairs).as("one rotation, the same pair for every racing request").allSatisfy(p -> {
                assertThat(p.refresh()).isEqualTo(pairs.getFirst().refresh());
                assertThat(p.access()).isEqualTo(pairs.getFirst().access());
            });
            assertThat(refresh(pairs.getFirst().refresh()).status()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reuseAfterTheSuccessorWasUsedRevokesTheChain() {
        TokenPair first = server.login("desk");
        TokenPair second = pair(refresh(first.refresh()));
        TokenPair third = pair(refresh(second.refresh()));

        Rest.Response reused = refresh(first.refresh()); // within the interval, but the successor was used
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.code()).isEqualTo("TOKEN_REVOKED");
        assertThat(refresh(third.refresh()).code()).isEqualTo("TOKEN_REVOKED");
        assertThat(rest.get("/api/auth/me/", third.access()).code()).isEqualTo("TOKEN_REVOKED");
    }

    @Test
    void reuseAfterTheIntervalRevokesTheChain() {
        TokenPair first = server.login("desk");
        TokenPair second = pair(refresh(first.refresh()));
        CLOCK.advance(Duration.ofSeconds(31));

        Rest.Response reused = refresh(first.refresh());
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.code()).isEqualTo("TOKEN_REVOKED");
        assertThat(refresh(second.refresh()).code()).as("the unused successor dies with it").isEqualTo("TOKEN_REVOKED");
        assertThat(rest.get("/api/auth/me/", second.access()).code()).isEqualTo("TOKEN_REVOKED");
    }

    @Test
    void aRetryAfterLogoutIsRevoked() {
        TokenPair first = server.login("desk");
        TokenPair second = pair(refresh(first.refresh()));
        assertThat(rest.post("/api/auth/logout/", second.access(), Map.of("refresh", second.refresh())).status()).isEqualTo(200);

        assertThat(refresh(first.refresh()).code()).isEqualTo("TOKEN_REVOKED");
    }

    @Test
    void theDatabaseHoldsNoTokenThatCouldBeReplayed() {
        TokenPair first = server.login("desk");
        TokenPair second = pair(refresh(first.refresh()));
        List<String> values = server.server().database().read(c -> {
            List<String> all = new ArrayList<>();
            try (var rs = c.createStatement().executeQuery("SELECT * FROM refresh_tokens")) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        all.add(String.valueOf(rs.getObject(i)));
                    }
                }
            }
            return all;
        });
        assertThat(values).isNotEmpty()
                .doesNotContain(first.access(), first.refresh(), second.access(), second.refresh())
                .allSatisfy(v -> assertThat(v).doesNotContain("eyJ")); // the start of every JWT
    }
}
