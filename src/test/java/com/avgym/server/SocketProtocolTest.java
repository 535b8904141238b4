package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Protocol v1 over a real socket: greeting, heartbeat, command replies, bad input and the limits. */
class SocketProtocolTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
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

    private static Map<String, Object> checkIn(String requestId, String number) {
        return Map.of("clientRequestId", requestId, "membershipNumber", number, "location", "Front desk");
    }

    private static String type(JsonNode frame) {
        return frame.path("type").asText();
    }

    private static String code(JsonNode frame) {
        return frame.path("payload").path("code").asText();
    }

    /** The socket is still usable: a heartbeat is answered with its own id. */
    private static void assertStillServed(WsClient c) {
        String hb = c.sendFrame("heartbeat", Map.of("ts", Instant.now().toString()));
        JsonNode ack = c.awaitReply(hb, WAIT);
        assertThat(type(ack)).isEqualTo("heartbeat_ack");
        assertThat(c.isClosedNow()).isFalse();
    }

    @Test
    void helloCarriesEveryFieldThenInitialStats() {
        Instant before = Instant.now();
        WsClient c = server.desk();
        try {
            List<JsonNode> frames = c.frames();
            JsonNode hello = frames.get(0);
            assertThat(type(hello)).isEqualTo("hello");
            JsonNode p = hello.path("payload");
            assertThat(p.path("protocolVersion").asInt()).isEqualTo(1);
            assertThat(p.path("connectionId").asText()).isNotBlank();
            Instant serverTime = Instant.parse(p.path("serverTime").asText());
            assertThat(serverTime).isBetween(before.minusSeconds(5), Instant.now().plusSeconds(5));
            assertThat(p.path("heartbeatIntervalMs").asLong()).isEqualTo(10_000L);
            assertThat(Instant.parse(p.path("accessExpiresAt").asText())).isAfter(Instant.now());
            assertThat(p.path("lastSeq").isIntegralNumber()).isTrue();
            assertThat(p.path("lastSeq").asLong()).isGreaterThanOrEqualTo(0);

            JsonNode stats = frames.get(1);
            assertThat(type(stats)).isEqualTo("initial_stats");
            assertThat(stats.path("seq").asLong()).isEqualTo(p.path("lastSeq").asLong());
            assertThat(stats.path("payload").isObject()).isTrue();

            WsClient other = server.desk();
            assertThat(other.frames().get(0).path("payload").path("connectionId").asText())
                    .isNotEqualTo(p.path("connectionId").asText());
            other.close();
        } finally {
            c.close();
        }
    }

    @Test
    void heartbeatIsAnsweredWithTheSameId() {
        WsClient c = server.desk();
        String id = c.sendFrame("heartbeat", Map.of("ts", Instant.now().toString()));
        JsonNode ack = c.awaitReply(id, WAIT);
        assertThat(type(ack)).isEqualTo("heartbeat_ack");
        assertThat(ack.path("id").asText()).isEqualTo(id);
        c.close();
    }

    @Test
    void checkInAndCheckOutAnswerSuccessOrEachDomainError() {
        WsClient c = server.desk();
        try {
            JsonNode notFound = c.awaitReply(c.sendFrame("check_in", checkIn(rid(), "M9999")), WAIT);
            assertThat(type(notFound)).isEqualTo("check_in_error");
            assertThat(code(notFound)).isEqualTo("MEMBER_NOT_FOUND");

            JsonNode inactive = c.awaitReply(c.sendFrame("check_in", checkIn(rid(), "M0050")), WAIT);
            assertThat(type(inactive)).isEqualTo("check_in_error");
            assertThat(code(inactive)).isEqualTo("MEMBER_INACTIVE");

            JsonNode expired = c.awaitReply(c.sendFrame("check_in", checkIn(rid(), "M0049")), WAIT);
            assertThat(type(expired)).isEqualTo("check_in_error");
            assertThat(code(expired)).isEqualTo("MEMBERSHIP_EXPIRED");
            assertThat(expired.path("payload").path("details").path("expiredOn").asText()).isNotBlank();

            String first = rid();
            JsonNode ok = c.awaitReply(c.sendFrame("check_in", checkIn(first, "M0005")), WAIT);
            assertThat(type(ok)).isEqualTo("check_in_success");
            assertThat(ok.path("payload").path("duplicate").asBoolean()).isFalse();
            assertThat(ok.path("payload").path("clientRequestId").asText()).isEqualTo(first);
            String visitId = ok.path("payload").path("checkIn").path("id").asText();

            String second = rid();
            JsonNode already = c.awaitReply(c.sendFrame("check_in", checkIn(second, "M0005")), WAIT);
            assertThat(type(already)).isEqualTo("check_in_error");
            assertThat(code(already)).isEqualTo("ALREADY_CHECKED_IN");
            assertThat(already.path("payload").path("clientRequestId").asText()).isEqualTo(second);
            assertThat(already.path("payload").path("details").path("checkInId").asText()).isEqualTo(visitId);

            JsonNode notIn = c.awaitReply(c.sendFrame("check_out",
                    Map.of("clientRequestId", rid(), "membershipNumber", "M0006")), WAIT);
            assertThat(type(notIn)).isEqualTo("check_out_error");
            assertThat(code(notIn)).isEqualTo("NOT_CHECKED_IN");

            JsonNode out = c.awaitReply(c.sendFrame("check_out",
                    Map.of("clientRequestId", rid(), "checkInId", visitId)), WAIT);
            assertThat(type(out)).isEqualTo("check_out_success");
            assertThat(out.path("payload").path("checkIn").path("id").asText()).isEqualTo(visitId);
            assertThat(out.path("payload").path("checkIn").path("checkOutTime").asText()).isNotBlank();

            JsonNode outAgain = c.awaitReply(c.sendFrame("check_out",
                    Map.of("clientRequestId", rid(), "checkInId", visitId)), WAIT);
            assertThat(type(outAgain)).isEqualTo("check_out_error");
            assertThat(code(outAgain)).isEqualTo("NOT_CHECKED_IN");
        } finally {
            c.close();
        }
    }

    @Test
    void aTrainersCheckInIsForbidden() {
        WsClient trainer = WsClient.open(server.wsUrl(), server.login("trainer").access());
        try {
            JsonNode reply = trainer.awaitReply(trainer.sendFrame("check_in", checkIn(rid(), "M0007")), WAIT);
            assertThat(type(reply)).isEqualTo("check_in_error");
            assertThat(code(reply)).isEqualTo("FORBIDDEN");
            JsonNode outReply = trainer.awaitReply(trainer.sendFrame("check_out",
                    Map.of("clientRequestId", rid(), "membershipNumber", "M0007")), WAIT);
            assertThat(type(outReply)).isEqualTo("check_out_error");
            assertThat(code(outReply)).isEqualTo("FORBIDDEN");
            assertStillServed(trainer);
            // Nothing was written: staff can still check the member in.
            WsClient desk = server.desk();
            assertThat(type(desk.awaitReply(desk.sendFrame("check_in", checkIn(rid(), "M0007")), WAIT)))
                    .isEqualTo("check_in_success");
            desk.close();
        } finally {
            trainer.close();
        }
    }

    @Test
    void theSameClientRequestIdTwiceGivesTheFirstAnswerMarkedDuplicate() {
        WsClient c = server.desk();
        try {
            String requestId = rid();
            JsonNode first = c.awaitReply(c.sendFrame("check_in", checkIn(requestId, "M0008")), WAIT);
            JsonNode second = c.awaitReply(c.sendFrame("check_in", checkIn(requestId, "M0008")), WAIT);
            assertThat(type(first)).isEqualTo("check_in_success");
            assertThat(type(second)).isEqualTo("check_in_success");
            assertThat(first.path("payload").path("duplicate").asBoolean()).isFalse();
            assertThat(second.path("payload").path("duplicate").asBoolean()).isTrue();
            assertThat(second.path("payload").path("checkIn").path("id").asText())
                    .isNotBlank()
                    .isEqualTo(first.path("payload").path("checkIn").path("id").asText());
        } finally {
            c.close();
        }
    }

    static Stream<Arguments> badFrames() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"type\": \"heartbeat\", oops", "INVALID_JSON"),
                Arguments.of("JSON array", "[{\"type\":\"heartbeat\"}]", "INVALID_MESSAGE"),
                Arguments.of("missing type", "{\"id\":\"a1\",\"payload\":{}}", "INVALID_MESSAGE"),
                Arguments.of("wrong-typed id", "{\"type\":\"heartbeat\",\"id\":42,\"payload\":{}}", "INVALID_MESSAGE"),
                Arguments.of("unknown type", "{\"type\":\"teleport\",\"id\":\"a2\",\"payload\":{}}", "UNKNOWN_TYPE"),
                Arguments.of("server-only type", "{\"type\":\"hello\",\"id\":\"a3\",\"payload\":{}}", "UNKNOWN_TYPE"),
                Arguments.of("server-only broadcast type",
                        "{\"type\":\"member_checked_in\",\"id\":\"a4\",\"payload\":{}}", "UNKNOWN_TYPE"));
    }

    @ParameterizedTest(name = "{0} -> error {2}, socket stays open")
    @MethodSource("badFrames")
    void badInputIsAnsweredWithAnErrorFrameAndTheSocketStaysOpen(String what, String text, String expectedCode) {
        WsClient c = server.desk();
        try {
            c.send(text);
            JsonNode error = c.awaitType("error", WAIT);
            assertThat(code(error)).as(what).isEqualTo(expectedCode);
            assertThat(error.path("payload").path("message").asText()).isNotBlank();
            assertStillServed(c);
            assertThat(c.frames()).filteredOn(f -> type(f).equals("error")).hasSize(1);
        } finally {
            c.close();
        }
    }

    @Test
    void aBinaryFrameIsAnsweredWithInvalidMessage() {
        WsClient c = server.desk();
        try {
            c.send(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
            JsonNode error = c.awaitType("error", WAIT);
            assertThat(code(error)).isEqualTo("INVALID_MESSAGE");
            assertStillServed(c);
        } finally {
            c.close();
        }
    }

    @Test
    void aCheckInWithMissingFieldsGetsItsOwnCheckInError() {
        WsClient c = server.desk();
        try {
            String id = c.sendFrame("check_in", Map.of("membershipNumber", "M0009"));
            JsonNode reply = c.awaitReply(id, WAIT);
            assertThat(type(reply)).isEqualTo("check_in_error");
            assertThat(code(reply)).isEqualTo("INVALID_MESSAGE");
            assertThat(reply.path("payload").path("message").asText()).contains("clientRequestId");

            String noLocation = c.sendFrame("check_in", Map.of("clientRequestId", rid(), "membershipNumber", "M0009"));
            JsonNode reply2 = c.awaitReply(noLocation, WAIT);
            assertThat(type(reply2)).isEqualTo("check_in_error");
            assertThat(code(reply2)).isEqualTo("INVALID_MESSAGE");
            assertStillServed(c);
        } finally {
            c.close();
        }
    }

    @Test
    void tenViolationsCloseTheSocketWith4400() {
        WsClient c = server.desk();
        for (int i = 0; i < 10; i++) {
            c.send("not json " + i);
        }
        WsClient.Closed closed = c.awaitClose(WAIT);
        assertThat(closed.code()).isEqualTo(4400);
        assertThat(closed.remote()).isTrue();
        assertThat(c.frames()).filteredOn(f -> type(f).equals("error"))
                .hasSizeGreaterThanOrEqualTo(9)
                .allSatisfy(f -> assertThat(code(f)).isEqualTo("INVALID_JSON"));
    }

    @Test
    void nineViolationsDoNotClose() {
        WsClient c = server.desk();
        try {
            for (int i = 0; i < 9; i++) {
                c.send("not json " + i);
            }
            c.await(f -> c.frames().stream().filter(x -> type(x).equals("error")).count() >= 9, WAIT, "9 error frames");
            assertStillServed(c);
        } finally {
            c.close();
        }
    }

    @Test
    void aFrameOver64KiBClosesWith1009AndOthersAreStillServed() {
        WsClient bystander = server.desk();
        WsClient c = server.desk();
        try {
            c.send("{\"type\":\"heartbeat\",\"payload\":{\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}}");
            WsClient.Closed closed = c.awaitClose(WAIT);
            assertThat(closed.code()).isEqualTo(1009);
            assertStillServed(bystander);
        } finally {
            bystander.close();
            c.close();
        }
    }

    @Test
    void aFloodIsRateLimitedThenClosedWith4429WhileOthersAreServed() {
        WsClient bystander = server.desk();
        WsClient flooder = server.desk();
        try {
            int sent = 0;
            long floodStart = System.nanoTime();
            for (int i = 0; i < 1_000 && !flooder.isClosedNow(); i++) {
                try {
                    flooder.send("{\"type\":\"heartbeat\",\"id\":\"f" + i + "\",\"payload\":{}}");
                    sent++;
                } catch (org.java_websocket.exceptions.WebsocketNotConnectedException closedAlready) {
                    break;
                }
            }
            long t0 = System.nanoTime();
            double floodSeconds = (t0 - floodStart) / 1e9;
            String hb = bystander.sendFrame("heartbeat", Map.of());
            bystander.awaitReply(hb, Duration.ofSeconds(2));
            long bystanderMs = (System.nanoTime() - t0) / 1_000_000;

            WsClient.Closed closed = flooder.awaitClose(WAIT);
            assertThat(closed.code()).isEqualTo(4429);
            assertThat(sent).isGreaterThan(40);
            assertThat(flooder.frames()).filteredOn(f -> type(f).equals("error"))
                    .isNotEmpty()
                    .allSatisfy(f -> assertThat(code(f)).isEqualTo("RATE_LIMITED"));
            // The token bucket lets through its burst plus its rate over the time the server spent on the
            // flood (first to last answer, by the server's own timestamps), no more.
            var limits = com.avgym.server.ws.SocketLimits.defaults(Duration.ofSeconds(10));
            var answers = flooder.frames().stream().filter(f -> f.has("ts")).toList();
            double serverSeconds = java.time.Duration.between(java.time.Instant.parse(answers.getFirst().path("ts").asText()),
                    java.time.Instant.parse(answers.getLast().path("ts").asText())).toNanos() / 1e9;
            long allowed = limits.burst() + (long) Math.ceil(limits.framesPerSecond() * Math.max(floodSeconds, serverSeconds)) + 1;
            assertThat(flooder.frames()).filteredOn(f -> type(f).equals("heartbeat_ack")).hasSizeBetween(1, (int) allowed);
            assertThat(bystanderMs).as("bystander heartbeat round trip (ms)").isLessThan(2_000);
            assertThatCode(() -> assertStillServed(bystander)).doesNotThrowAnyException();
        } finally {
            bystander.close();
            flooder.close();
        }
    }
}
