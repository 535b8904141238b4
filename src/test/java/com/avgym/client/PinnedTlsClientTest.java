package com.avgym.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.avgym.client.support.ByteForwarder;
import com.avgym.client.support.ClientFixture;
import com.avgym.desk.viewmodel.BannerView;
import com.avgym.desk.viewmodel.BannerViewModel;
import com.avgym.desk.viewmodel.SignInErrorText;
import com.avgym.server.support.TestServer;
import com.avgym.server.tls.TransportSecurity;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desk's connection service with its real transports (java.net.http, Java-WebSocket) against a real TLS server
 * with its self-signed certificate: pinned, it signs in and goes LIVE over WSS; pinned to another certificate, it
 * refuses with a clear error and sends nothing in clear. A forwarder in front records the first byte of every
 * connection (0x16: a TLS handshake) and can lead the desk's address to another server.
 */
class PinnedTlsClientTest {
    private static final int TLS_HANDSHAKE = 0x16;
    private static final String WRONG_PIN = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
            + "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";

    @TempDir
    Path dir;

    @Test
    void aDeskPinnedToTheSelfSignedCertificateSignsInAndGoesLiveOverWss() throws Exception {
        try (TestServer server = tlsServer();
             ByteForwarder forwarder = new ByteForwarder(server.server().port());
             ConnectionService desk = ConnectionService.create(ClientFixture.config(httpsVia(forwarder), dir.resolve("q.db")),
                     ServerTrust.pinned(server.server().certificateFingerprint().orElseThrow()))) {
            assertThat(ClientFixture.config(httpsVia(forwarder), dir.resolve("q.db")).socketUri().getScheme()).isEqualTo("wss");
            desk.signIn("desk", TestServer.PASSWORD.toCharArray()).get(10, TimeUnit.SECONDS);
            await("LIVE over wss").atMost(Duration.ofSeconds(10)).until(() -> desk.snapshot().state() == ConnectionState.LIVE);

            ScanOutcome scan = desk.checkIn("M0007", "Front desk", null).get(10, TimeUnit.SECONDS);
            assertThat(scan).isInstanceOf(ScanOutcome.Confirmed.class);
            assertThat(forwarder.firstBytes()).isNotEmpty().containsOnly(TLS_HANDSHAKE);
        }
    }

    @Test
    void aWrongPinIsRefusedWithAClearErrorAndNothingIsSentInClear() throws Exception {
        try (TestServer server = tlsServer();
             ByteForwarder forwarder = new ByteForwarder(server.server().port());
             ConnectionService desk = ConnectionService.create(ClientFixture.config(httpsVia(forwarder), dir.resolve("q.db")),
                     ServerTrust.pinned(WRONG_PIN))) {
            Throwable failure = catchFailure(() -> desk.signIn("desk", TestServer.PASSWORD.toCharArray()).get(10, TimeUnit.SECONDS));

            assertThat(failure).isInstanceOf(UntrustedServerException.class);
            String shown = SignInErrorText.of(failure);
            assertThat(shown).startsWith("Server certificate does not match the pinned fingerprint")
                    .contains(WRONG_PIN).contains(server.server().certificateFingerprint().orElseThrow());
            assertThat(desk.snapshot().state()).isEqualTo(ConnectionState.CLOSED);
            assertThat(forwarder.firstBytes()).isNotEmpty().containsOnly(TLS_HANDSHAKE);
        }
    }

    @Test
    void withoutAPinTheSystemTrustStoreRefusesASelfSignedServerAndSaysHowToPinIt() throws Exception {
        try (TestServer server = tlsServer();
             ConnectionService desk = ConnectionService.create(
                     ClientFixture.config(URI.create(server.server().baseUrl()), dir.resolve("q.db")), ServerTrust.system())) {
            Throwable failure = catchFailure(() -> desk.signIn("desk", TestServer.PASSWORD.toCharArray()).get(10, TimeUnit.SECONDS));
            assertThat(failure).isInstanceOf(UntrustedServerException.class);
            assertThat(SignInErrorText.of(failure)).startsWith("Server certificate is not trusted").contains("server-cert-sha256");
            assertThat(desk.snapshot().state()).isEqualTo(ConnectionState.CLOSED);
        }
    }

    @Test
    void aServerWithAnotherCertificateBehindTheSameAddressIsShownInTheBannerAndNeverTrusted() throws Exception {
        try (TestServer server = tlsServer();
             TestServer impostor = tlsServer();
             ByteForwarder forwarder = new ByteForwarder(server.server().port());
             ConnectionService desk = ConnectionService.create(ClientFixture.config(httpsVia(forwarder), dir.resolve("q.db")),
                     ServerTrust.pinned(server.server().certificateFingerprint().orElseThrow()))) {
            assertThat(impostor.server().certificateFingerprint()).isNotEqualTo(server.server().certificateFingerprint());
            desk.signIn("desk", TestServer.PASSWORD.toCharArray()).get(10, TimeUnit.SECONDS);
            await("LIVE").atMost(Duration.ofSeconds(10)).until(() -> desk.snapshot().state() == ConnectionState.LIVE);

            forwarder.pointAt(impostor.server().port());
            await("certificate refused").atMost(Duration.ofSeconds(15)).until(() -> desk.snapshot().lastError() != null
                    && desk.snapshot().lastError().type() == ErrorClass.UNTRUSTED_SERVER);

            ConnectionSnapshot s = desk.snapshot();
            assertThat(s.state()).isNotEqualTo(ConnectionState.LIVE);
            assertThat(s.lastError().message()).startsWith("Server certificate does not match the pinned fingerprint");
            assertThat(s.lastError().retryable()).isFalse();
            BannerView banner = new BannerViewModel(ZoneOffset.UTC, Duration.ofSeconds(5)).present(s, Instant.now());
            assertThat(banner.details()).anyMatch(l -> l.startsWith("Message: Server certificate does not match the pinned"))
                    .contains("Error type: UNTRUSTED_SERVER", "Retryable: no");
            assertThat(forwarder.firstBytes()).containsOnly(TLS_HANDSHAKE);
        }
    }

    @Test
    void aPinWithAPlainHttpAddressIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> new HttpBackendApi(URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1),
                ServerTrust.pinned(WRONG_PIN))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://");
        assertThatThrownBy(() -> ServerTrust.pinned("AB:CD")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hex digits");
        assertThat(ServerTrust.pinned(WRONG_PIN.replace(":", "").toLowerCase()).pin()).isEqualTo(WRONG_PIN);
    }

    private TestServer tlsServer() {
        return ClientFixture.startServer(c -> c.withTransport(TransportSecurity.selfSigned()));
    }

    private static URI httpsVia(ByteForwarder forwarder) {
        return URI.create("https://127.0.0.1:" + forwarder.port());
    }

    private interface Call {
        void run() throws Exception;
    }

    private static Throwable catchFailure(Call call) {
        try {
            call.run();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected the call to fail");
    }
}
