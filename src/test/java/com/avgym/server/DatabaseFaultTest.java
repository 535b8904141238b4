package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real database fault: the visits table disappears under a running server. Commands answer INTERNAL
 * (the only retryable code) and the socket stays open; a new socket that cannot get its starting
 * stats is closed with 1011; sign-in and heartbeats, which do not need the table, keep working.
 */
class DatabaseFaultTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void breakVisitsTable() throws Exception {
        try (Connection c = server.server().database().dataSource().getConnection()) {
            c.createStatement().execute("ALTER TABLE check_ins RENAME TO check_ins_gone");
        }
    }

    @Test
    void commandsAnswerInternalAndTheSocketSurvives() throws Exception {
        WsClient desk = server.desk();
        breakVisitsTable();

        String id = desk.sendFrame("check_in", Map.of("clientRequestId", "db-fault-1", "membershipNumber", "M0001",
                "location", "Front desk"));
        JsonNode reply = desk.awaitReply(id, WAIT);
        assertThat(reply.path("type").asText()).isEqualTo("check_in_error");
        assertThat(reply.path("payload").path("code").asText()).isEqualTo("INTERNAL");
        assertThat(reply.path("payload").path("retryable").asBoolean()).isTrue();

        String hb = desk.sendFrame("heartbeat", Map.of());
        assertThat(desk.awaitReply(hb, WAIT).path("type").asText()).isEqualTo("heartbeat_ack");
        assertThat(desk.isClosedNow()).isFalse();

        var rest = server.rest().post("/api/checkins/", server.login("desk").access(),
                Map.of("clientRequestId", "db-fault-2", "membershipNumber", "M0001", "location", "Front desk"));
        assertThat(rest.status()).isEqualTo(500);
        assertThat(rest.code()).isEqualTo("INTERNAL");
        desk.close();
    }

    @Test
    void aSocketThatCannotGetItsStartingStatsIsClosedWith1011() throws Exception {
        breakVisitsTable();
        WsClient desk = WsClient.connect(server.wsUrl(), server.login("desk").access());
        WsClient.Closed closed = desk.awaitClose(WAIT);
        assertThat(closed.code()).isEqualTo(1011);
        assertThat(desk.frames()).extracting(f -> f.path("type").asText()).doesNotContain("initial_stats");
    }
}
