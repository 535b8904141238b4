package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.avgym.server.support.RawWsClient;
import com.avgym.server.support.Scrape;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 7: a desk that gives up during a slow greeting and closes must not stay registered. The greeting is
 * held on purpose (a hook on the upgrade's thread) until every client has closed, then let go.
 */
class GhostSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private TestServer server;

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // best effort
            }
        }
        if (server != null) {
            server.close();
        }
    }

    private double gauge() {
        return Scrape.parse(server.rest().get("/metrics", null).text()).value("avgym_ws_connections").orElse(-1.0);
    }

    private void assertNothingHeld() {
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(server.server().openSockets()).isZero();
            assertThat(server.server().socketSlotsInUse()).isZero();
            assertThat(gauge()).isZero();
        });
    }

    /** Holds every greeting until released; counts greetings that reached the hook. */
    private static final class HeldGreetings implements Runnable {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger arrived = new AtomicInteger();

        @Override
        public void run() {
            arrived.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void assertTenSocketsOpenAgain(String token) {
        server.server().beforeGreeting(() -> { });
        List<WsClient> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            WsClient c = WsClient.open(server.wsUrl(), token);
            toClose.add(c::close);
            ten.add(c);
        }
        assertThat(ten).allSatisfy(c -> assertThat(c.isClosedNow()).isFalse());
        await().atMost(WAIT).until(() -> server.server().openSockets() == 10);
    }

    @Test
    void clientsThatCloseTheirSocketDuringASlowGreetingAreNotKept() throws Exception {
        server = TestServer.start(c -> c);
        String token = server.login("desk").access();
        HeldGreetings held = new HeldGreetings();
        server.server().beforeGreeting(held);
        List<RawWsClient> quitters = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RawWsClient c = RawWsClient.connect(server.wsUrl(), token, 0);
            toClose.add(c);
            assertThat(c.status()).isEqualTo(101);
            quitters.add(c);
        }
        await().atMost(WAIT).until(() -> held.arrived.get() == 10);
        quitters.forEach(RawWsClient::close); // gives up: the TCP connection goes while the server still greets
        held.release.countDown();

        assertNothingHeld();
        assertTenSocketsOpenAgain(token);
    }

    @Test
    void clientsThatSendACloseFrameDuringASlowGreetingAreNotKept() throws Exception {
        server = TestServer.start(c -> c);
        String token = server.login("desk").access();
        HeldGreetings held = new HeldGreetings();
        server.server().beforeGreeting(held);
        List<WsClient> quitters = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            WsClient c = WsClient.connect(server.wsUrl(), token);
            toClose.add(c::close);
            quitters.add(c);
        }
        await().atMost(WAIT).until(() -> held.arrived.get() == 10);
        quitters.forEach(WsClient::close);
        held.release.countDown();

        assertNothingHeld();
        assertTenSocketsOpenAgain(token);
    }
}
