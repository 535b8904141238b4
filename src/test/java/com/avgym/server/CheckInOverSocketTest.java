package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CheckInOverSocketTest {
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

    @Test
    void helloThenInitialStatsThenACheckInReachesBothDesks() {
        WsClient a = server.desk();
        WsClient b = server.desk();
        JsonNode hello = a.frames().getFirst();
        assertThat(hello.path("type").asText()).isEqualTo("hello");
        assertThat(hello.path("payload").path("protocolVersion").asInt()).isEqualTo(1);
        assertThat(a.frames().get(1).path("type").asText()).isEqualTo("initial_stats");

        String id = a.sendFrame("check_in", Map.of("clientRequestId", "sock-1", "membershipNumber", "M0002",
                "location", "Front desk"));
        JsonNode reply = a.awaitReply(id, WAIT);
        assertThat(reply.path("type").asText()).isEqualTo("check_in_success");
        assertThat(reply.path("payload").path("checkIn").path("membershipNumber").asText()).isEqualTo("M0002");

        JsonNode seen = b.awaitType("member_checked_in", WAIT);
        assertThat(seen.path("seq").asLong()).isPositive();
        assertThat(seen.path("payload").path("memberName").asText())
                .isEqualTo(reply.path("payload").path("checkIn").path("memberName").asText());
        // The figures after the check-in ride in its event: one frame per change.
        assertThat(seen.path("payload").path("stats"))
                .isEqualTo(reply.path("payload").path("stats"));
        a.close();
        b.close();
    }
}
