package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.avgym.protocol.Json;
import com.avgym.protocol.message.TokenPair;
import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.TwoNodes;
import com.avgym.server.support.WsClient;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 3: logout, refresh-token re-use and deactivation handled by node A close the affected sockets
 * held by node B, with the close codes of one node (4401 / 4403). Two server instances on one PostgreSQL.
 */
class ControlChannelClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private TwoNodes nodes;

    @BeforeEach
    void start() {
        assumeTrue(TestServer.onPostgres(), "needs PostgreSQL (-Ppostgres)");
        nodes = TwoNodes.start();
    }

    @AfterEach
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void logoutOnOneNodeClosesTheSessionsSocketOnTheOtherWith4401AndLeavesOtherSessionsOpen() {
        TokenPair leaving = nodes.a.login("desk");
        TokenPair staying = nodes.a.login("desk");
        WsClient onB = WsClient.open(nodes.b.wsUrl(), leaving.access());
        WsClient otherOnB = WsClient.open(nodes.b.wsUrl(), staying.access());
        try {
            Rest.Response out = nodes.a.rest().post("/api/auth/logout", leaving.access(), Map.of("refresh", leaving.refresh()));
            assertThat(out.status()).isEqualTo(200);

            assertThat(onB.awaitClose(WAIT).code()).isEqualTo(4401);
            JsonAck ack = new JsonAck(otherOnB);
            assertThat(ack.heartbeat()).isEqualTo("heartbeat_ack");
        } finally {
            onB.close();
            otherOnB.close();
        }
    }

    @Test
    void reusingARotatedRefreshTokenOnOneNodeClosesTheSessionsSocketOnTheOther() {
        TokenPair first = nodes.a.login("desk");
        WsClient onB = WsClient.open(nodes.b.wsUrl(), first.access());
        try {
            Rest.Response rotated = nodes.a.rest().post("/api/auth/token/refresh", null, Map.of("refresh", first.refresh()));
            assertThat(rotated.status()).isEqualTo(200);
            TokenPair second = Json.convert(rotated.body(), TokenPair.class);
            assertThat(nodes.a.rest().post("/api/auth/token/refresh", null, Map.of("refresh", second.refresh())).status())
                    .isEqualTo(200);
            // The first token again, long after its successor was used: it leaked, the whole chain goes.
            Rest.Response reused = nodes.a.rest().post("/api/auth/token/refresh", null, Map.of("refresh", first.refresh()));
            assertThat(reused.status()).isEqualTo(401);
            assertThat(reused.code()).isEqualTo("TOKEN_REVOKED");

            assertThat(onB.awaitClose(WAIT).code()).isEqualTo(4401);
        } finally {
            onB.close();
        }
    }

    @Test
    void deactivatingAUserOnOneNodeClosesItsSocketsOnBothNodesWith4403() {
        String admin = nodes.a.login("admin").access();
        WsClient trainerOnA = WsClient.open(nodes.a.wsUrl(), nodes.a.login("trainer").access());
        WsClient trainerOnB = WsClient.open(nodes.b.wsUrl(), nodes.b.login("trainer").access());
        WsClient deskOnB = nodes.b.desk();
        try {
            Rest.Response off = nodes.a.rest().patch("/api/users/trainer", admin, Map.of("active", false));
            assertThat(off.status()).isEqualTo(200);

            assertThat(trainerOnA.awaitClose(WAIT).code()).isEqualTo(4403);
            assertThat(trainerOnB.awaitClose(WAIT).code()).isEqualTo(4403);
            assertThat(new JsonAck(deskOnB).heartbeat()).isEqualTo("heartbeat_ack");
        } finally {
            trainerOnA.close();
            trainerOnB.close();
            deskOnB.close();
        }
    }

    @Test
    void aRoleChangeThatRemovesWritesOnOneNodeClosesTheSocketOnTheOther() {
        String admin = nodes.a.login("admin").access();
        WsClient deskOnB = nodes.b.desk();
        try {
            assertThat(nodes.a.rest().patch("/api/users/desk", admin, Map.of("role", "trainer")).status()).isEqualTo(200);
            assertThat(deskOnB.awaitClose(WAIT).code()).isEqualTo(4403);
        } finally {
            deskOnB.close();
        }
    }

    /**
     * A real fault: B's LISTEN connection is killed, and the session is revoked behind its back (no NOTIFY reaches
     * it). When B listens again it re-checks its sockets and closes the revoked one.
     */
    @Test
    void aNodeThatLostItsListenConnectionClosesSocketsRevokedMeanwhileOnceItListensAgain() throws Exception {
        TokenPair tokens = nodes.a.login("desk");
        WsClient onB = WsClient.open(nodes.b.wsUrl(), tokens.access());
        try {
            assertThat(nodes.terminate(nodes.b, "avgym-listen")).isEqualTo(1);
            try (Connection c = nodes.sql(); var ps = c.prepareStatement("UPDATE sessions SET revoked_at = 1 WHERE id = "
                    + "(SELECT session_id FROM refresh_tokens ORDER BY issued_at DESC LIMIT 1)")) {
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            assertThat(onB.awaitClose(WAIT).code()).isEqualTo(4401);
            await().atMost(WAIT).until(() -> nodes.b.server().control().listening());
        } finally {
            onB.close();
        }
    }

    /** Sends a heartbeat and returns the reply's type: the socket still works. */
    private record JsonAck(WsClient socket) {
        String heartbeat() {
            return socket.awaitReply(socket.sendFrame("heartbeat", Map.of()), WAIT).path("type").asText();
        }
    }
}
