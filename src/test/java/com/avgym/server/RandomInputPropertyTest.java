package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.Json;
import com.avgym.server.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Item 4 of issue 9, as properties against the real server: random JSON values (and random bytes) at every body
 * route and random strings at every query parameter never get a 5xx, and every refusal is the documented
 * ErrorPayload {code, message, retryable} with a code the protocol defines.
 */
class RandomInputPropertyTest {
    private static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());
    private static final List<String> FIELDS = List.of("username", "password", "refresh", "active", "role",
            "clientRequestId", "membershipNumber", "memberId", "location", "notes", "occurredAt", "checkInId");
    private static final List<String> TRICKY = List.of("", " ", "M0001", "M0002", "staff", "admin", "member", "\u0000",
            Instant.MIN.toString(), Instant.MAX.toString(), "+300000000-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
            "2026-11-27T03:36:00Z", "not a time", "9".repeat(400), "x".repeat(5000), "\uD800", "💪");
    private static final Map<String, List<String>> QUERY_ROUTES = Map.of(
            "/api/members", List.of("q", "page", "perPage"),
            "/api/memberships/expiring", List.of("days"),
            "/api/checkins/history", List.of("status", "from", "to", "q", "page", "perPage"),
            "/api/checkins/hourly", List.of("date"),
            "/api/events", List.of("after", "limit"));
    private static final int LOGOUT_TRIES = 40;

    private static TestServer server;
    private static HttpClient http;
    private static String desk;
    private static String admin;
    private static final Deque<String> logoutTokens = new ArrayDeque<>();

    @BeforeContainer
    static void start() {
        server = TestServer.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        desk = server.login("desk").access();
        admin = server.login("admin").access();
        // Sessions for logout (which ends the caller's session), signed in before any random sign-in can be throttled.
        for (int i = 0; i < LOGOUT_TRIES + 5; i++) {
            logoutTokens.add(server.login("desk").access());
        }
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    enum BodyRoute {
        TOKEN("POST", "/api/auth/token"), REFRESH("POST", "/api/auth/token/refresh"), USERS("PATCH", "/api/users/trainer"),
        CHECK_IN("POST", "/api/checkins"), CHECK_OUT("POST", "/api/checkins/checkout");

        final String method;
        final String path;

        BodyRoute(String method, String path) {
            this.method = method;
            this.path = path;
        }

        String token() {
            return switch (this) {
                case TOKEN, REFRESH -> null;
                case USERS -> admin;
                case CHECK_IN, CHECK_OUT -> desk;
            };
        }
    }

    // --- generators ---------------------------------------------------------------------------------

    private static Arbitrary<JsonNode> json(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.just(NullNode.instance),
                Arbitraries.of(true, false).map(BooleanNode::valueOf),
                Arbitraries.longs().map(LongNode::valueOf),
                Arbitraries.doubles().map(DoubleNode::valueOf),
                Arbitraries.strings().ofMaxLength(30).map(TextNode::valueOf),
                Arbitraries.of(TRICKY).map(TextNode::valueOf));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> child = json(depth - 1);
        Arbitrary<JsonNode> array = child.list().ofMaxSize(3).map(items -> {
            ArrayNode a = Json.MAPPER.createArrayNode();
            items.forEach(a::add);
            return a;
        });
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(FIELDS), Arbitraries.strings().ofMaxLength(8));
        Arbitrary<JsonNode> object = Arbitraries.maps(key, child).ofMaxSize(6).map(fields -> {
            ObjectNode o = Json.MAPPER.createObjectNode();
            fields.forEach(o::set);
            return o;
        });
        return Arbitraries.frequencyOf(Tuple.of(2, leaf), Tuple.of(1, array), Tuple.of(5, object));
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> jsonBodies = json(3).map(n -> Json.write(n).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> text = Arbitraries.strings().ofMaxLength(40).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        return Arbitraries.frequencyOf(Tuple.of(6, jsonBodies), Tuple.of(1, text), Tuple.of(1, raw));
    }

    @Provide
    Arbitrary<String> queryValues() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30), Arbitraries.of(TRICKY),
                Arbitraries.of("-1", "0", "2147483648", "-9223372036854775808", "9223372036854775807",
                        "99999999999999999999", "1e3", " 7 ", "in", "OUT", "+300000000-01-01", "2026-02-30", "1999-12-31"),
                Arbitraries.integers().map(String::valueOf));
    }

    @Provide
    Arbitrary<String> queryRoutes() {
        return Arbitraries.of(QUERY_ROUTES.keySet());
    }

    // --- properties ---------------------------------------------------------------------------------

    @Property(tries = 400)
    void randomBodiesOnBodyRoutesAreNeverAServerError(@ForAll BodyRoute route, @ForAll("bodies") byte[] body) {
        assertDocumentedAnswer(send(route.method, route.path, route.token(), body), route.path);
    }

    @Property(tries = LOGOUT_TRIES)
    void randomBodiesOnLogoutAreNeverAServerError(@ForAll("bodies") byte[] body) {
        assertDocumentedAnswer(send("POST", "/api/auth/logout", logoutTokens.pop(), body), "/api/auth/logout");
    }

    @Property(tries = 400)
    void randomQueryParametersAreNeverAServerError(@ForAll("queryRoutes") String path, @ForAll("queryValues") String a,
                                                   @ForAll("queryValues") String b) {
        List<String> names = QUERY_ROUTES.get(path);
        // Each value in one parameter alone, then the route's parameters all at once (a, b alternating).
        for (String name : names) {
            assertDocumentedAnswer(send("GET", path + "?" + name + "=" + encode(a), desk, null), path);
        }
        StringBuilder all = new StringBuilder(path).append('?');
        for (int i = 0; i < names.size(); i++) {
            all.append(i == 0 ? "" : "&").append(names.get(i)).append('=').append(encode(i % 2 == 0 ? a : b));
        }
        assertDocumentedAnswer(send("GET", all.toString(), desk, null), path);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, String token, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.server().baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertDocumentedAnswer(HttpResponse<String> r, String route) {
        assertThat(r.statusCode()).as("%s answered %s", route, r.body()).isLessThan(500);
        if (r.statusCode() < 400) {
            return;
        }
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode error;
        try {
            error = Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(route + " answered a body that is not JSON: " + r.body(), e);
        }
        assertThat(error.path("code").asText()).as("%s code", route).isIn(CODES);
        assertThat(error.path("message").isTextual()).as("%s message", route).isTrue();
        assertThat(error.path("retryable").isBoolean()).as("%s retryable", route).isTrue();
        assertThat(error.path("retryable").asBoolean()).as("%s retryable", route)
                .isEqualTo(ErrorCode.valueOf(error.path("code").asText()).retryable());
    }
}
