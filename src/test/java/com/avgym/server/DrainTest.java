package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.avgym.server.support.RawWsClient;
import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 4 against a real server: a graceful stop answers health and upgrades 503 with Retry-After at once,
 * then closes its sockets with 1012 in batches over the drain window, each with a retry hint.
 */
class DrainTest {
    private static final Pattern HINT = Pattern.compile("^restart; retry-after-ms=(\\d+)$");
    private static final int SOCKETS = 100;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private TestServer server;

    @AfterEach
    void cleanUp() {
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        if (server != null) {
            try {
                server.close();
            } catch (RuntimeException ignored) {
                // stopped by the test
            }
        }
    }

    @Test
    void aGracefulStopAnswers503WithRetryAfterThenClosesInBatchesWithRetryHints() throws Exception {
        server = TestServer.start(c -> c.withSocketLimits(1000, 200));
        String token = server.login("desk").access();
        List<WsClient> desks = new ArrayList<>();
        for (int i = 0; i < SOCKETS; i++) {
            WsClient d = WsClient.open(server.wsUrl(), token);
            toClose.add(d::close);
            desks.add(d);
        }
        // Never answers the close: the drain then waits out the close grace, so "draining" can be observed.
        RawWsClient stubborn = RawWsClient.connect(server.wsUrl(), token, 0);
        toClose.add(stubborn);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server().openSockets() == SOCKETS + 1);

        long drainStart = System.nanoTime();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.server().stop());

        Rest.Response health = server.rest().get("/api/health", null);
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body().path("status").asText()).isEqualTo("draining");
        assertThat(health.header("Retry-After")).hasValue("5");
        RawWsClient late = RawWsClient.connect(server.wsUrl(), token, 0);
        toClose.add(late);
        assertThat(late.status()).isEqualTo(503);
        assertThat(late.responseHead()).containsIgnoringCase("Retry-After: 5");

        List<Long> closedAfterMs = new ArrayList<>();
        for (WsClient d : desks) {
            WsClient.Closed closed = d.awaitClose(Duration.ofSeconds(15));
            assertThat(closed.code()).isEqualTo(1012);
            Matcher m = HINT.matcher(closed.reason());
            assertThat(m.matches()).as("reason '%s'", closed.reason()).isTrue();
            assertThat(Long.parseLong(m.group(1))).isBetween(0L, 249L);
            closedAfterMs.add(TimeUnit.NANOSECONDS.toMillis(d.closedAtNanos() - drainStart));
        }
        // 101 sockets: batches at 0, 250, 500 and 750 ms. A close can come late on a busy machine, never early.
        closedAfterMs.sort(null);
        assertThat(closedAfterMs.get(SOCKETS - 25)).isGreaterThanOrEqualTo(750);
        assertThat(closedAfterMs.get(SOCKETS - 50)).isGreaterThanOrEqualTo(500);
        assertThat(closedAfterMs.get(SOCKETS - 75)).isGreaterThanOrEqualTo(250);
        assertThat(stubborn.readUntilClose()).isEqualTo(1012);

        stopping.get(30, TimeUnit.SECONDS);
        assertThat(server.server().openSockets()).isZero();
    }

    @Test
    void aZeroWindowClosesEverySocketAtOnceWithoutAHint() throws Exception {
        server = TestServer.start(c -> c.withDrainWindow(Duration.ZERO));
        WsClient desk = server.desk();
        toClose.add(desk::close);
        server.server().stop();
        WsClient.Closed closed = desk.awaitClose(Duration.ofSeconds(10));
        assertThat(closed.code()).isEqualTo(1012);
        assertThat(closed.reason()).doesNotContain("retry-after-ms");
    }
}
