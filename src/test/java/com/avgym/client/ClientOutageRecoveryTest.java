package com.avgym.client;

import static com.avgym.client.support.ClientFixture.BACKOFF_CAP;
import static com.avgym.client.support.ClientFixture.config;
import static com.avgym.client.support.ClientFixture.figure;
import static com.avgym.client.support.ClientFixture.startServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.avgym.client.support.ClientRecorder;
import com.avgym.client.support.TcpProxy;
import com.avgym.server.support.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outages against the real server behind a {@link TcpProxy} (issue 10, item 6): in an outage where nothing
 * answers the client never claims BACKUP and a scan is queued at once; once the server answers again the
 * client is LIVE within a poll interval, not at its next backoff slot. Each test records its "back to LIVE" figure.
 */
class ClientOutageRecoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(300);

    @TempDir
    Path tmp;

    private TestServer server;
    private TcpProxy proxy;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void signIn(ConnectionService c) throws Exception {
        c.signIn("desk", TestServer.PASSWORD.toCharArray()).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> c.snapshot().state() == ConnectionState.LIVE);
    }

    @Test
    void anOutageWhereNothingAnswersIsNeverBackupAndScansAreQueuedAtOnce() throws Exception {
        server = startServer(UnaryOperator.identity());
        proxy = new TcpProxy(server.server().port());
        ConnectionService c = ConnectionService.create(config(proxy.baseUri(), tmp.resolve("queue.db")));
        closing.add(c);
        ClientRecorder rec = new ClientRecorder();
        c.addListener(rec);
        signIn(c);

        // A first outage in which REST works: BACKUP is right then, and the client learns REST worked.
        proxy.refuseWebSockets(true);
        proxy.dropConnections();
        await().atMost(WAIT).until(() -> c.snapshot().state() == ConnectionState.BACKUP);
        proxy.refuseWebSockets(false);
        await().atMost(WAIT).until(() -> c.snapshot().state() == ConnectionState.LIVE);

        // The second: the server stops answering altogether (bytes stop, nothing is closed).
        int mark = rec.mark();
        proxy.pause();
        // Three failed attempts: down long enough to poll (the moment the old client claimed BACKUP).
        await().atMost(WAIT).until(() -> c.snapshot().state() != ConnectionState.LIVE && c.snapshot().attempt() >= 3);
        Instant scannedAt = Instant.now();
        ScanOutcome scan = c.checkIn("M0021", "Front desk", null).get(10, TimeUnit.SECONDS);
        Duration toQueued = Duration.between(scannedAt, Instant.now());
        assertThat(scan).isInstanceOf(ScanOutcome.Queued.class);
        figure("outage.nothing-answers scan-to-queued ms=" + toQueued.toMillis() + " (command timeout 2000)");
        assertThat(toQueued).as("queued at once, not after the 2 s command timeout").isLessThan(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> c.snapshot().state() == ConnectionState.OFFLINE);
        assertThat(rec.statesSince(mark)).as("no REST call answered in this outage").doesNotContain(ConnectionState.BACKUP);

        int back = rec.mark();
        Instant resumedAt = Instant.now();
        proxy.resume();
        await().atMost(WAIT).until(() -> c.snapshot().state() == ConnectionState.LIVE);
        Duration toLive = Duration.between(resumedAt, rec.first(back, s -> s.state() == ConnectionState.LIVE).orElseThrow().at());
        figure("outage.nothing-answers resumed-to-live ms=" + toLive.toMillis() + " bound(cap+poll+1s) ms="
                + BACKOFF_CAP.plus(POLL).plusSeconds(1).toMillis());
        assertThat(toLive).isLessThanOrEqualTo(BACKOFF_CAP.plus(POLL).plusSeconds(1));
        await().atMost(WAIT).until(() -> c.snapshot().pendingCount() == 0);
    }

    @Test
    void whenRestAnswersAgainTheSocketIsTriedAtOnceNotAtTheNextBackoffSlot() throws Exception {
        server = startServer(UnaryOperator.identity());
        proxy = new TcpProxy(server.server().port());
        // Full jitter pinned at its ceiling (1, 2, 4, 8 s...): the backoff slot is known and long.
        ClientConfig cfg = config(proxy.baseUri(), tmp.resolve("queue.db")).withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(20));
        ExecutorScheduler scheduler = new ExecutorScheduler("test-connection", Clock.systemUTC());
        ExecutorService disk = Executors.newSingleThreadExecutor();
        ExecutorService net = Executors.newSingleThreadExecutor();
        OfflineQueue queue = new OfflineQueue(cfg.queueFile());
        closing.add(queue);
        closing.add(disk::shutdownNow);
        closing.add(net::shutdownNow);
        closing.add(scheduler);
        ConnectionService c = new ConnectionService(cfg, scheduler, new JavaWebSocketTransport(2000),
                new HttpBackendApi(URI.create(proxy.baseUri().toString()), cfg.connectTimeout()), queue, disk, net,
                new Backoff(cfg.backoffBase(), cfg.backoffCap(), () -> 1.0));
        closing.add(c);
        ClientRecorder rec = new ClientRecorder();
        c.addListener(rec);
        signIn(c);

        proxy.cutAll();
        // OFFLINE (polls fail) and the next socket attempt still at least 3 s away.
        await().atMost(WAIT).until(() -> c.snapshot().state() == ConnectionState.OFFLINE && c.snapshot().nextRetryAt() != null
                && Duration.between(Instant.now(), c.snapshot().nextRetryAt()).compareTo(Duration.ofSeconds(3)) >= 0);
        int back = rec.mark();
        Instant restoredAt = Instant.now();
        Instant slot = c.snapshot().nextRetryAt();
        proxy.restore();
        await().atMost(WAIT).until(() -> c.snapshot().state() == ConnectionState.LIVE);
        Instant liveAt = rec.first(back, s -> s.state() == ConnectionState.LIVE).orElseThrow().at();
        Duration toLive = Duration.between(restoredAt, liveAt);
        figure("outage.network-restored-to-live ms=" + toLive.toMillis() + " (backoff slot was "
                + Duration.between(restoredAt, slot).toMillis() + " ms away; poll " + POLL.toMillis() + " ms)");
        assertThat(liveAt).as("before the backoff slot").isBefore(slot);
        assertThat(toLive).as("within a poll interval and a connect").isLessThanOrEqualTo(POLL.plusSeconds(1));
    }
}
