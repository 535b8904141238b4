package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.avgym.client.HttpBackendApi;
import com.avgym.client.JavaWebSocketTransport;
import com.avgym.client.ServerTrust;
import com.avgym.client.Transport;
import com.avgym.protocol.CertificateFingerprint;
import com.avgym.protocol.message.TokenPair;
import com.avgym.server.support.TestCertificates;
import com.avgym.server.support.TestCertificates.KeyFormat;
import com.avgym.server.support.TestServer;
import com.avgym.server.tls.SelfSignedCertificate;
import com.avgym.server.tls.TransportSecurity;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code avgym server --tls}: HTTPS and WSS on one port, real certificates, real handshakes, nothing in clear. */
class TlsServerTest {
    @TempDir
    Path dir;

    @Test
    void restAndWebSocketBothWorkOverTlsAndEveryResponseCarriesHsts() throws Exception {
        try (TestServer server = TestServer.start(c -> c.withTransport(TransportSecurity.selfSigned()))) {
            AvGymServer s = server.server();
            assertThat(s.baseUrl()).startsWith("https://");
            assertThat(s.wsUrl()).startsWith("wss://");
            ServerTrust pin = ServerTrust.pinned(s.certificateFingerprint().orElseThrow());
            HttpClient http = HttpClient.newBuilder().sslContext(pin.sslContext()).connectTimeout(Duration.ofSeconds(5)).build();

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(health.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/api/nothing-here")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");

            TokenPair tokens = new HttpBackendApi(URI.create(s.baseUrl()), Duration.ofSeconds(5), pin)
                    .login("desk", TestServer.PASSWORD.toCharArray());
            List<String> frames = new CopyOnWriteArrayList<>();
            Transport.Socket socket = new JavaWebSocketTransport(5_000, pin).connect(URI.create(s.wsUrl()), tokens.access(),
                    new Transport.Listener() {
                        @Override
                        public void onOpen() {
                        }

                        @Override
                        public void onText(String text) {
                            frames.add(text);
                        }

                        @Override
                        public void onClosed(int code, String reason) {
                            frames.add("closed " + code + " " + reason);
                        }
                    });
            await("hello over wss").atMost(Duration.ofSeconds(10))
                    .until(() -> frames.stream().anyMatch(f -> f.contains("\"type\":\"hello\"")));
            socket.close(1000, "done");
        }
    }

    @Test
    void aPlainHttpClientGetsNoAnswerFromTheTlsPort() throws Exception {
        try (TestServer server = TestServer.start(c -> c.withTransport(TransportSecurity.selfSigned()))) {
            int port = server.server().port();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest plain = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                    .timeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> http.send(plain, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);

            // The same, byte by byte: whatever comes back is not an HTTP answer.
            try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), port)) {
                raw.setSoTimeout(5_000);
                raw.getOutputStream().write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String answer = new String(readAll(raw.getInputStream()), StandardCharsets.ISO_8859_1);
                assertThat(answer).doesNotContain("HTTP/1.").doesNotContain("\"status\"");
            }
        }
    }

    @Test
    void theSelfSignedCertificateIsMadeOnceKeptOwnerOnlyAndReusedOnRestart() throws Exception {
        String first;
        try (TestServer server = TestServer.start(dir, c -> c.withTransport(TransportSecurity.selfSigned()))) {
            first = server.server().certificateFingerprint().orElseThrow();
            assertThat(server.server().certificate().orElseThrow().selfSigned()).isTrue();
        }
        Path key = dir.resolve(SelfSignedCertificate.KEY_FILE);
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        byte[] keyBytes = Files.readAllBytes(key);

        try (TestServer again = TestServer.start(dir, c -> c.withTransport(TransportSecurity.selfSigned()))) {
            assertThat(again.server().certificateFingerprint()).hasValue(first);
            // and it is the certificate actually served: a desk pinned to the printed fingerprint signs in
            new HttpBackendApi(URI.create(again.server().baseUrl()), Duration.ofSeconds(5), ServerTrust.pinned(first))
                    .login("desk", TestServer.PASSWORD.toCharArray());
        }
        assertThat(Files.readAllBytes(key)).isEqualTo(keyBytes);
    }

    @ParameterizedTest
    @EnumSource(KeyFormat.class)
    void pemFilesGivenOnTheCommandLineAreServedWithTheirChain(KeyFormat format) throws Exception {
        TestCertificates.Issued issued = TestCertificates.issue(dir, format);
        assertThat(Files.readString(issued.keyFile())).startsWith(switch (format) {
            case PKCS8_EC -> "-----BEGIN PRIVATE KEY-----";
            case PKCS1_RSA -> "-----BEGIN RSA PRIVATE KEY-----";
            case SEC1_EC -> "-----BEGIN EC PRIVATE KEY-----";
        });
        try (TestServer server = TestServer.start(c -> c.withTransport(
                TransportSecurity.pemFiles(issued.chainFile(), issued.keyFile())))) {
            AvGymServer s = server.server();
            assertThat(s.certificateFingerprint()).hasValue(CertificateFingerprint.sha256(issued.leaf().getEncoded()));
            assertThat(s.certificate().orElseThrow().chain()).hasSize(2);
            // A desk trusting the CA (as a system trust store would) checks the chain and the name 127.0.0.1.
            SSLContext trustingCa = issued.trustingCa();
            HttpClient http = HttpClient.newBuilder().sslContext(trustingCa).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateStopsTheStartNamingBothFiles() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issue(dir, KeyFormat.PKCS8_EC);
        Path other = Files.createDirectories(dir.resolve("other"));
        TestCertificates.Issued wrong = TestCertificates.issue(other, KeyFormat.SEC1_EC);
        assertThatThrownBy(() -> TestServer.start(c -> c.withTransport(
                TransportSecurity.pemFiles(issued.chainFile(), wrong.keyFile()))))
                .rootCause().hasMessageContaining("does not belong").hasMessageContaining(issued.chainFile().toString())
                .hasMessageContaining(wrong.keyFile().toString());
    }

    @Test
    void plainHttpOnANonLoopbackAddressIsRefusedUnlessInsecureHttpIsGiven() throws Exception {
        AtomicInteger started = new AtomicInteger();
        assertThatThrownBy(() -> TestServer.start(c -> c.withAddress("0.0.0.0", 0)))
                .rootCause().hasMessageContaining("refusing to serve plain HTTP on 0.0.0.0").hasMessageContaining("--tls")
                .hasMessageContaining("--insecure-http");
        assertThat(TransportSecurity.plainHttp().refusal("127.0.0.1")).isEmpty();
        assertThat(TransportSecurity.plainHttp().refusal("localhost")).isEmpty();
        assertThat(TransportSecurity.plainHttp().allowingInsecureHttp(true).warning("0.0.0.0")).get().asString()
                .contains("--insecure-http").contains("in clear");

        try (TestServer insecure = TestServer.start(c -> c.withAddress("0.0.0.0", 0)
                .withTransport(TransportSecurity.plainHttp().allowingInsecureHttp(true)))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + insecure.server().port() + "/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            started.incrementAndGet();
        }
        assertThat(started).hasValue(1);
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException reset) {
            return new byte[0]; // the server dropped the connection: no answer at all
        }
    }
}
