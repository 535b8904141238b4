package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.http.HttpPolicy;
import com.avgym.server.support.RawHttp;
import com.avgym.server.support.TestServer;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Item 5 of issue 9, with raw sockets: Jetty's own refusals answer the documented JSON, every response carries the
 * security headers and no Server banner, and the socket upgrade checks Origin against the allow-list.
 */
class HttpHardeningTest {
    private static final String ALLOWED = "https://frontdesk.example.com";
    private static TestServer server;
    private static String base;
    private static String host;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withHttpPolicy(HttpPolicy.defaults().withAllowedOrigins(List.of(ALLOWED))));
        base = server.server().baseUrl();
        URI uri = URI.create(base);
        host = uri.getHost() + ":" + uri.getPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawHttp.Answer get(String target, String extraHeaders) {
        return RawHttp.exchange(base, "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders
                + "Connection: close\r\n\r\n");
    }

    private static void assertErrorJson(RawHttp.Answer a, int status, String code) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.header("Content-Type")).startsWith("application/json");
        assertThat(a.header("Cache-Control")).isEqualTo("no-store");
        assertThat(a.json().path("code").asText()).isEqualTo(code);
        assertThat(a.json().path("message").asText()).isNotBlank();
        assertThat(a.json().path("retryable").isBoolean()).isTrue();
        assertThat(a.body()).doesNotContainIgnoringCase("<html").doesNotContain("Jetty");
        assertSecurityHeaders(a);
    }

    private static void assertSecurityHeaders(RawHttp.Answer a) {
        assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(a.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(a.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(a.header("Server")).as("no Server banner").isNull();
    }

    @Test
    void aBadEscapeInThePathIsJson400() {
        assertErrorJson(get("/api/members/%zz", ""), 400, "INVALID_REQUEST");
    }

    @Test
    void anAmbiguousPathIsJson400() {
        assertErrorJson(get("/api/members/by-number/a%2Fb", ""), 400, "INVALID_REQUEST");
    }

    @Test
    void aBadEscapeInTheQueryIsJson400() {
        String token = server.login("desk").access();
        assertErrorJson(get("/api/members?q=%zz", "Authorization: Bearer " + token + "\r\n"), 400, "INVALID_REQUEST");
    }

    @Test
    void anEncodedPercentInThePathIsJson400() {
        String token = server.login("desk").access();
        // Jetty refuses "%25" in a path as ambiguous; before, the router also decoded the path a second time.
        assertErrorJson(get("/api/members/by-number/%25zz", "Authorization: Bearer " + token + "\r\n"), 400,
                "INVALID_REQUEST");
    }

    @Test
    void anEncodedSpaceInAPathSegmentReachesTheRoute() {
        String token = server.login("desk").access();
        assertErrorJson(get("/api/members/by-number/M%200001", "Authorization: Bearer " + token + "\r\n"), 404,
                "MEMBER_NOT_FOUND");
    }

    @Test
    void anOverlongUriIsJson414() {
        assertErrorJson(get("/api/health?x=" + "a".repeat(20_000), ""), 414, "REQUEST_TOO_LARGE");
    }

    @Test
    void oversizedHeadersAreJson431() {
        assertErrorJson(get("/api/health", "X-Filler: " + "a".repeat(20_000) + "\r\n"), 431, "REQUEST_TOO_LARGE");
    }

    @Test
    void anAnnouncedOversizedBodyIsJson413() {
        RawHttp.Answer a = RawHttp.exchange(base, "POST /api/auth/token HTTP/1.1\r\nHost: " + host
                + "\r\nContent-Type: application/json\r\nContent-Length: 70000\r\n\r\n");
        assertErrorJson(a, 413, "REQUEST_TOO_LARGE");
        // A protected route checks the caller before it takes a body: a stranger's oversized body is a 401, unread.
        RawHttp.Answer stranger = RawHttp.exchange(base, "PATCH /api/users/trainer HTTP/1.1\r\nHost: " + host
                + "\r\nContent-Type: application/json\r\nContent-Length: 70000\r\n\r\n");
        assertErrorJson(stranger, 401, "TOKEN_MISSING");
        String admin = server.rest().login("admin", TestServer.PASSWORD).access();
        RawHttp.Answer patch = RawHttp.exchange(base, "PATCH /api/users/trainer HTTP/1.1\r\nHost: " + host
                + "\r\nAuthorization: Bearer " + admin
                + "\r\nContent-Type: application/json\r\nContent-Length: 70000\r\n\r\n");
        assertErrorJson(patch, 413, "REQUEST_TOO_LARGE");
    }

    @Test
    void aMalformedRequestLineIsJson400() {
        assertErrorJson(RawHttp.exchange(base, "GET /api/health HTTP/1.1\r\nHost: " + host + "\r\nBad Header\r\n\r\n"),
                400, "INVALID_REQUEST");
    }

    @Test
    void ordinaryAnswersCarryTheSecurityHeadersAndNoBanner() {
        RawHttp.Answer health = get("/api/health", "");
        assertThat(health.status()).isEqualTo(200);
        assertSecurityHeaders(health);
        assertErrorJson(get("/api/nowhere", ""), 404, "NOT_FOUND");
        assertErrorJson(get("/api/auth/me", ""), 401, "TOKEN_MISSING");
    }

    private static RawHttp.Answer upgrade(String origin) {
        String token = server.login("desk").access();
        return RawHttp.exchange(base, "GET /ws/checkins/ HTTP/1.1\r\nHost: " + host
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token + "\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n");
    }

    @Test
    void anUpgradeWithoutOriginIsADeskAndIsAccepted() {
        RawHttp.Answer a = upgrade(null);
        assertThat(a.status()).isEqualTo(101);
        assertSecurityHeaders(a);
    }

    @Test
    void anUpgradeFromAnAllowedOriginIsAccepted() {
        assertThat(upgrade(ALLOWED).status()).isEqualTo(101);
        assertThat(upgrade("HTTPS://FrontDesk.example.com").status()).as("origins compare case-insensitively").isEqualTo(101);
    }

    @Test
    void anUpgradeFromAnotherOriginIsRefused403() {
        for (String origin : List.of("https://evil.example", "null", "http://frontdesk.example.com",
                "https://frontdesk.example.com:8443")) {
            RawHttp.Answer a = upgrade(origin);
            assertThat(a.status()).as(origin).isEqualTo(403);
            assertThat(a.json().path("code").asText()).as(origin).isEqualTo("ORIGIN_NOT_ALLOWED");
            assertThat(a.json().path("retryable").asBoolean()).isFalse();
            assertThat(a.header("Cache-Control")).isEqualTo("no-store");
            assertSecurityHeaders(a);
        }
    }
}
