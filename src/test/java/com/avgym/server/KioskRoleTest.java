package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.message.TokenPair;
import com.avgym.server.http.Router;
import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kiosk role on a real server: what a device account may do over REST and the socket, and what it never sees. */
class KioskRoleTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** The routes a kiosk may call besides the public ones (PROTOCOL.md section 11, access "kiosk"). */
    private static final Set<String> KIOSK_ROUTES = Set.of("POST /api/auth/logout", "GET /api/auth/me",
            "POST /api/checkins", "GET /api/members/{id}/photo", "GET /api/members/roster");
    private static final Set<String> PUBLIC_ROUTES = Set.of("GET /api/health", "POST /api/auth/token",
            "POST /api/auth/token/refresh", "GET /metrics");
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String rid() {
        return "req-" + UUID.randomUUID();
    }

    private static Map<String, Object> checkIn(String number) {
        return Map.of("clientRequestId", rid(), "membershipNumber", number, "location", "Entrance");
    }

    private static String type(JsonNode frame) {
        return frame.path("type").asText();
    }

    private static String code(JsonNode frame) {
        return frame.path("payload").path("code").asText();
    }

    @Test
    void everyRegisteredRouteButTheKiosksOwnIsForbiddenToAKiosk() {
        String kiosk = server.login("kiosk").access();
        Set<String> allowed = new TreeSet<>();
        Set<String> publicRoutes = new TreeSet<>();
        List<Router.RouteInfo> routes = server.server().routes();
        assertThat(routes).hasSizeGreaterThan(15);
        for (Router.RouteInfo route : routes) {
            String name = route.method() + " " + route.path();
            if (route.access() == Router.Access.PUBLIC) {
                publicRoutes.add(name);
                continue;
            }
            String path = route.path().replaceAll("\\{[^}]+}", "x");
            // Logging out would end the token the walk uses: that route gets a session of its own.
            String token = name.equals("POST /api/auth/logout") ? server.login("kiosk").access() : kiosk;
            boolean hasBody = Set.of("POST", "PUT", "PATCH").contains(route.method());
            Rest.Response r = server.rest().request(route.method(), path, token, hasBody ? Map.of() : null);
            if (r.status() == 403 && "FORBIDDEN".equals(r.code())) {
                continue;
            }
            assertThat(r.status()).as("%s answered a kiosk %s %s", name, r.status(), r.text()).isNotIn(401, 403, 500);
            allowed.add(name);
        }
        assertThat(allowed).as("the routes open to a kiosk").isEqualTo(new TreeSet<>(KIOSK_ROUTES));
        // A new public route is open to everyone, kiosks included: it must be added here knowingly.
        assertThat(publicRoutes).isEqualTo(new TreeSet<>(PUBLIC_ROUTES));
    }

    @Test
    void aKioskChecksInOverRestButMayNotOverride() {
        String kiosk = server.login("kiosk").access();
        Rest.Response ok = server.rest().post("/api/checkins", kiosk, checkIn("M0011"));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.body().path("checkIn").path("membershipNumber").asText()).isEqualTo("M0011");

        Map<String, Object> override = Map.of("clientRequestId", rid(), "membershipNumber", "M0049",
                "location", "Entrance", "override", Map.of("reason", "says she renewed"));
        Rest.Response refused = server.rest().post("/api/checkins", kiosk, override);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("FORBIDDEN");
        String staff = server.login("desk").access();
        assertThat(server.rest().get("/api/members/by-number/M0049", staff).body().hasNonNull("openCheckInId"))
                .as("the refused override let nobody in").isFalse();
    }

    @Test
    void aKioskSocketChecksInButNeverSeesOtherPeoplesVisitsOrFigures() {
        TokenPair pair = server.login("kiosk");
        WsClient kiosk = WsClient.open(server.wsUrl(), pair.access());
        WsClient desk = server.desk();
        try {
            kiosk.awaitType("initial_stats", WAIT);
            Rest.Response staffScan = server.rest().post("/api/checkins", server.login("desk").access(), checkIn("M0012"));
            assertThat(staffScan.status()).isEqualTo(201);
            desk.awaitType("member_checked_in", WAIT);

            JsonNode own = kiosk.awaitReply(kiosk.sendFrame("check_in", checkIn("M0013")), WAIT);
            assertThat(type(own)).isEqualTo("check_in_success");
            desk.await(f -> type(f).equals("member_checked_in")
                    && f.path("payload").path("membershipNumber").asText().equals("M0013"), WAIT, "the kiosk's visit");

            JsonNode out = kiosk.awaitReply(kiosk.sendFrame("check_out",
                    Map.of("clientRequestId", rid(), "membershipNumber", "M0013")), WAIT);
            assertThat(type(out)).isEqualTo("check_out_error");
            assertThat(code(out)).isEqualTo("FORBIDDEN");
            JsonNode resume = kiosk.awaitReply(kiosk.sendFrame("resume", Map.of("lastSeq", 0)), WAIT);
            assertThat(type(resume)).isEqualTo("error");
            assertThat(code(resume)).isEqualTo("FORBIDDEN");
            String fresh = server.rest().post("/api/auth/token/refresh", null, Map.of("refresh", pair.refresh()))
                    .body().path("access").asText();
            JsonNode refreshed = kiosk.awaitReply(kiosk.sendFrame("auth_refresh", Map.of("access", fresh)), WAIT);
            assertThat(type(refreshed)).isEqualTo("auth_refreshed");

            // Broadcasts go out when the change commits, before any later answer on the same socket: so once the
            // heartbeat's ack is in, every broadcast of the two visits above would have arrived before it.
            JsonNode ack = kiosk.awaitReply(kiosk.sendFrame("heartbeat", Map.of("ts", Instant.now().toString())), WAIT);
            assertThat(type(ack)).isEqualTo("heartbeat_ack");
            assertThat(kiosk.frames()).extracting(KioskRoleTest::type).containsExactly("hello", "initial_stats",
                    "check_in_success", "check_out_error", "error", "auth_refreshed", "heartbeat_ack");
        } finally {
            kiosk.close();
            desk.close();
        }
    }

    @Test
    void anAdminMakesATrainerAKioskAndTheTrainersSocketCloses() {
        WsClient trainer = WsClient.open(server.wsUrl(), server.login("trainer").access());
        try {
            Rest.Response r = server.rest().patch("/api/users/trainer", server.login("admin").access(),
                    Map.of("role", "kiosk"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().path("role").asText()).isEqualTo("kiosk");
            assertThat(trainer.awaitClose(WAIT).code()).as("it may no longer read the visits it was sent").isEqualTo(4403);
            String asKiosk = server.login("trainer").access();
            assertThat(server.rest().get("/api/members", asKiosk).status()).isEqualTo(403);
            assertThat(server.rest().get("/api/auth/me", asKiosk).body().path("role").asText()).isEqualTo("kiosk");
        } finally {
            trainer.close();
            server.rest().patch("/api/users/trainer", server.login("admin").access(), Map.of("role", "trainer"));
        }
    }

    @Test
    void anUnknownRoleIsStillRefused() {
        Rest.Response r = server.rest().patch("/api/users/trainer", server.login("admin").access(), Map.of("role", "janitor"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("INVALID_MESSAGE");
        assertThat(r.body().path("message").asText()).contains("kiosk");
    }
}
