package com.avgym.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client-policy table of docs/PROTOCOL.md, row by row. */
class FailureClassifierTest {

    @ParameterizedTest(name = "close {0} -> {1}")
    @CsvSource({
            "1006, NETWORK", "-1, NETWORK", "1011, SERVER", "1001, RESTART", "1012, RESTART", "1013, OVERLOADED",
            "4429, OVERLOADED", "4401, TOKEN_EXPIRED", "4403, FORBIDDEN", "1002, PROTOCOL", "1009, PROTOCOL",
            "4400, PROTOCOL", "4408, HEARTBEAT", "4409, SLOW"})
    void closeCodes(int code, ErrorClass expected) {
        ConnectionError e = FailureClassifier.ofClose(code, "");
        assertThat(e.type()).isEqualTo(expected);
        assertThat(e.closeCode()).isEqualTo(code);
    }

    @ParameterizedTest(name = "1012 \"{0}\" -> wait {1} ms")
    @CsvSource(delimiter = '|', value = {
            "restart; retry-after-ms=2750 | 2750", "restart; retry-after-ms=0 | 0", "restart;retry-after-ms=15 | 15",
            "restart; retry-after-ms=999999999 | 60000", "server restarting | -1", " | -1",
            "restart; retry-after-ms=-5 | -1", "restart; retry-after-ms=12x | -1", "restart; retry-after-ms= | -1"})
    void aRestartCloseCarriesTheServersRetryHintCappedAtAMinute(String reason, long expectedMillis) {
        ConnectionError e = FailureClassifier.ofClose(1012, reason);
        assertThat(e.type()).isEqualTo(ErrorClass.RESTART);
        assertThat(e.retryAfter()).isEqualTo(expectedMillis < 0 ? null : Duration.ofMillis(expectedMillis));
    }

    @ParameterizedTest(name = "upgrade refused with {0} -> {1}")
    @CsvSource({"401, TOKEN_EXPIRED", "403, FORBIDDEN", "429, OVERLOADED", "503, OVERLOADED", "500, SERVER", "502, SERVER",
            "400, PROTOCOL"})
    void handshakeStatusesComeFromJavaWebSocketsReason(int status, ErrorClass expected) {
        String reason = "Invalid status code received: " + status + " Status line: HTTP/1.1 " + status + " Whatever";
        assertThat(FailureClassifier.handshakeStatus(1002, reason)).hasValue(status);
        ConnectionError e = FailureClassifier.ofClose(1002, reason);
        assertThat(e.type()).isEqualTo(expected);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.closeCode()).isNull();
    }

    @Test
    void aRefusedCertificateIsItsOwnClassNotRetryableAndNotANetworkBlip() {
        ConnectionError socket = FailureClassifier.ofClose(FailureClassifier.TLS_REFUSED,
                "Server certificate does not match the pinned fingerprint (...)");
        assertThat(socket.type()).isEqualTo(ErrorClass.UNTRUSTED_SERVER);
        assertThat(socket.retryable()).isFalse();
        assertThat(socket.closeCode()).as("1015 is never on the wire").isNull();
        assertThat(socket.message()).startsWith("Server certificate does not match");

        java.io.IOException handshake = new javax.net.ssl.SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new java.security.cert.CertificateException("unable to find valid certification path"));
        ConnectionError rest = FailureClassifier.ofIo("token refresh failed", UntrustedServerException.classify(handshake));
        assertThat(rest.type()).isEqualTo(ErrorClass.UNTRUSTED_SERVER);
        assertThat(rest.message()).startsWith("Server certificate is not trusted").contains("server-cert-sha256");
        assertThat(FailureClassifier.ofIo("token refresh failed", new java.net.ConnectException()).message())
                .isEqualTo("token refresh failed (ConnectException)");
    }

    @Test
    void handshakeParserIgnoresOtherReasonsAndCodes() {
        assertThat(FailureClassifier.handshakeStatus(1002, "bad frame")).isEmpty();
        assertThat(FailureClassifier.handshakeStatus(1006, "Invalid status code received: 401")).isEmpty();
        assertThat(FailureClassifier.handshakeStatus(1002, null)).isEmpty();
    }

    @Test
    void overloadWaitsRetryAfterOrThirtySeconds() {
        assertThat(FailureClassifier.ofHttp(429, "RATE_LIMITED", "x", Duration.ofSeconds(90)).retryAfter()).hasSeconds(90);
        assertThat(FailureClassifier.ofHttp(503, null, "x", Duration.ofSeconds(5)).retryAfter()).hasSeconds(30);
        assertThat(FailureClassifier.ofClose(1013, "").retryAfter()).hasSeconds(30);
    }

    @Test
    void onlyAuthFailuresAreNotRetryable() {
        assertThat(FailureClassifier.refreshRefused(401, "TOKEN_REVOKED").type()).isEqualTo(ErrorClass.AUTH_INVALID);
        assertThat(FailureClassifier.refreshRefused(401, null).retryable()).isFalse();
        assertThat(FailureClassifier.ofClose(4403, "").retryable()).isFalse();
        assertThat(FailureClassifier.ofClose(1006, "").retryable()).isTrue();
    }
}
