package com.avgym.client;

import static com.avgym.client.support.ClientFixture.config;
import static com.avgym.client.support.ClientFixture.history;
import static com.avgym.client.support.ClientFixture.restart;
import static com.avgym.client.support.ClientFixture.startServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.avgym.client.support.ClientRecorder;
import com.avgym.client.support.TcpProxy;
import com.avgym.protocol.OfflineVerdict;
import com.avgym.server.ServerConfig;
import com.avgym.server.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 6: a kiosk keeps deciding from its roster through a network cut (TcpProxy), its access token
 * expiring while cut off, the server killed and restarted; every scan it admitted reaches the server, and the
 * kiosk never needs a person to sign in again.
 */
class KioskFaultTest {
    private static final Duration TTL = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final UnaryOperator<ServerConfig> SHORT_TOKENS = c -> c.withTokenTtls(TTL, Duration.ofHours(1));

    @TempDir
    Path tmp;

    private static OfflineVerdict offline(ConnectionService kiosk, String number, List<String> admitted) throws Exception {
        ScanOutcome outcome = kiosk.checkIn(number, "Kiosk 1", null).get(10, TimeUnit.SECONDS);
        assertThat(outcome).as("scan of %s", number).isInstanceOf(ScanOutcome.Queued.class);
        OfflineVerdict verdict = ((ScanOutcome.Queued) outcome).verdict();
        if (verdict == OfflineVerdict.ADMIT) {
            admitted.add(number);
        }
        return verdict;
    }

    @Test
    void aKioskKeepsAdmittingKnownMembersThroughCutsExpiryAndARestart() throws Exception {
        TestServer server = startServer(SHORT_TOKENS);
        Path dataDir = server.dataDir();
        int port = server.server().port();
        List<String> admitted = new ArrayList<>();
        try (TcpProxy proxy = new TcpProxy(port);
             ConnectionService kiosk = ConnectionService.create(config(proxy.baseUri(), tmp.resolve("kiosk.db"))
                     .withLiveData(false))) {
            ClientRecorder rec = new ClientRecorder();
            kiosk.addListener(rec);
            kiosk.signIn("kiosk", TestServer.PASSWORD.toCharArray()).get(10, TimeUnit.SECONDS);
            await("roster synced").atMost(WAIT).until(() -> kiosk.roster().state().synced());

            // 1. The network is cut, for longer than the access token lives.
            proxy.cutAll();
            await().atMost(WAIT).until(() -> kiosk.snapshot().state() != ConnectionState.LIVE);
            assertThat(offline(kiosk, "M0001", admitted)).isEqualTo(OfflineVerdict.ADMIT);
            assertThat(offline(kiosk, "M0049", admitted)).isEqualTo(OfflineVerdict.REFUSE_EXPIRED);
            Instant expired = Instant.now().plus(TTL).plusSeconds(1);
            await("access token expired while cut off").atMost(TTL.plusSeconds(5)).until(() -> Instant.now().isAfter(expired));
            assertThat(offline(kiosk, "M0002", admitted)).isEqualTo(OfflineVerdict.ADMIT);
            assertThat(offline(kiosk, "M0050", admitted)).isEqualTo(OfflineVerdict.REFUSE_INACTIVE);

            proxy.restore();
            await("back and drained after the cut").atMost(WAIT).until(() -> kiosk.snapshot().state() == ConnectionState.LIVE
                    && kiosk.snapshot().pendingCount() == 0);

            // 2. The server is killed, then restarted on the same port.
            server.close();
            await().atMost(WAIT).until(() -> kiosk.snapshot().state() != ConnectionState.LIVE);
            assertThat(offline(kiosk, "M0003", admitted)).isEqualTo(OfflineVerdict.ADMIT);
            assertThat(offline(kiosk, "NOBODY", admitted)).isEqualTo(OfflineVerdict.UNKNOWN);
            server = restart(dataDir, port, SHORT_TOKENS);
            TestServer restarted = server;
            await("back and drained after the restart").atMost(WAIT)
                    .until(() -> kiosk.snapshot().state() == ConnectionState.LIVE && kiosk.snapshot().pendingCount() == 0);

            assertThat(rec.statesSince(0)).doesNotContain(ConnectionState.AUTH_REQUIRED);
            assertThat(history(restarted)).extracting(v -> v.membershipNumber())
                    .containsExactlyInAnyOrderElementsOf(admitted);
            assertThat(admitted).containsExactly("M0001", "M0002", "M0003");
        } finally {
            server.close();
        }
    }
}
